import { ApiProperty } from '@nestjs/swagger';
import {
  SMS_CODE_DIGITS,
  type CheckSmsCodeRequest,
  type SendSmsCodeRequest,
  type WechatPhoneRequest,
} from '@sbd/contracts';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsCnMobile } from '../../../platform/validation/decorators';

export class WechatPhoneDto implements WechatPhoneRequest {
  @ApiProperty({ description: 'The code from the getPhoneNumber button (valid 5 minutes, once)' })
  @IsString({ message: '手机号授权凭证格式不正确' })
  @MinLength(1, { message: '手机号授权凭证不能为空' })
  @MaxLength(128, { message: '手机号授权凭证格式不正确' })
  code: string;
}

export class SendSmsCodeDto implements SendSmsCodeRequest {
  @ApiProperty({ example: '13912345678' })
  @IsCnMobile()
  phone: string;
}

export class CheckSmsCodeDto implements CheckSmsCodeRequest {
  @ApiProperty({ example: '13912345678' })
  @IsCnMobile()
  phone: string;

  @ApiProperty({ example: '123456', description: `${SMS_CODE_DIGITS} digits from the SMS` })
  @IsString({ message: `请输入${SMS_CODE_DIGITS}位短信验证码` })
  @Matches(new RegExp(`^\\d{${SMS_CODE_DIGITS}}$`), { message: `请输入${SMS_CODE_DIGITS}位短信验证码` })
  code: string;
}
