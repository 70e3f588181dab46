import type { PageQuery } from '@sbd/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/**
 * Keyset paging by id, newest first: `cursor` is the previous page's `nextCursor` (the id of its
 * last row), so every page is one indexed range read however deep it is.
 */
export class IdPageQuery implements PageQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,10}$/, { message: '分页游标无效' })
  cursor?: string;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
