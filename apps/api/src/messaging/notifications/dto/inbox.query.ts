import { ApiPropertyOptional } from '@nestjs/swagger';
import type { InboxQuery } from '@sbd/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { IdPageQuery } from '../../../platform/validation/id-page.query';

export class InboxQueryDto extends IdPageQuery implements InboxQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unreadOnly?: boolean;
}
