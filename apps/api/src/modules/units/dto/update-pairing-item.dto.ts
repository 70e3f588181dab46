import { ApiPropertyOptional } from '@nestjs/swagger';
import { PairingItemStatus, type UpdatePairingItemRequest } from '@sbd/contracts';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../../common/validation/decorators';

export class UpdatePairingItemDto implements UpdatePairingItemRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional({ enum: PairingItemStatus })
  @IsOptional()
  @IsEnum(PairingItemStatus)
  status?: PairingItemStatus;
}
