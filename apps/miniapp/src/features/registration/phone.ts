import { ROUTES, type SmsCodeSentDto, type VerifiedPhoneDto } from '@sbd/contracts';
import { call } from '@/platform/request';

/** weapp: the getPhoneNumber button's code → the WeChat-verified number. */
export function verifyPhoneWithWechat(code: string): Promise<VerifiedPhoneDto> {
  return call(ROUTES.phone.wechat, { body: { code } });
}

/** H5 (and weapp's "其他手机号"): sends a 6-digit code by SMS. */
export function sendSmsCode(phone: string): Promise<SmsCodeSentDto> {
  return call(ROUTES.phone.sendSmsCode, { body: { phone } });
}

export function checkSmsCode(phone: string, code: string): Promise<VerifiedPhoneDto> {
  return call(ROUTES.phone.checkSmsCode, { body: { phone, code } });
}
