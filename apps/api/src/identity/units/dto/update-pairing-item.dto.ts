import { ApiPropertyOptional } from '@nestjs/swagger';
import { PairingItemStatus, type UpdatePairingItemRequest } from '@sbd/contracts';
import { IsEnum, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsNotBlank } from '../../../platform/validation/decorators';

/** Absent fields stay as they are; null is refused for title and status (NOT NULL), and clears the description. */
export class UpdatePairingItemDto implements UpdatePairingItemRequest {
  @ApiPropertyOptional()
  @ValidateIf((_, v: unknown) => v !== undefined)
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
  @ValidateIf((_, v: unknown) => v !== undefined)
  @IsEnum(PairingItemStatus)
  status?: PairingItemStatus;
}
