import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  NEED_DESCRIPTION_MAX,
  NEED_MAX_PHOTOS,
  NEED_TITLE_MAX,
  NeedCategory,
  type CreateNeedRequest,
} from '@sbd/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCnMobile, IsNotBlank } from '../../../platform/validation/decorators';
import { IsDateTime } from '../../../platform/validation/date-time';

/** Photos are URLs of the poster's own uploads (POST /api/uploads). */
export const UPLOAD_URL_PATTERN = /^\/api\/uploads\/[0-9a-f-]{36}$/;

/** 代点单: the resident staff post for. */
export class OnBehalfOfDto {
  @ApiProperty({ example: '王秀英' })
  @IsString({ message: '请填写居民姓名' })
  @IsNotBlank({ message: '请填写居民姓名' })
  @MaxLength(50, { message: '居民姓名不能超过50个字符' })
  name: string;

  @ApiPropertyOptional({ example: '13912345678', description: 'Stored encrypted' })
  @IsOptional()
  @IsCnMobile()
  phone?: string;
}

export class CreateNeedDto implements CreateNeedRequest {
  @ApiProperty()
  @IsInt({ message: '请选择社区' })
  @Min(1, { message: '请选择社区' })
  communityId: number;

  @ApiProperty({ enum: NeedCategory })
  @IsEnum(NeedCategory, { message: '请选择需求类别' })
  category: NeedCategory;

  @ApiProperty({ maxLength: NEED_TITLE_MAX, example: '3号楼楼道灯坏了' })
  @IsString({ message: '请填写需求标题' })
  @IsNotBlank({ message: '请填写需求标题' })
  @MaxLength(NEED_TITLE_MAX, { message: `标题不能超过${NEED_TITLE_MAX}个字` })
  title: string;

  @ApiProperty({ maxLength: NEED_DESCRIPTION_MAX })
  @IsString({ message: '请描述您的需求' })
  @IsNotBlank({ message: '请描述您的需求' })
  @MaxLength(NEED_DESCRIPTION_MAX, { message: `描述不能超过${NEED_DESCRIPTION_MAX}个字` })
  description: string;

  @ApiPropertyOptional({ description: '小区/楼栋 (an org node of type building in the community)' })
  @IsOptional()
  @IsInt({ message: '请选择小区/楼栋' })
  @Min(1, { message: '请选择小区/楼栋' })
  buildingId?: number;

  @ApiPropertyOptional({ example: '2单元3楼楼道' })
  @IsOptional()
  @IsString({ message: '具体位置必须是文本' })
  @MaxLength(100, { message: '具体位置不能超过100个字' })
  place?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number;

  @ApiPropertyOptional({ description: 'When the resident wants it done (ISO 8601)' })
  @IsOptional()
  @IsDateTime({}, { message: '期望时间必须是有效的日期时间' })
  expectedAt?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: NEED_MAX_PHOTOS,
    example: ['/api/uploads/0b7e6f0e-6c4c-4a36-9a55-8d5f6f1f2a10'],
  })
  @IsOptional()
  @IsArray({ message: '照片必须是列表' })
  @ArrayMaxSize(NEED_MAX_PHOTOS, { message: `最多上传${NEED_MAX_PHOTOS}张照片` })
  @ArrayUnique({ message: '照片不能重复' })
  @IsString({ each: true, message: '照片地址无效' })
  @Matches(UPLOAD_URL_PATTERN, { each: true, message: '照片地址无效' })
  photos?: string[];

  @ApiPropertyOptional({ example: '13912345678', description: 'Stored encrypted' })
  @IsOptional()
  @IsCnMobile()
  contactPhone?: string;

  @ApiPropertyOptional({ type: OnBehalfOfDto, description: '代点单 (community staff only)' })
  @IsOptional()
  @IsObject({ message: '代点单信息格式不正确' })
  @ValidateNested()
  @Type(() => OnBehalfOfDto)
  onBehalfOf?: OnBehalfOfDto;
}
