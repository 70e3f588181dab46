import { ApiPropertyOptional } from '@nestjs/swagger';
import { TaskKind, TaskStatus, type TaskListQuery, type MemberFeedQuery } from '@sbd/contracts';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsDateTime } from '../../../platform/validation/date-time';
import { IdPageQuery } from '../../../platform/validation/id-page.query';

/** Staff list of a community's tasks. */
export class ListTasksQuery extends IdPageQuery implements TaskListQuery {
  @ApiPropertyOptional({ enum: TaskStatus })
  @IsOptional()
  @IsEnum(TaskStatus)
  status?: TaskStatus;
}

/** A member's feed of open tasks: own community first, then the rest of the street. */
export class TaskFeedQuery implements MemberFeedQuery {
  @ApiPropertyOptional({ enum: TaskKind })
  @IsOptional()
  @IsEnum(TaskKind)
  kind?: TaskKind;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  positionId?: number;

  @ApiPropertyOptional({ description: 'Tasks starting at or after (ISO)' })
  @IsOptional()
  @IsDateTime({ dateOnly: true }, { message: '起始时间必须是有效的日期或日期时间' })
  from?: string;

  @ApiPropertyOptional({ description: 'Tasks starting before (ISO)' })
  @IsOptional()
  @IsDateTime({ dateOnly: true }, { message: '截止时间必须是有效的日期或日期时间' })
  to?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[01]\.\d{13}\.\d{1,10}$/, { message: '分页游标无效' })
  cursor?: string;

  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
