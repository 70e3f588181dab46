import { ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_SKILL_LENGTH, MAX_SKILLS, type UpdateProfileRequest } from '@sbd/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsNotBlank } from '../../../common/validation/decorators';
import { FreeTimeSlotDto } from './submit-registration.dto';

export class UpdateProfileDto implements UpdateProfileRequest {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SKILLS)
  @IsString({ each: true })
  @MaxLength(MAX_SKILL_LENGTH, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ type: [FreeTimeSlotDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(21)
  @ValidateNested({ each: true })
  @Type(() => FreeTimeSlotDto)
  freeTime?: FreeTimeSlotDto[];

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsInt({ each: true })
  positionIds?: number[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  buildingId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  residenceDetail?: string;
}
