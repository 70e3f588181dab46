import { ApiPropertyOptional } from '@nestjs/swagger';
import { OrgNodeType, type OrgChildrenQuery } from '@sbd/contracts';
import { IsEnum, IsOptional } from 'class-validator';

export class ListChildrenQuery implements OrgChildrenQuery {
  @ApiPropertyOptional({ enum: OrgNodeType })
  @IsOptional()
  @IsEnum(OrgNodeType)
  type?: OrgNodeType;
}
