/**
 * WechatClient.getPhoneNumber against the WeChat fake: the getPhoneNumber button's code for the
 * user's number, once.
 */
import { useWechatClientWorld } from '../../../test/support/wechat-client-world';

describe('WechatClient: the phone number behind a getPhoneNumber code', () => {
  const w = useWechatClientWorld();
  const { fake, caught } = w;

  it('exchanges a code for the number, with WeChat’s watermark, using an access token', async () => {
    fake.phoneCodes.set('pc-1', { purePhoneNumber: '13800138000' });
    const info = await w.client.getPhoneNumber('pc-1');
    expect(info).toEqual({
      phoneNumber: '13800138000',
      purePhoneNumber: '13800138000',
      countryCode: '86',
      watermark: { appid: fake.appId, timestamp: expect.any(Number) },
    });
    const call = fake.requestsTo('/wxa/business/getuserphonenumber')[0];
    expect(call).toMatchObject({ method: 'POST', body: { code: 'pc-1' } });
    expect(fake.validTokens()).toContain(call.query.access_token);
  });

  it('surfaces 40029 for a code used twice or never issued', async () => {
    fake.phoneCodes.set('pc-2', { purePhoneNumber: '13800138001' });
    await w.client.getPhoneNumber('pc-2');
    expect((await caught(w.client.getPhoneNumber('pc-2'))).errcode).toBe(40029);
    expect((await caught(w.client.getPhoneNumber('pc-x'))).errcode).toBe(40029);
  });

  it('gets a fresh token and tries again when WeChat rejects the one it had (40001)', async () => {
    fake.phoneCodes.set('pc-3', { purePhoneNumber: '13800138002' });
    await w.client.accessToken();
    fake.rejectTokenNext(1);
    await expect(w.client.getPhoneNumber('pc-3')).resolves.toMatchObject({ purePhoneNumber: '13800138002' });
  });
});
