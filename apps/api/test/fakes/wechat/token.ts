/**
 * Access tokens: POST /cgi-bin/stable_token (normal mode and force_refresh), and the check every
 * token-protected endpoint makes first (41001 missing, 40001 invalid or not latest, 42001 expired).
 */
import { randomBytes } from 'node:crypto';
import type { WechatFakeServer } from '../wechat-fake-server';
import { isObject, take, type Reply } from './protocol';

export interface TokenState {
  expiresAt: number;
  revoked: boolean;
}

export function stableToken(fake: WechatFakeServer, method: string | undefined, body: unknown, reply: Reply): void {
  if (method !== 'POST') return reply.error(43002, 'require POST method');
  if (!isObject(body)) return reply.error(47001, 'data format error');
  if (body.grant_type !== 'client_credential') return reply.error(40002, 'invalid grant_type');
  if (body.appid !== fake.appId) return reply.error(40013, 'invalid appid');
  if (body.secret !== fake.appSecret) return reply.error(40125, 'invalid appsecret');
  const now = Date.now();
  const current = fake.currentToken ? fake.tokens.get(fake.currentToken) : undefined;
  const currentValid = !!current && !current.revoked && current.expiresAt > now;
  const unchanged = () =>
    reply.json({ access_token: fake.currentToken, expires_in: Math.floor((current!.expiresAt - now) / 1000) });

  if (body.force_refresh === true) {
    // Forced refreshes closer together than the minimum interval do not refresh.
    if (currentValid && now - fake.lastForceRefreshAt < fake.forceRefreshMinIntervalMs) return unchanged();
    fake.lastForceRefreshAt = now;
    if (current) current.revoked = true;
    return issueToken(fake, now, reply);
  }
  // Normal mode: the current token while it has more than five minutes left; otherwise a new one
  // (a token in its last five minutes stays valid until it expires).
  if (currentValid && current!.expiresAt - now > 300_000) return unchanged();
  issueToken(fake, now, reply);
}

export function issueToken(fake: WechatFakeServer, now: number, reply: Reply): void {
  const token = `FAKE_${randomBytes(24).toString('base64url')}`;
  fake.tokens.set(token, { expiresAt: now + fake.tokenTtlSeconds * 1000, revoked: false });
  fake.currentToken = token;
  reply.json({ access_token: token, expires_in: fake.tokenTtlSeconds });
}

export function withToken(
  fake: WechatFakeServer,
  method: string | undefined,
  q: URLSearchParams,
  reply: Reply,
  next: () => void,
): void {
  if (method !== 'POST') return reply.error(43002, 'require POST method');
  const token = q.get('access_token');
  if (!token) return reply.error(41001, 'access_token missing');
  const state = fake.tokens.get(token);
  if (!state || state.revoked) {
    return reply.error(40001, 'invalid credential, access_token is invalid or not latest');
  }
  if (state.expiresAt <= Date.now()) return reply.error(42001, 'access_token expired');
  const rejection = take(fake.tokenRejections, undefined);
  if (rejection) {
    return rejection.errcode === 40001
      ? reply.error(40001, 'invalid credential, access_token is invalid or not latest')
      : reply.error(42001, 'access_token expired');
  }
  next();
}
