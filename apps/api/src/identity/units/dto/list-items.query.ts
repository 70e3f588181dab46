import { ApiPropertyOptional } from '@nestjs/swagger';
import { PairingListType } from '@sbd/contracts';
import { IsEnum, IsOptional } from 'class-validator';

export class ListItemsQuery {
  @ApiPropertyOptional({ enum: PairingListType })
  @IsOptional()
  @IsEnum(PairingListType)
  listType?: PairingListType;
}
