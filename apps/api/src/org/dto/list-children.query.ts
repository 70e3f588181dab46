import { ApiPropertyOptional } from '@nestjs/swagger';
import { OrgNodeType } from '@sbd/contracts';
import { IsEnum, IsOptional } from 'class-validator';

export class ListChildrenQuery {
  @ApiPropertyOptional({ enum: OrgNodeType })
  @IsOptional()
  @IsEnum(OrgNodeType)
  type?: OrgNodeType;
}
