import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MATCH_WEIGHT_MAX,
  type CreateInvitesRequest,
  type MatchWeights,
  type UpdateMatchWeightsRequest,
  type ListLimitQuery,
  type DateRangeQuery,
} from '@sbd/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNotNull } from '../../../platform/validation/decorators';
import { IsDateTime } from '../../../platform/validation/date-time';

export class CreateInvitesDto implements CreateInvitesRequest {
  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsInt({ each: true })
  userIds: number[];
}

export class MatchWeightsDto implements Partial<MatchWeights> {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsNumber() @Min(0) @Max(MATCH_WEIGHT_MAX) position?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsNumber() @Min(0) @Max(MATCH_WEIGHT_MAX) skill?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsNumber() @Min(0) @Max(MATCH_WEIGHT_MAX) distance?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsNumber() @Min(0) @Max(MATCH_WEIGHT_MAX) time?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsNumber() @Min(0) @Max(MATCH_WEIGHT_MAX) fairness?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsNumber() @Min(0) @Max(MATCH_WEIGHT_MAX) rating?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsNumber() @Min(0) @Max(MATCH_WEIGHT_MAX) urgency?: number;
}

export class UpdateMatchWeightsDto implements UpdateMatchWeightsRequest {
  @ApiProperty({ type: MatchWeightsDto })
  // Without IsObject an array passes ValidateNested: [] or [{…}] was stored as the weights.
  @IsObject({ message: '推荐权重格式不正确' })
  @ValidateNested()
  @Type(() => MatchWeightsDto)
  weights: MatchWeightsDto;
}

export class LimitQuery implements ListLimitQuery {
  @ApiPropertyOptional({ default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class PeriodQuery implements DateRangeQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsDateTime({ dateOnly: true }, { message: '起始时间必须是有效的日期或日期时间' })
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateTime({ dateOnly: true }, { message: '截止时间必须是有效的日期或日期时间' })
  to?: string;
}
