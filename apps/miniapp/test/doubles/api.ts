/**
 * A fake API behind the Taro.request double: `handler(method, path, body, query)` answers
 * [status, body] or undefined (→ 404). Every call is recorded in `calls`.
 */
import { Role, type LoginResponse } from '@sbd/contracts';
import Taro from './taro';
import { saveLogin } from '@/platform/session';

export interface ApiCall {
  method: string;
  path: string;
  body: unknown;
  query: URLSearchParams;
}

export type Handler = (
  method: string,
  path: string,
  body: unknown,
  query: URLSearchParams,
) => [number, unknown] | undefined;

export function fakeApi(handler: Handler): ApiCall[] {
  const calls: ApiCall[] = [];
  (Taro.request as jest.Mock).mockImplementation(async (opts: { url: string; method?: string; data?: unknown }) => {
    const u = new URL(opts.url, 'http://h5.local');
    const call = { method: opts.method ?? 'GET', path: u.pathname, body: opts.data, query: u.searchParams };
    calls.push(call);
    const r = handler(call.method, call.path, call.body, call.query);
    if (!r) return { statusCode: 404, header: {}, data: { code: 'NOT_FOUND', message: '不存在', details: [] } };
    return { statusCode: r[0], header: {}, data: r[1] };
  });
  return calls;
}

export function loginAs(
  roles: { role: Role; scopeNodeId: number | null; scopeName?: string | null }[],
  name = '王芳',
  id = 1,
): void {
  const res: LoginResponse = {
    accessToken: 'A',
    refreshToken: 'R',
    expiresIn: 900,
    refreshExpiresIn: 86400,
    user: {
      id,
      name,
      phone: '13800001111',
      hasWechat: false,
      roles: roles.map((r) => ({ role: r.role, scopeNodeId: r.scopeNodeId, scopeName: r.scopeName ?? null })),
      consentVersion: 'v1',
      consentAt: null,
    },
  };
  saveLogin(res);
}

export const RESIDENT_OF_7 = [{ role: Role.Resident, scopeNodeId: 7, scopeName: '幸福社区' }];
export const MEMBER_OF_7 = [{ role: Role.Member, scopeNodeId: 7, scopeName: '幸福社区' }];
export const ADMIN_OF_7 = [{ role: Role.CommunityAdmin, scopeNodeId: 7, scopeName: '幸福社区' }];
