import { ApiPropertyOptional } from '@nestjs/swagger';
import type { CommunityClaimListQuery } from '@sbd/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { IsDateTime } from '../../../platform/validation/date-time';
import { ListClaimsQuery } from './claim.dtos';

/** Staff's 服务核验 list of a community's claims: by task, status and the service's start. */
export class CommunityClaimsQuery extends ListClaimsQuery implements CommunityClaimListQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '任务编号必须是正整数' })
  @Min(1, { message: '任务编号必须是正整数' })
  taskId?: number;

  @ApiPropertyOptional({ description: 'Services starting on or after this day (YYYY-MM-DD, China time)' })
  @IsOptional()
  @IsDateTime({ dateOnly: true }, { message: '起始日期必须是有效的日期' })
  from?: string;

  @ApiPropertyOptional({ description: 'Services starting on or before this day (YYYY-MM-DD, China time)' })
  @IsOptional()
  @IsDateTime({ dateOnly: true }, { message: '截止日期必须是有效的日期' })
  to?: string;
}
