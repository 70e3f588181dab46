import { ApiPropertyOptional } from '@nestjs/swagger';
import { AuditAction, AuditObjectType, type AuditEventListQuery } from '@sbd/contracts';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, Matches, Min } from 'class-validator';
import { IsDateTime } from '../../validation/date-time';
import { IdPageQuery } from '../../validation/id-page.query';

/** Filters of the audit log; paged by id, newest first. */
export class AuditEventsQuery extends IdPageQuery implements AuditEventListQuery {
  @ApiPropertyOptional({ enum: AuditAction })
  @IsOptional()
  @IsEnum(AuditAction, { message: '操作类型不在允许范围内' })
  action?: AuditAction;

  @ApiPropertyOptional({ description: 'The account that acted' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '操作人编号必须是正整数' })
  @Min(1, { message: '操作人编号必须是正整数' })
  actorUserId?: number;

  @ApiPropertyOptional({ enum: AuditObjectType })
  @IsOptional()
  @IsEnum(AuditObjectType, { message: '对象类型不在允许范围内' })
  objectType?: AuditObjectType;

  @ApiPropertyOptional({ description: 'The object’s id (with objectType)' })
  @IsOptional()
  @Matches(/^[\w.:-]{1,64}$/, { message: '对象编号格式不正确' })
  objectId?: string;

  @ApiPropertyOptional({ description: 'Only events of this org node’s subtree' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '组织编号必须是正整数' })
  @Min(1, { message: '组织编号必须是正整数' })
  nodeId?: number;

  @ApiPropertyOptional({ description: 'Events at or after (ISO date-time with a zone)' })
  @IsOptional()
  @IsDateTime({}, { message: '起始时间必须是带时区的日期时间' })
  from?: string;

  @ApiPropertyOptional({ description: 'Events before (ISO date-time with a zone)' })
  @IsOptional()
  @IsDateTime({}, { message: '截止时间必须是带时区的日期时间' })
  to?: string;
}
