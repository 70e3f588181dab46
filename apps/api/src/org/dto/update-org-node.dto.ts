import { ApiPropertyOptional } from '@nestjs/swagger';
import type { UpdateOrgNodeRequest } from '@sbd/contracts';
import { IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsNotBlank, Latitude, Longitude } from '../../platform/validation/decorators';

/** Absent fields stay as they are; a null name is refused (the column is NOT NULL), null clears the others. */
export class UpdateOrgNodeDto implements UpdateOrgNodeRequest {
  @ApiPropertyOptional()
  @ValidateIf((_, v: unknown) => v !== undefined)
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Latitude()
  latitude?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Longitude()
  longitude?: number;
}
