import { ApiPropertyOptional } from '@nestjs/swagger';
import type { UpdateOrgNodeRequest } from '@sbd/contracts';
import { IsLatitude, IsLongitude, IsOptional, IsString, MaxLength, ValidateIf, IsNumber } from 'class-validator';
import { IsNotBlank } from '../../../common/validation/decorators';

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
  @IsNumber({}, { message: '纬度必须是数字' })
  @IsLatitude()
  latitude?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({}, { message: '经度必须是数字' })
  @IsLongitude()
  longitude?: number;
}
