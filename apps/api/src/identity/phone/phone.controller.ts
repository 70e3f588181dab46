import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SmsCodeSentDto, VerifiedPhoneDto } from '@sbd/contracts';
import { CurrentUser } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { RateLimit } from '../../platform/throttle/rate-limit.guard';
import { CheckSmsCodeDto, SendSmsCodeDto, WechatPhoneDto } from './dto/phone.dtos';
import { PhoneVerificationService } from './phone-verification.service';

@ApiTags('phone')
@ApiBearerAuth()
@Controller('phone-verifications')
export class PhoneController {
  constructor(private readonly phones: PhoneVerificationService) {}

  @Post('wechat')
  @HttpCode(200)
  @RateLimit({ PHONE_VERIFY_USER: 'user' })
  @ApiOperation({ summary: 'weapp: the getPhoneNumber code → the WeChat-verified number, proven for 30 minutes' })
  wechat(@CurrentUser() p: Principal, @Body() dto: WechatPhoneDto): Promise<VerifiedPhoneDto> {
    return this.phones.viaWechat(p.userId, dto.code);
  }

  @Post('sms-codes')
  @HttpCode(200)
  @RateLimit({ SMS_SEND_IP: 'ip', SMS_SEND_PHONE: 'phone', SMS_RESEND_PHONE: 'phone' })
  @ApiOperation({ summary: 'H5: send a 6-digit code by SMS (valid 5 minutes; limited per phone and per IP)' })
  sendCode(@CurrentUser() p: Principal, @Body() dto: SendSmsCodeDto): Promise<SmsCodeSentDto> {
    return this.phones.sendCode(p.userId, dto.phone);
  }

  @Post('sms')
  @HttpCode(200)
  @RateLimit({ PHONE_VERIFY_USER: 'user' })
  @ApiOperation({
    summary: 'H5: the code from the SMS → the number, proven for 30 minutes (5 wrong guesses end a code)',
  })
  checkCode(@CurrentUser() p: Principal, @Body() dto: CheckSmsCodeDto): Promise<VerifiedPhoneDto> {
    return this.phones.checkCode(p.userId, dto.phone, dto.code);
  }
}
