/**
 * weapp: the getPhoneNumber button gives a code, the API exchanges it with WeChat
 * (getuserphonenumber, against the fake) for the user's number, and a registration must use the
 * number proven this way.
 */
import { ErrorCode, PhoneVerificationMethod } from '@sbd/contracts';
import { aRegistration, buildCity, createUser, type City, type TestUser } from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';

const NOT_VERIFIED = '请先验证手机号：小程序中点「获取手机号」，网页中用短信验证码验证，验证后再提交报到';
const NOT_THE_VERIFIED = '报到填写的手机号与您验证过的手机号不一致，请使用验证过的手机号，或重新验证';

describe('verifying a phone with WeChat’s phone-number button', () => {
  let t: TestApp;
  let city: City;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
  });
  afterAll(() => t.close());

  /** The button tapped: WeChat hands the mini-program a code standing for the number. */
  function tapButton(purePhoneNumber: string, countryCode?: string): string {
    const code = `phone-code-${++seq}`;
    t.wechat.phoneCodes.set(code, { purePhoneNumber, countryCode });
    return code;
  }
  const verify = (u: TestUser, code: string) =>
    t.http().post('/api/phone-verifications/wechat').set(u.auth).send({ code });
  const register = (u: TestUser, phone: string) =>
    t.http().post('/api/registrations').set(u.auth).send(aRegistration(city.a, { phone }));

  it('should exchange the code for the number and accept a registration with it', async () => {
    const member = await createUser(t);
    const code = tapButton('13912340101');
    const res = await verify(member, code).expect(200);
    expect(res.body).toEqual({
      phone: '13912340101',
      method: PhoneVerificationMethod.Wechat,
      expiresAt: expect.any(String),
    });
    const minutes = (Date.parse(res.body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
    const call = t.wechat.requestsTo('/wxa/business/getuserphonenumber').at(-1)!;
    expect(call).toMatchObject({ method: 'POST', body: { code }, query: { access_token: expect.any(String) } });
    const reg = await register(member, '13912340101').expect(201);
    expect(reg.body.phone).toBe('13912340101');
  });

  it('should refuse a registration whose phone is not the verified one, saying so in Chinese, and write nothing', async () => {
    const member = await createUser(t);
    await verify(member, tapButton('13912340102')).expect(200);
    const before = await t.counts();
    const res = await register(member, '13912340199').expect(400);
    expect(res.body).toEqual({
      code: ErrorCode.ValidationFailed,
      message: NOT_THE_VERIFIED,
      details: [{ field: 'phone', message: NOT_THE_VERIFIED }],
    });
    expect(await t.counts()).toEqual(before);
  });

  it('should refuse a registration by someone who verified no phone, or whose proof has expired', async () => {
    const member = await createUser(t);
    const none = await register(member, '13912340103').expect(400);
    expect(none.body.details).toEqual([{ field: 'phone', message: NOT_VERIFIED }]);
    await verify(member, tapButton('13912340103')).expect(200);
    await t.ds.query("UPDATE phone_verifications SET expires_at = '2020-01-01 00:00:00.000' WHERE user_id = ?", [
      member.id,
    ]);
    const expired = await register(member, '13912340103').expect(400);
    expect(expired.body.message).toBe(NOT_VERIFIED);
  });

  it('should not let a member register with a phone another account verified', async () => {
    const owner = await createUser(t);
    const other = await createUser(t);
    await verify(owner, tapButton('13912340104')).expect(200);
    const res = await register(other, '13912340104').expect(400);
    expect(res.body.message).toBe(NOT_VERIFIED);
  });

  it('should refuse a code used twice or unknown to WeChat, asking to tap the button again', async () => {
    const member = await createUser(t);
    const code = tapButton('13912340105');
    await verify(member, code).expect(200);
    const again = await verify(member, code).expect(400);
    expect(again.body).toEqual({
      code: ErrorCode.UpstreamRejected,
      message: '手机号授权已失效，请重新点击「获取手机号」',
      details: [{ field: 'code', message: '手机号授权已失效' }],
    });
    await verify(member, 'never-issued').expect(400);
  });

  it('should refuse a number outside the mainland and a code issued to another app', async () => {
    const member = await createUser(t);
    const hk = await verify(member, tapButton('51234567', '852')).expect(400);
    expect(hk.body.message).toBe('目前只支持中国大陆手机号，请在微信中绑定大陆手机号后重试');
    t.wechat.phoneWatermarkAppId = 'wx-another-app';
    try {
      const foreign = await verify(member, tapButton('13912340106')).expect(502);
      expect(foreign.body.message).toBe('微信返回的手机号无法确认，请重试');
    } finally {
      t.wechat.phoneWatermarkAppId = null;
    }
    expect(await t.ds.query('SELECT id FROM phone_verifications WHERE user_id = ?', [member.id])).toHaveLength(0);
  });

  it('should answer 503 while WeChat is unreachable, and verify once it is back', async () => {
    const member = await createUser(t);
    const code = tapButton('13912340107');
    t.wechat.failHttpNext(1, 502, '/wxa/business/getuserphonenumber');
    const down = await verify(member, code).expect(503);
    expect(down.body).toEqual({
      code: ErrorCode.UpstreamUnavailable,
      message: '微信服务暂时不可用，请稍后再试',
      details: [],
    });
    await verify(member, code).expect(200);
  });
});
