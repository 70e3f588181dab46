import { ApiPropertyOptional } from '@nestjs/swagger';
import type { UpdatePositionRequest } from '@sbd/contracts';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsNotBlank } from '../../platform/validation/decorators';

/** Absent fields stay as they are; null is refused for the NOT NULL ones (IsOptional would let it through to the database). */
export class UpdatePositionDto implements UpdatePositionRequest {
  @ApiPropertyOptional()
  @ValidateIf((_, v: unknown) => v !== undefined)
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional()
  @ValidateIf((_, v: unknown) => v !== undefined)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional()
  @ValidateIf((_, v: unknown) => v !== undefined)
  @IsInt()
  @Min(0)
  @Max(9999)
  sortOrder?: number;
}
