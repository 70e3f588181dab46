import { Type } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CallupResponse,
  PII_REVEAL_REASON_MAX,
  type CreateCallupRequest,
  type MusterExportQuery,
  type FormCallupGroupsRequest,
  type RespondCallupRequest,
  type CallupScopeQuery,
} from '@sbd/contracts';
import { IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsNotBlank, Latitude, Longitude } from '../../../platform/validation/decorators';
import { IsDateTime } from '../../../platform/validation/date-time';
import { RevealReason } from '../../../platform/privacy/dto/reveal-pii.dto';

export class CreateCallupDto implements CreateCallupRequest {
  @ApiProperty({ description: 'Org node whose approved members are called (community, street, grid, branch)' })
  @IsInt()
  @Min(1)
  scopeNodeId: number;

  @ApiProperty({ example: '暴雨防汛应急集结' })
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  title: string;

  @ApiProperty()
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  description: string;

  @ApiProperty({ example: '桃园社区党群服务中心' })
  @IsString()
  @IsNotBlank()
  @MaxLength(255)
  place: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Latitude()
  latitude?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Longitude()
  longitude?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateTime({}, { message: '集合时间必须是有效的日期时间' })
  musterAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  needed?: number;
}

export class RespondCallupDto implements RespondCallupRequest {
  @ApiProperty({ enum: CallupResponse })
  @IsEnum(CallupResponse)
  response: CallupResponse;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(24 * 60)
  etaMinutes?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class FormGroupsDto implements FormCallupGroupsRequest {
  @ApiProperty({ example: 5 })
  @IsInt()
  @Min(1)
  @Max(100)
  groupSize: number;
}

export class CallupListQuery implements CallupScopeQuery {
  @ApiProperty({ description: 'Org node (community, street…) whose call-ups to list' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  scopeNodeId: number;
}

/** GET /api/callups/:id/muster.xlsx: full phones only with a reason (audited). */
export class MusterQuery implements MusterExportQuery {
  @ApiPropertyOptional({ maxLength: PII_REVEAL_REASON_MAX, description: 'Full phones, audited; masked without it' })
  @IsOptional()
  @RevealReason()
  reason?: string;
}
