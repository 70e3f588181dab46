import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MemberFlag,
  RosterMatchDecision,
  type RosterDecisionBody,
  type MemberRecordFilter,
  type RosterUploadQuery,
  type RosterListQuery,
  type MemberRecordsExportQuery,
  type MemberRecordsListQuery,
  type ReportYearQuery,
} from '@sbd/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class UploadRosterQuery implements RosterUploadQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'When the file has errors: import only the valid rows (otherwise nothing is imported)',
  })
  @IsOptional()
  @IsIn(['true', 'false', '1', '0'], { message: 'confirmValidOnly 只能是 true 或 false' })
  confirmValidOnly?: string;
}

export class RosterDecisionDto implements RosterDecisionBody {
  @ApiProperty({ description: 'The candidate registration of the 待核对 entry' })
  @Type(() => Number)
  @IsInt({ message: '请选择要核对的队员' })
  @Min(1, { message: '请选择要核对的队员' })
  registrationId: number;

  @ApiProperty({ enum: RosterMatchDecision })
  @IsIn(Object.values(RosterMatchDecision), { message: '核对结果只能是确认或驳回' })
  decision: RosterMatchDecision;
}

export class ListRosterQuery implements RosterListQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,10}$/, { message: '分页游标无效' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

const FILTERS: MemberRecordFilter[] = [...Object.values(MemberFlag), 'honours'];

export class MemberRecordsFilterQuery implements MemberRecordsExportQuery {
  @ApiPropertyOptional({ enum: FILTERS, description: 'Only members with this flag, or the honours recommendations' })
  @IsOptional()
  @IsIn(FILTERS, { message: '筛选条件不在允许范围内' })
  flag?: MemberRecordFilter;

  @ApiPropertyOptional({
    example: 2026,
    description: 'Calendar year of the figures (Asia/Shanghai); this year by default',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年份必须是整数' })
  @Min(2000, { message: '年份无效' })
  @Max(2999, { message: '年份无效' })
  year?: number;
}

export class MemberRecordsQuery extends MemberRecordsFilterQuery implements MemberRecordsListQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[er]\d{1,10}$/, { message: '分页游标无效' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class AnnualReportQuery implements ReportYearQuery {
  @ApiPropertyOptional({ example: 2026, description: 'Calendar year (Asia/Shanghai); this year by default' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年份必须是整数' })
  @Min(2000, { message: '年份无效' })
  @Max(2999, { message: '年份无效' })
  year?: number;
}
