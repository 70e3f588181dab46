/** wx.login codes: GET /sns/jscode2session (code2Session). Each code can be exchanged once. */
import { randomBytes } from 'node:crypto';
import type { WechatFakeServer } from '../wechat-fake-server';
import type { Reply } from './protocol';

export function jscode2session(
  fake: WechatFakeServer,
  method: string | undefined,
  q: URLSearchParams,
  reply: Reply,
): void {
  if (method !== 'GET') return reply.error(43001, 'require GET method');
  const appid = q.get('appid');
  const secret = q.get('secret');
  const code = q.get('js_code');
  if (!appid || appid !== fake.appId) return reply.error(40013, 'invalid appid');
  if (!secret || secret !== fake.appSecret) return reply.error(40125, 'invalid appsecret');
  if (q.get('grant_type') !== 'authorization_code') return reply.error(40002, 'invalid grant_type');
  if (!code) return reply.error(41008, 'missing code');
  if (fake.blockedCodes.has(code)) return reply.error(40226, 'code blocked');
  if (fake.usedCodes.has(code)) return reply.error(40163, 'code been used');
  const entry = fake.codes.get(code);
  if (!entry) return reply.error(40029, 'invalid code');
  fake.usedCodes.add(code);
  const out: Record<string, unknown> = {
    session_key: entry.sessionKey ?? randomBytes(16).toString('base64'),
    openid: entry.openid,
  };
  if (entry.unionid) out.unionid = entry.unionid;
  reply.json(out);
}
