import { ApiPropertyOptional } from '@nestjs/swagger';
import { StatsGranularity, type NodeStatsQuery } from '@sbd/contracts';
import { IsEnum, IsOptional, Matches } from 'class-validator';

export class StatsQuery implements NodeStatsQuery {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'First day (Asia/Shanghai), included; default 1 January of this year',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '开始日期格式应为 YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Last day (Asia/Shanghai), included; default 31 December of the year of `from`',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '结束日期格式应为 YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({
    enum: StatsGranularity,
    default: StatsGranularity.Month,
    description: 'Buckets of the series: Monday-to-Sunday weeks or calendar months (Asia/Shanghai)',
  })
  @IsOptional()
  @IsEnum(StatsGranularity, { message: '统计粒度只能是 week 或 month' })
  granularity?: StatsGranularity;
}
