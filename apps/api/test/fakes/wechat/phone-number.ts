/**
 * Phone numbers: POST /wxa/business/getuserphonenumber?access_token=… with body {code}. The code
 * comes from the mini-program's getPhoneNumber button; it can be exchanged once (a used or unknown
 * code answers 40029 'invalid code'). Success: {errcode: 0, errmsg: 'ok', phone_info: {phoneNumber,
 * purePhoneNumber, countryCode, watermark: {timestamp, appid}}}.
 */
import type { WechatFakeServer } from '../wechat-fake-server';
import { isObject, type Reply } from './protocol';

/** What a getPhoneNumber code stands for: a mainland number unless countryCode says otherwise. */
export interface FakePhone {
  purePhoneNumber: string;
  countryCode?: string;
}

export function getUserPhoneNumber(fake: WechatFakeServer, body: unknown, reply: Reply): void {
  if (!isObject(body)) return reply.error(47001, 'data format error');
  const code = body.code;
  if (typeof code !== 'string' || code.length === 0) return reply.error(41008, 'missing code');
  const phone = fake.phoneCodes.get(code);
  if (!phone || fake.usedPhoneCodes.has(code)) return reply.error(40029, 'invalid code');
  fake.usedPhoneCodes.add(code);
  const countryCode = phone.countryCode ?? '86';
  reply.json({
    errcode: 0,
    errmsg: 'ok',
    phone_info: {
      phoneNumber: countryCode === '86' ? phone.purePhoneNumber : `+${countryCode}${phone.purePhoneNumber}`,
      purePhoneNumber: phone.purePhoneNumber,
      countryCode,
      watermark: { timestamp: Math.floor(Date.now() / 1000), appid: fake.phoneWatermarkAppId ?? fake.appId },
    },
  });
}
