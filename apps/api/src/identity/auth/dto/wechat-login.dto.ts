import { ApiProperty } from '@nestjs/swagger';
import type { WechatLoginRequest } from '@sbd/contracts';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class WechatLoginDto implements WechatLoginRequest {
  @ApiProperty({ description: 'The code from wx.login' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  code: string;
}
