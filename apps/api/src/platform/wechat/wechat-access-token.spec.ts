/**
 * WechatClient's access token against the WeChat fake: reuse, sharing, refreshes and other processes.
 */
import { WechatFakeServer } from '../../../test/fakes/wechat-fake-server';
import { PNG_SIGNATURE, postJson, useWechatClientWorld } from '../../../test/support/wechat-client-world';
import { WechatClient } from './wechat.client';

describe('WechatClient: the access token (stable_token)', () => {
  const w = useWechatClientWorld();
  const { fake, config, caught } = w;
  let client: WechatClient;

  beforeEach(() => {
    client = w.client;
  });

  describe('access token (stable_token)', () => {
    it('fetches one token and reuses it for two calls', async () => {
      const a = await client.getUnlimitedQrCode({ scene: 'a=1' });
      const b = await client.getUnlimitedQrCode({ scene: 'b=2' });
      expect(a.equals(WechatFakeServer.wxacode('a=1'))).toBe(true);
      expect(b.equals(WechatFakeServer.wxacode('b=2'))).toBe(true);

      const tokenCalls = fake.requestsTo('/cgi-bin/stable_token');
      expect(tokenCalls).toHaveLength(1);
      expect(tokenCalls[0]).toMatchObject({
        method: 'POST',
        body: { grant_type: 'client_credential', appid: fake.appId, secret: fake.appSecret, force_refresh: false },
      });
      const [token] = fake.validTokens();
      expect(fake.requestsTo('/wxa/getwxacodeunlimit').map((r) => r.query.access_token)).toEqual([token, token]);
    });

    it('shares one stable_token call between concurrent callers', async () => {
      await Promise.all([
        client.getUnlimitedQrCode({ scene: 'a=1' }),
        client.getUnlimitedQrCode({ scene: 'a=2' }),
        client.msgSecCheck({ content: 'hi', openid: 'o-alice', scene: 2 }),
      ]);
      expect(fake.requestsTo('/cgi-bin/stable_token')).toHaveLength(1);
    });

    it('on 42001 (expired) gets a fresh token and retries once', async () => {
      await client.getUnlimitedQrCode({ scene: 'a=1' });
      const [oldToken] = fake.validTokens();
      fake.expireTokens();

      const png = await client.getUnlimitedQrCode({ scene: 'a=2' });
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

      const [newToken] = fake.validTokens();
      expect(newToken).not.toBe(oldToken);
      expect(fake.requestsTo('/wxa/getwxacodeunlimit').map((r) => r.query.access_token)).toEqual([
        oldToken,
        oldToken,
        newToken,
      ]);
      // An expired token is replaced by normal mode: no forced refresh, which would cut off other processes.
      expect(
        fake.requestsTo('/cgi-bin/stable_token').map((r) => (r.body as { force_refresh: boolean }).force_refresh),
      ).toEqual([false, false]);
    });

    it('on 40001 with a token stable_token still hands out, force-refreshes and retries once', async () => {
      await client.getUnlimitedQrCode({ scene: 'a=1' });
      const [oldToken] = fake.validTokens();
      fake.rejectTokenNext(1, 40001);

      await expect(client.getUnlimitedQrCode({ scene: 'a=2' })).resolves.toBeInstanceOf(Buffer);

      const [newToken] = fake.validTokens();
      expect(newToken).not.toBe(oldToken);
      expect(
        fake.requestsTo('/cgi-bin/stable_token').map((r) => (r.body as { force_refresh: boolean }).force_refresh),
      ).toEqual([false, false, true]);
      expect(fake.requestsTo('/wxa/getwxacodeunlimit').map((r) => r.query.access_token)).toEqual([
        oldToken,
        oldToken,
        newToken,
      ]);
    });

    it("picks up another process's forced refresh without invalidating that process's token", async () => {
      await client.getUnlimitedQrCode({ scene: 'a=1' });
      // Another API process force-refreshes: our cached token is now invalid (40001).
      const other = await postJson(`${w.baseUrl}/cgi-bin/stable_token`, {
        grant_type: 'client_credential',
        appid: fake.appId,
        secret: fake.appSecret,
        force_refresh: true,
      });
      const otherToken = other.access_token as string;

      await expect(client.getUnlimitedQrCode({ scene: 'a=2' })).resolves.toBeInstanceOf(Buffer);

      expect(fake.validTokens()).toEqual([otherToken]);
      expect(fake.requestsTo('/wxa/getwxacodeunlimit').at(-1)?.query.access_token).toBe(otherToken);
    });

    it('does not loop when the refreshed token is rejected as well', async () => {
      await client.getUnlimitedQrCode({ scene: 'a=1' });
      fake.rejectTokenNext(5, 40001);
      const err = await caught(client.getUnlimitedQrCode({ scene: 'a=2' }));
      expect(err.errcode).toBe(40001);
      expect(fake.requestsTo('/wxa/getwxacodeunlimit')).toHaveLength(3);
    });

    it('surfaces 40013 for a wrong app id', async () => {
      const err = await caught(new WechatClient(config({ appId: 'wx-wrong' })).getUnlimitedQrCode({ scene: 'a=1' }));
      expect(err.errcode).toBe(40013);
      expect(err.endpoint).toBe('stable_token');
    });
  });
});
