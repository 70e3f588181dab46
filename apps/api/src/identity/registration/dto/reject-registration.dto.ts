import { ApiProperty } from '@nestjs/swagger';
import type { RejectRegistrationRequest } from '@sbd/contracts';
import { IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../../platform/validation/decorators';

export class RejectRegistrationDto implements RejectRegistrationRequest {
  @ApiProperty({ example: '居住地址不在本社区' })
  @IsString()
  @IsNotBlank({ message: '请填写不通过的原因' })
  @MaxLength(200)
  reason: string;
}
