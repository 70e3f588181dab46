import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  TASK_CAPACITY_MAX,
  TASK_DESCRIPTION_MAX,
  TASK_TITLE_MAX,
  TaskKind,
  TaskTarget,
  type CreateTaskRequest,
  type PointsRule,
} from '@sbd/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  IsNumber,
} from 'class-validator';
import { IsNotBlank } from '../../../common/validation/decorators';

export class PointsRuleDto implements PointsRule {
  @ApiProperty({ example: 10 })
  @IsInt()
  @Min(0)
  @Max(1000)
  perHour: number;

  @ApiProperty({ example: 5 })
  @IsInt()
  @Min(0)
  @Max(1000)
  minimum: number;

  @ApiProperty({ example: 100 })
  @IsInt()
  @Min(0)
  @Max(10000)
  max: number;
}

export class CreateTaskDto implements CreateTaskRequest {
  @ApiProperty()
  @IsInt()
  @Min(1)
  communityId: number;

  @ApiProperty({ enum: TaskKind })
  @IsEnum(TaskKind)
  kind: TaskKind;

  @ApiProperty({ enum: TaskTarget })
  @IsEnum(TaskTarget)
  target: TaskTarget;

  @ApiProperty({ example: '3号楼楼道灯维修' })
  @IsString()
  @IsNotBlank()
  @MaxLength(TASK_TITLE_MAX)
  title: string;

  @ApiProperty()
  @IsString()
  @IsNotBlank()
  @MaxLength(TASK_DESCRIPTION_MAX)
  description: string;

  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(1)
  @Max(TASK_CAPACITY_MAX)
  capacity: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  waitlist?: boolean;

  @ApiProperty({ example: '2026-11-28T01:00:00.000Z' })
  @IsISO8601({ strict: true })
  startAt: string;

  @ApiProperty({ example: '2026-11-28T03:00:00.000Z' })
  @IsISO8601({ strict: true })
  endAt: string;

  @ApiProperty({ example: '桃园小区3号楼' })
  @IsString()
  @IsNotBlank()
  @MaxLength(255)
  place: string;

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

  @ApiPropertyOptional({ default: 500 })
  @IsOptional()
  @IsInt()
  @Min(20)
  @Max(5000)
  checkinRadiusM?: number;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsInt({ each: true })
  positionIds?: number[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ type: PointsRuleDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PointsRuleDto)
  pointsRule?: PointsRuleDto;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsInt({ each: true })
  needIds?: number[];

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsInt({ each: true })
  branchIds?: number[];

  @ApiPropertyOptional({ default: 120 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 60)
  withdrawCutoffMinutes?: number;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  publish?: boolean;
}
