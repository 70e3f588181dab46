import { request as httpRequest } from 'node:http';
import { MsgSecLabel, WechatFakeServer } from '../../../test/fakes/wechat-fake-server';
import { WechatClient, type WechatClientConfig } from './wechat.client';
import { WECHAT_UNREACHABLE, WechatApiError } from './wechat.errors';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('WechatClient against the WeChat fake', () => {
  const fake = new WechatFakeServer();
  let baseUrl: string;
  let client: WechatClient;

  const config = (over: Partial<WechatClientConfig> = {}): WechatClientConfig => ({
    appId: fake.appId,
    appSecret: fake.appSecret,
    apiBaseUrl: baseUrl,
    timeoutMs: 2000,
    ...over,
  });

  /** Awaits a rejection and returns it as a WechatApiError (fails the test otherwise). */
  async function caught(p: Promise<unknown>): Promise<WechatApiError> {
    let error: unknown;
    try {
      await p;
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WechatApiError);
    return error as WechatApiError;
  }

  beforeAll(async () => {
    baseUrl = await fake.start();
  });

  afterAll(async () => {
    await fake.stop();
  });

  beforeEach(() => {
    fake.reset();
    client = new WechatClient(config());
  });

  describe('code2Session', () => {
    it('exchanges a code for the openid, unionid and session key', async () => {
      fake.codes.set('code-ok', { openid: 'o-alice', unionid: 'u-alice', sessionKey: 'c2Vzc2lvbi1rZXk=' });

      await expect(client.code2Session('code-ok')).resolves.toEqual({
        openid: 'o-alice',
        unionid: 'u-alice',
        sessionKey: 'c2Vzc2lvbi1rZXk=',
      });
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0]).toMatchObject({
        method: 'GET',
        path: '/sns/jscode2session',
        query: { appid: fake.appId, secret: fake.appSecret, js_code: 'code-ok', grant_type: 'authorization_code' },
      });
    });

    it('gives a null unionid when WeChat sends none', async () => {
      fake.codes.set('code-ok', { openid: 'o-bob', sessionKey: 'a2V5' });
      await expect(client.code2Session('code-ok')).resolves.toEqual({
        openid: 'o-bob',
        unionid: null,
        sessionKey: 'a2V5',
      });
    });

    it('surfaces 40029 for an unknown code', async () => {
      const err = await caught(client.code2Session('no-such-code'));
      expect(err.errcode).toBe(40029);
      expect(err.errmsg).toMatch(/^invalid code, rid: /);
      expect(err.endpoint).toBe('jscode2session');
      expect(err.unavailable).toBe(false);
    });

    it('surfaces 40163 when a code is used twice', async () => {
      fake.codes.set('code-once', { openid: 'o-carol' });
      await client.code2Session('code-once');
      const err = await caught(client.code2Session('code-once'));
      expect(err.errcode).toBe(40163);
      expect(err.errmsg).toMatch(/^code been used/);
    });

    it('surfaces 40125 for a wrong app secret', async () => {
      fake.codes.set('code-ok', { openid: 'o-dave' });
      const err = await caught(new WechatClient(config({ appSecret: 'wrong' })).code2Session('code-ok'));
      expect(err.errcode).toBe(40125);
    });

    it('surfaces 45011 (rate limited) without retrying', async () => {
      fake.codes.set('code-ok', { openid: 'o-erin' });
      fake.rateLimitNext(1);
      const err = await caught(client.code2Session('code-ok'));
      expect(err.errcode).toBe(45011);
      expect(err.errmsg).toMatch(/^api minute-quota reach limit/);
      expect(err.unavailable).toBe(false);
      expect(fake.requests).toHaveLength(1);
    });

    it('retries once after -1 (system busy) and succeeds', async () => {
      fake.codes.set('code-ok', { openid: 'o-frank' });
      fake.busyNext(1);
      await expect(client.code2Session('code-ok')).resolves.toMatchObject({ openid: 'o-frank' });
      expect(fake.requestsTo('/sns/jscode2session')).toHaveLength(2);
    });

    it('gives up after -1 twice, with unavailable = true', async () => {
      fake.codes.set('code-ok', { openid: 'o-grace' });
      fake.busyNext(2);
      const err = await caught(client.code2Session('code-ok'));
      expect(err.errcode).toBe(-1);
      expect(err.unavailable).toBe(true);
      expect(fake.requestsTo('/sns/jscode2session')).toHaveLength(2);
    });

    it('reports HTTP 502 as unavailable', async () => {
      fake.codes.set('code-ok', { openid: 'o-heidi' });
      fake.failHttpNext(1, 502);
      const err = await caught(client.code2Session('code-ok'));
      expect(err.errcode).toBe(WECHAT_UNREACHABLE);
      expect(err.errmsg).toBe('HTTP 502');
      expect(err.unavailable).toBe(true);
    });

    it('reports a timeout (no response headers) as unavailable', async () => {
      fake.codes.set('code-ok', { openid: 'o-ivan' });
      fake.delayNextMs(1500);
      const started = Date.now();
      const err = await caught(new WechatClient(config({ timeoutMs: 100 })).code2Session('code-ok'));
      expect(Date.now() - started).toBeLessThan(1000);
      expect(err.errcode).toBe(WECHAT_UNREACHABLE);
      expect(err.unavailable).toBe(true);
      expect(err.endpoint).toBe('jscode2session');
    });

    it('reports a timeout while reading the body as unavailable', async () => {
      fake.codes.set('code-ok', { openid: 'o-judy' });
      fake.stallBodyNextMs(1500);
      const started = Date.now();
      const err = await caught(new WechatClient(config({ timeoutMs: 100 })).code2Session('code-ok'));
      expect(Date.now() - started).toBeLessThan(1000);
      expect(err.errcode).toBe(WECHAT_UNREACHABLE);
      expect(err.unavailable).toBe(true);
    });

    it('reports a connection refused as unavailable', async () => {
      const err = await caught(new WechatClient(config({ apiBaseUrl: 'http://127.0.0.1:1' })).code2Session('x'));
      expect(err.errcode).toBe(WECHAT_UNREACHABLE);
      expect(err.unavailable).toBe(true);
    });
  });

  describe('access token (stable_token)', () => {
    it('fetches one token and reuses it for two calls', async () => {
      const a = await client.getUnlimitedQrCode({ scene: 'a=1' });
      const b = await client.getUnlimitedQrCode({ scene: 'b=2' });
      expect(a.equals(WechatFakeServer.PNG)).toBe(true);
      expect(b.equals(WechatFakeServer.PNG)).toBe(true);

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
      const other = await postJson(`${baseUrl}/cgi-bin/stable_token`, {
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

  describe('getUnlimitedQrCode', () => {
    it('returns the PNG and sends the documented body', async () => {
      const png = await client.getUnlimitedQrCode({ scene: 'inv=ABC123', page: 'pages/index/index', checkPath: true });
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(png.equals(WechatFakeServer.PNG)).toBe(true);
      expect(fake.requestsTo('/wxa/getwxacodeunlimit')[0]).toMatchObject({
        method: 'POST',
        body: { scene: 'inv=ABC123', page: 'pages/index/index', width: 430, check_path: true, env_version: 'release' },
      });
    });

    it('returns the image whatever its Content-Type (WeChat is reported to send image/jpeg)', async () => {
      fake.qrContentType = 'image/jpeg';
      const img = await client.getUnlimitedQrCode({ scene: 'a=1' });
      expect(img.equals(WechatFakeServer.PNG)).toBe(true);
    });

    it('surfaces 40169 for a scene longer than 32 characters', async () => {
      const err = await caught(client.getUnlimitedQrCode({ scene: 'x'.repeat(33) }));
      expect(err.errcode).toBe(40169);
      expect(err.errmsg).toMatch(/^invalid length for scene, or the data is not json string/);
      expect(err.endpoint).toBe('getwxacodeunlimit');
      expect(fake.qrCodes).toHaveLength(0);
    });

    it('accepts a scene of exactly 32 characters', async () => {
      await expect(client.getUnlimitedQrCode({ scene: 'y'.repeat(32) })).resolves.toBeInstanceOf(Buffer);
    });

    it('surfaces 41030 for a page with a leading slash', async () => {
      const err = await caught(client.getUnlimitedQrCode({ scene: 'a=1', page: '/pages/index/index' }));
      expect(err.errcode).toBe(41030);
      expect(err.errmsg).toMatch(/^invalid page/);
    });

    it('surfaces 41030 for an unreleased page when check_path is true', async () => {
      const err = await caught(client.getUnlimitedQrCode({ scene: 'a=1', page: 'pages/new/new', checkPath: true }));
      expect(err.errcode).toBe(41030);
      await expect(
        client.getUnlimitedQrCode({ scene: 'a=1', page: 'pages/new/new', checkPath: false }),
      ).resolves.toBeInstanceOf(Buffer);
    });
  });

  describe('msgSecCheck', () => {
    beforeEach(() => {
      fake.riskyWords.set('forbidden-word', MsgSecLabel.Politics);
      fake.reviewWords.set('borderline-word', MsgSecLabel.Vulgar);
    });

    it('passes clean text with label 100 and sends version 2', async () => {
      await expect(client.msgSecCheck({ content: 'hello team', openid: 'o-alice', scene: 2 })).resolves.toEqual({
        suggest: 'pass',
        label: 100,
      });
      expect(fake.requestsTo('/wxa/msg_sec_check')[0].body).toEqual({
        version: 2,
        openid: 'o-alice',
        scene: 2,
        content: 'hello team',
      });
    });

    it('flags review words as review', async () => {
      await expect(
        client.msgSecCheck({ content: 'a borderline-word here', openid: 'o-alice', scene: 3 }),
      ).resolves.toEqual({
        suggest: 'review',
        label: 20012,
      });
    });

    it('flags risky words as risky, in the title as well', async () => {
      await expect(client.msgSecCheck({ content: 'x forbidden-word y', openid: 'o-alice', scene: 1 })).resolves.toEqual(
        {
          suggest: 'risky',
          label: 20001,
        },
      );
      await expect(
        client.msgSecCheck({ content: 'clean', title: 'forbidden-word', openid: 'o-alice', scene: 2 }),
      ).resolves.toEqual({ suggest: 'risky', label: 20001 });
    });

    it('surfaces 40003 for a missing openid', async () => {
      const err = await caught(client.msgSecCheck({ content: 'hello', openid: '', scene: 2 }));
      expect(err.errcode).toBe(40003);
      expect(err.endpoint).toBe('msg_sec_check');
    });
  });

  describe('sendSubscribeMessage', () => {
    const data = { thing1: { value: 'Weekly report' }, time2: { value: '2025-01-05 10:00' } };

    it('sends the message', async () => {
      await expect(
        client.sendSubscribeMessage({ touser: 'o-alice', templateId: 'TPL-1', page: 'pages/index/index?x=1', data }),
      ).resolves.toBeUndefined();
      expect(fake.sentMessages).toHaveLength(1);
      expect(fake.sentMessages[0]).toMatchObject({
        touser: 'o-alice',
        template_id: 'TPL-1',
        page: 'pages/index/index?x=1',
        data,
      });
    });

    it('surfaces 43101 when the user has not subscribed', async () => {
      fake.unsubscribed.add('o-bob');
      const err = await caught(client.sendSubscribeMessage({ touser: 'o-bob', templateId: 'TPL-1', data }));
      expect(err.errcode).toBe(43101);
      expect(err.errmsg).toMatch(/^user refuse to accept the msg/);
      expect(err.endpoint).toBe('subscribe_send');
      expect(fake.sentMessages).toHaveLength(0);
    });

    it('uses up a one-time subscription', async () => {
      fake.subscriptionMode = 'grants';
      fake.grant('o-carol', 'TPL-1');
      await client.sendSubscribeMessage({ touser: 'o-carol', templateId: 'TPL-1', data });
      const err = await caught(client.sendSubscribeMessage({ touser: 'o-carol', templateId: 'TPL-1', data }));
      expect(err.errcode).toBe(43101);
      expect(fake.sentMessages).toHaveLength(1);
    });

    it('surfaces 47003 for an empty data value', async () => {
      const err = await caught(
        client.sendSubscribeMessage({ touser: 'o-alice', templateId: 'TPL-1', data: { thing1: { value: '' } } }),
      );
      expect(err.errcode).toBe(47003);
      expect(err.errmsg).toMatch(/data\.thing1\.value/);
    });
  });
});

/** A second "process" talking to the fake directly. */
function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
