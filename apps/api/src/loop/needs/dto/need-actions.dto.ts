import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  NEED_REASON_MAX,
  RATING_COMMENT_MAX,
  RATING_MAX,
  RATING_MIN,
  type AcceptNeedRequest,
  type FulfilNeedRequest,
  type MergeNeedRequest,
  type RateNeedRequest,
  type RejectNeedRequest,
  type ReleaseNeedRequest,
  type WithdrawNeedRequest,
} from '@sbd/contracts';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsNotBlank } from '../../../platform/validation/decorators';

/** An optional note on a decision (审核通过、受理、办结). */
export class NeedNoteDto implements ReleaseNeedRequest, AcceptNeedRequest, FulfilNeedRequest {
  @ApiPropertyOptional({ maxLength: NEED_REASON_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(NEED_REASON_MAX)
  note?: string;
}

export class RejectNeedDto implements RejectNeedRequest {
  @ApiProperty({ maxLength: NEED_REASON_MAX, example: '不属于社区服务范围，已转物业处理' })
  @IsString({ message: '请填写驳回原因' })
  @IsNotBlank({ message: '请填写驳回原因' })
  @MaxLength(NEED_REASON_MAX)
  reason: string;
}

export class MergeNeedDto implements MergeNeedRequest {
  @ApiProperty({ description: 'The need this one is the same thing as' })
  @IsInt({ message: '请选择要合并到的需求' })
  @Min(1, { message: '请选择要合并到的需求' })
  targetNeedId: number;

  @ApiPropertyOptional({ maxLength: NEED_REASON_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(NEED_REASON_MAX)
  note?: string;
}

export class WithdrawNeedDto implements WithdrawNeedRequest {
  @ApiPropertyOptional({ maxLength: NEED_REASON_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(NEED_REASON_MAX)
  reason?: string;
}

export class RateNeedDto implements RateNeedRequest {
  @ApiProperty({ minimum: RATING_MIN, maximum: RATING_MAX })
  @IsInt({ message: `评分必须是${RATING_MIN}到${RATING_MAX}的整数` })
  @Min(RATING_MIN, { message: `评分必须是${RATING_MIN}到${RATING_MAX}的整数` })
  @Max(RATING_MAX, { message: `评分必须是${RATING_MIN}到${RATING_MAX}的整数` })
  score: number;

  @ApiPropertyOptional({ maxLength: RATING_COMMENT_MAX })
  @IsOptional()
  @IsString({ message: '评价内容必须是文本' })
  @MaxLength(RATING_COMMENT_MAX, { message: `评价内容不能超过${RATING_COMMENT_MAX}个字` })
  comment?: string;

  @ApiProperty({ description: 'false = 没解决: the need is reopened' })
  @IsBoolean({ message: '请选择问题是否已解决' })
  resolved: boolean;
}
