import { ApiPropertyOptional } from '@nestjs/swagger';
import { OrgNodeType, type OrgChildrenQuery } from '@sbd/contracts';
import { IsEnum, IsIn, IsOptional } from 'class-validator';

export class ListChildrenQuery implements OrgChildrenQuery {
  @ApiPropertyOptional({ enum: OrgNodeType })
  @IsOptional()
  @IsEnum(OrgNodeType)
  type?: OrgNodeType;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Closed nodes too (the console tree); pickers leave it out',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeClosed?: 'true' | 'false';
}
