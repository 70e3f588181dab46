import { ApiPropertyOptional } from '@nestjs/swagger';
import { PairingListType, type PairingItemListQuery } from '@sbd/contracts';
import { IsEnum, IsOptional } from 'class-validator';

export class ListItemsQuery implements PairingItemListQuery {
  @ApiPropertyOptional({ enum: PairingListType })
  @IsOptional()
  @IsEnum(PairingListType)
  listType?: PairingListType;
}
