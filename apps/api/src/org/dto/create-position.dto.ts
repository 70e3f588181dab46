import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreatePositionRequest } from '@sbd/contracts';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsNotBlank } from '../../platform/validation/decorators';

export class CreatePositionDto implements CreatePositionRequest {
  @ApiProperty({ example: 'legal' })
  @IsString()
  @Matches(/^[a-z0-9_-]{2,32}$/, { message: '岗位编码只能包含小写字母、数字、下划线和短横线，长度2到32位' })
  code: string;

  @ApiProperty({ example: '法律援助' })
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(9999)
  sortOrder?: number;
}
