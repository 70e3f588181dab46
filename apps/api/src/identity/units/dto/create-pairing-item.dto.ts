import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PairingListType, type CreatePairingItemRequest } from '@sbd/contracts';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../../platform/validation/decorators';

export class CreatePairingItemDto implements CreatePairingItemRequest {
  @ApiProperty({ enum: PairingListType })
  @IsEnum(PairingListType)
  listType: PairingListType;

  @ApiProperty({ example: '老旧小区楼道照明维修' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;
}
