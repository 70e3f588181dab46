import { ApiProperty } from '@nestjs/swagger';
import type { CancelTaskRequest } from '@sbd/contracts';
import { IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../../platform/validation/decorators';

export class CancelTaskDto implements CancelTaskRequest {
  @ApiProperty({ example: '天气原因，活动延期' })
  @IsString()
  @IsNotBlank({ message: '请填写取消原因' })
  @MaxLength(200)
  reason: string;
}
