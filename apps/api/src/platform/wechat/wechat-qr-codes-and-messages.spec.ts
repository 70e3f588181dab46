/**
 * WechatClient against the WeChat fake: mini-program QR codes, msgSecCheck and subscribe messages.
 */
import { MsgSecLabel, WechatFakeServer } from '../../../test/fakes/wechat-fake-server';
import { PNG_SIGNATURE, useWechatClientWorld } from '../../../test/support/wechat-client-world';
import { WechatClient } from './wechat.client';

describe('WechatClient: QR codes, content checks and subscribe messages', () => {
  const w = useWechatClientWorld();
  const { fake, caught } = w;
  let client: WechatClient;

  beforeEach(() => {
    client = w.client;
  });

  describe('getUnlimitedQrCode', () => {
    it('returns the PNG and sends the documented body', async () => {
      const png = await client.getUnlimitedQrCode({ scene: 'inv=ABC123', page: 'pages/index/index', checkPath: true });
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(png.equals(WechatFakeServer.wxacode('inv=ABC123', 'pages/index/index', 430))).toBe(true);
      expect(fake.requestsTo('/wxa/getwxacodeunlimit')[0]).toMatchObject({
        method: 'POST',
        body: { scene: 'inv=ABC123', page: 'pages/index/index', width: 430, check_path: true, env_version: 'release' },
      });
    });

    it('returns the image whatever its Content-Type (WeChat is reported to send image/jpeg)', async () => {
      fake.qrContentType = 'image/jpeg';
      const img = await client.getUnlimitedQrCode({ scene: 'a=1' });
      expect(img.equals(WechatFakeServer.wxacode('a=1'))).toBe(true);
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
