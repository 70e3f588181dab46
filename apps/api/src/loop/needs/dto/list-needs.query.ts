import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  NeedCategory,
  NeedStatus,
  SUMMARY_PERIODS,
  type MyNeedListQuery,
  type SummaryPeriod,
  type NeedListQuery,
  type NeedPeriodQuery,
} from '@sbd/contracts';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, Matches, Min } from 'class-validator';
import { IdPageQuery } from '../../../platform/validation/id-page.query';

export class MyNeedsQuery extends IdPageQuery implements MyNeedListQuery {
  @ApiPropertyOptional({ enum: NeedStatus })
  @IsOptional()
  @IsEnum(NeedStatus, { message: '需求状态的取值不在允许范围内' })
  status?: NeedStatus;
}

export class CommunityNeedsQuery extends MyNeedsQuery implements NeedListQuery {
  @ApiPropertyOptional({ enum: NeedCategory })
  @IsOptional()
  @IsEnum(NeedCategory, { message: '需求类别的取值不在允许范围内' })
  category?: NeedCategory;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '小区/楼栋必须是整数' })
  @Min(1, { message: '小区/楼栋必须是整数' })
  buildingId?: number;
}

export { SUMMARY_PERIODS, type SummaryPeriod };

export class NeedSummaryQuery implements NeedPeriodQuery {
  @ApiProperty({ enum: SUMMARY_PERIODS, description: '日汇总 day, 周研判 week (Monday to Sunday), 月总结 month' })
  @IsIn(SUMMARY_PERIODS, { message: '统计周期只能是 day、week 或 month' })
  period: SummaryPeriod;

  @ApiPropertyOptional({
    example: '2026-03-15',
    description: 'A day inside the period (Asia/Shanghai); today by default',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' })
  date?: string;
}
