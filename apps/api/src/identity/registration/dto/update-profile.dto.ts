import { ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_SKILL_LENGTH, MAX_SKILLS, type UpdateProfileRequest } from '@sbd/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsObject,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsNotBlank, IsOptionalNotNull } from '../../../platform/validation/decorators';
import { FreeTimeSlotDto } from './submit-registration.dto';

export class UpdateProfileDto implements UpdateProfileRequest {
  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_SKILLS)
  @IsString({ each: true })
  @MaxLength(MAX_SKILL_LENGTH, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ type: [FreeTimeSlotDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(21)
  @IsObject({ each: true, message: '空闲时间的每一项必须是星期和时段' })
  @ValidateNested({ each: true })
  @Type(() => FreeTimeSlotDto)
  freeTime?: FreeTimeSlotDto[];

  @ApiPropertyOptional({ type: [Number] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsInt({ each: true })
  positionIds?: number[];

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  buildingId?: number;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  residenceDetail?: string;
}
