import { ApiPropertyOptional } from '@nestjs/swagger';
import type { UpdateOrgNodeRequest } from '@sbd/contracts';
import { IsLatitude, IsLongitude, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../../common/validation/decorators';

export class UpdateOrgNodeDto implements UpdateOrgNodeRequest {
  @ApiPropertyOptional()
  @IsOptional()
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
  @IsLatitude()
  latitude?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsLongitude()
  longitude?: number;
}
