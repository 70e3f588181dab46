import { ApiProperty } from '@nestjs/swagger';
import {
  MAX_TEMPLATES_PER_REQUEST,
  SubscribeChoice,
  SubscribeMoment,
  type RecordSubscribeChoicesRequest,
  type SubscribeChoiceItem,
  type SubscribeTemplatesQuery,
} from '@sbd/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsObject,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';

export class SubscribeTemplatesQueryDto implements SubscribeTemplatesQuery {
  @ApiProperty({ enum: SubscribeMoment })
  @IsEnum(SubscribeMoment, { message: '订阅时机不正确' })
  moment: SubscribeMoment;
}

export class SubscribeChoiceDto implements SubscribeChoiceItem {
  @ApiProperty({ description: 'A template id the API asked for' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: '模板编号格式不正确' })
  templateId: string;

  @ApiProperty({ enum: SubscribeChoice, description: 'What requestSubscribeMessage answered for it' })
  @IsEnum(SubscribeChoice, { message: '订阅选择只能是 accept、reject、ban 或 filter' })
  choice: SubscribeChoice;
}

export class RecordSubscribeChoicesDto implements RecordSubscribeChoicesRequest {
  @ApiProperty({ type: [SubscribeChoiceDto] })
  @IsArray()
  @ArrayMinSize(1, { message: '请至少提交一个订阅选择' })
  @ArrayMaxSize(MAX_TEMPLATES_PER_REQUEST, { message: `一次最多${MAX_TEMPLATES_PER_REQUEST}个订阅选择` })
  @IsObject({ each: true, message: '订阅选择格式不正确' })
  @ValidateNested({ each: true })
  @Type(() => SubscribeChoiceDto)
  choices: SubscribeChoiceDto[];
}
