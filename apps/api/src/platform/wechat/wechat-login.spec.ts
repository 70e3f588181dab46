/**
 * WechatClient.code2Session against the WeChat fake: errors, retries, timeouts and outages.
 */
import { useWechatClientWorld } from '../../../test/support/wechat-client-world';
import { WechatClient } from './wechat.client';
import { WECHAT_UNREACHABLE } from './wechat.errors';

describe('WechatClient: logging in with a mini-program code (code2Session)', () => {
  const w = useWechatClientWorld();
  const { fake, config, caught } = w;
  let client: WechatClient;

  beforeEach(() => {
    client = w.client;
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
});
