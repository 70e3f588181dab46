import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHECKIN_RADIUS_MAX_M,
  CHECKIN_RADIUS_MIN_M,
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
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  IsObject,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { IsNotBlank, Latitude, Longitude } from '../../../platform/validation/decorators';
import { IsDateTime } from '../../../platform/validation/date-time';

/**
 * `minimum` ≤ `max`: the domain refuses any other rule when it computes the points, so such a task
 * could be published and then answered 500 at every verification of its claims.
 */
function NotAboveMax(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notAboveMax',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '起步积分不能大于积分上限', ...options },
      validator: {
        validate: (v: unknown, args) => {
          const max = (args?.object as { max?: unknown } | undefined)?.max;
          return typeof v !== 'number' || typeof max !== 'number' || v <= max;
        },
      },
    });
}

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
  @NotAboveMax()
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
  @IsDateTime({}, { message: '开始时间必须是有效的日期时间' })
  startAt: string;

  @ApiProperty({ example: '2026-11-28T03:00:00.000Z' })
  @IsDateTime({}, { message: '结束时间必须是有效的日期时间' })
  endAt: string;

  @ApiProperty({ example: '桃园小区3号楼' })
  @IsString()
  @IsNotBlank()
  @MaxLength(255)
  place: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Latitude()
  latitude?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Longitude()
  longitude?: number;

  @ApiPropertyOptional({ default: 500 })
  @IsOptional()
  @IsInt()
  @Min(CHECKIN_RADIUS_MIN_M)
  @Max(CHECKIN_RADIUS_MAX_M)
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
  // Without IsObject an array passes ValidateNested (each element is validated) and reaches the insert.
  @IsObject({ message: '积分规则格式不正确' })
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
