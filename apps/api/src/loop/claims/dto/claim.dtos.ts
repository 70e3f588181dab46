import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ClaimStatus,
  RATING_MAX,
  RATING_MIN,
  type CheckInRequest,
  type CreateClaimRequest,
  type RejectClaimRequest,
  type VerifyClaimRequest,
  type WithdrawClaimRequest,
  type RateServiceRequest,
  type BackfillRequest,
  type ClaimListQuery,
} from '@sbd/contracts';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsNotBlank, IsOptionalNotNull, Latitude, Longitude } from '../../../platform/validation/decorators';
import { IdPageQuery } from '../../../platform/validation/id-page.query';

export class CreateClaimDto implements CreateClaimRequest {
  @ApiProperty()
  @IsInt()
  @Min(1)
  taskId: number;

  @ApiPropertyOptional({ description: 'Branch secretary only: the branch claiming' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  branchId?: number;

  @ApiPropertyOptional({ type: [Number], description: 'Branch secretary only: members to assign' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsInt({ each: true })
  memberUserIds?: number[];

  @ApiPropertyOptional({ default: true, description: 'Join the waitlist when the task is full' })
  @IsOptional()
  @IsBoolean()
  joinWaitlist?: boolean;
}

export class WithdrawClaimDto implements WithdrawClaimRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

/** Check in or out with the rotating code, or by location inside the task's radius. */
export class CheckInDto implements CheckInRequest {
  @ApiPropertyOptional({ example: '123456' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: '签到码为6位数字' })
  code?: string;

  // Not nullable: a null coordinate is not "absent" to the service, it reached the distance and threw (500).
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @Latitude()
  latitude?: number;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @Longitude()
  longitude?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(10000)
  accuracyM?: number;
}

export class VerifyClaimDto implements VerifyClaimRequest {
  @ApiPropertyOptional({
    minimum: RATING_MIN,
    maximum: RATING_MAX,
    description: 'The community’s rating of the service',
  })
  // Not nullable: the service rates whenever score !== undefined, and ratings.score is NOT NULL (was a 500).
  @IsOptionalNotNull()
  @IsInt()
  @Min(RATING_MIN)
  @Max(RATING_MAX)
  score?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  comment?: string;
}

export class RejectClaimDto implements RejectClaimRequest {
  @ApiProperty({ example: '签到后未实际参加服务' })
  @IsString()
  @IsNotBlank({ message: '请填写不通过的原因' })
  @MaxLength(200)
  reason: string;
}

export class RateServiceDto implements RateServiceRequest {
  @ApiProperty({ minimum: RATING_MIN, maximum: RATING_MAX })
  @IsInt()
  @Min(RATING_MIN)
  @Max(RATING_MAX)
  score: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  comment?: string;
}

export class BackfillDto implements BackfillRequest {
  @ApiProperty()
  @IsInt()
  @Min(1)
  userId: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  communityId: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  // Stored as given (the service does not look the task up): beyond INT it was a 500 on MySQL.
  @Max(2_147_483_647)
  taskId?: number;

  @ApiProperty({ example: 2.5, description: 'Hours, in half hours' })
  @IsNumber({}, { message: '时长必须是数字' })
  @Min(0.5)
  @Max(24)
  hours: number;

  @ApiProperty({ example: '系统上线前的线下服务' })
  @IsString()
  @IsNotBlank({ message: '请填写补录原因' })
  @MaxLength(200)
  reason: string;
}

export class ListClaimsQuery extends IdPageQuery implements ClaimListQuery {
  @ApiPropertyOptional({ enum: ClaimStatus })
  @IsOptional()
  @IsEnum(ClaimStatus)
  status?: ClaimStatus;
}
