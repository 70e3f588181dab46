import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NEED_DESCRIPTION_MAX, NEED_TITLE_MAX, NeedCategory, type NeedDuplicateCheckRequest } from '@sbd/contracts';
import { IsEnum, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { IsNotBlank } from '../../../platform/validation/decorators';

export class DuplicateCheckDto implements NeedDuplicateCheckRequest {
  @ApiProperty()
  @IsInt({ message: '请选择社区' })
  @Min(1, { message: '请选择社区' })
  communityId: number;

  @ApiProperty({ enum: NeedCategory })
  @IsEnum(NeedCategory, { message: '请选择需求类别' })
  category: NeedCategory;

  @ApiProperty()
  @IsString({ message: '请填写需求标题' })
  @IsNotBlank({ message: '请填写需求标题' })
  @MaxLength(NEED_TITLE_MAX, { message: `标题不能超过${NEED_TITLE_MAX}个字` })
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: '描述必须是文本' })
  @MaxLength(NEED_DESCRIPTION_MAX, { message: `描述不能超过${NEED_DESCRIPTION_MAX}个字` })
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: '请选择小区/楼栋' })
  @Min(1, { message: '请选择小区/楼栋' })
  buildingId?: number;
}
