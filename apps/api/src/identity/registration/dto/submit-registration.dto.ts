import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DayPeriod,
  MAX_SKILL_LENGTH,
  MAX_SKILLS,
  Weekday,
  type FreeTimeSlot,
  type SubmitRegistrationRequest,
} from '@sbd/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsString,
  Matches,
  MaxLength,
  Max,
  Min,
  IsObject,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCnIdNumber, IsCnMobile, IsNotBlank, IsOptionalNotNull } from '../../../platform/validation/decorators';

export class FreeTimeSlotDto implements FreeTimeSlot {
  @ApiProperty({ enum: Weekday, description: '1 = Monday … 7 = Sunday' })
  @IsInt({ message: '星期必须是1到7的整数' })
  @Min(1, { message: '星期必须是1到7的整数' })
  @Max(7, { message: '星期必须是1到7的整数' })
  weekday: Weekday;

  @ApiProperty({ enum: DayPeriod })
  @IsEnum(DayPeriod)
  period: DayPeriod;
}

export class SubmitRegistrationDto implements SubmitRegistrationRequest {
  @ApiProperty({ description: 'Community code from the QR code' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: '社区编码格式不正确' })
  communityCode: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  name: string;

  @ApiProperty({ example: '13912345678' })
  @IsCnMobile()
  phone: string;

  @ApiPropertyOptional({ description: 'Optional; stored encrypted' })
  @IsOptionalNotNull()
  @IsCnIdNumber()
  idNumber?: string;

  @ApiPropertyOptional({ description: 'A listed work unit; or give workUnitName' })
  @ValidateIf((o: SubmitRegistrationDto) => o.workUnitId !== undefined || !o.workUnitName)
  @IsInt({ message: '请选择工作单位或填写单位名称' })
  @Min(1)
  workUnitId?: number;

  @ApiPropertyOptional()
  @ValidateIf((o: SubmitRegistrationDto) => o.workUnitName !== undefined || o.workUnitId === undefined)
  @IsString({ message: '请选择工作单位或填写单位名称' })
  @IsNotBlank()
  @MaxLength(100)
  workUnitName?: string;

  @ApiProperty({ example: '市税务局机关党委第二支部' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  unitPartyOrgName: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  buildingId?: number;

  @ApiProperty({ example: '3号楼2单元501' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  residenceDetail: string;

  @ApiProperty({ type: [String], example: ['法律咨询', '电脑维修'] })
  @IsArray()
  @ArrayMaxSize(MAX_SKILLS)
  @IsString({ each: true })
  @MaxLength(MAX_SKILL_LENGTH, { each: true })
  skills: string[];

  @ApiProperty({ type: [FreeTimeSlotDto] })
  @IsArray()
  @ArrayMaxSize(21)
  @IsObject({ each: true, message: '空闲时间的每一项必须是星期和时段' })
  @ValidateNested({ each: true })
  @Type(() => FreeTimeSlotDto)
  freeTime: FreeTimeSlotDto[];

  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsInt({ each: true })
  positionIds: number[];

  @ApiProperty({ example: '2026-11' })
  @IsString()
  @MaxLength(20)
  consentVersion: string;
}
