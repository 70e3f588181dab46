import Taro, { __taro } from '@test/doubles/taro';
import { RegistrationStatus, ROUTES, type LoginResponse, type MeDto } from '@sbd/contracts';
import {
  api,
  ApiError,
  attempt,
  call,
  OFFLINE_MESSAGE,
  request,
  SESSION_EXPIRED_MESSAGE,
  TIMEOUT_MESSAGE,
  messageFromResponse,
  resetLastWrite,
  resetToastDedupe,
} from './request';
import { clearSession, getSession, saveLogin } from './session';

const request$ = Taro.request as jest.Mock;

const user: MeDto = {
  id: 1,
  name: '张三',
  phone: '13800001111',
  hasWechat: false,
  roles: [],
  consentVersion: null,
  consentAt: null,
};

function loginAs(accessToken: string, refreshToken: string): void {
  const res: LoginResponse = { accessToken, refreshToken, expiresIn: 900, refreshExpiresIn: 86400, user };
  saveLogin(res);
}

function reply(statusCode: number, data: unknown = null) {
  return { statusCode, data, header: {} };
}

type Call = { url: string; method: string; header: Record<string, string>; data?: unknown };
const calls = (): Call[] => request$.mock.calls.map((c) => c[0] as Call);
const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  resetLastWrite();
});

describe('request layer', () => {
  it('attaches the access token and returns the body', async () => {
    loginAs('A1', 'R1');
    request$.mockResolvedValueOnce(reply(200, { ok: true }));
    await expect(api.get<{ ok: boolean }>('/api/me')).resolves.toEqual({ ok: true });
    expect(calls()[0].url).toBe('/api/me');
    expect(calls()[0].header.Authorization).toBe('Bearer A1');
  });

  it('sends back the last write stamp, so the session reads its own writes from the primary', async () => {
    loginAs('A1', 'R1');
    request$
      .mockResolvedValueOnce(reply(200, []))
      .mockResolvedValueOnce({ statusCode: 201, data: { id: 9 }, header: { 'x-last-write': '1700000000123' } })
      .mockResolvedValueOnce(reply(200, []));
    await api.get('/api/tasks/feed');
    await api.post('/api/claims', { taskId: 9 });
    await api.get('/api/tasks/feed');
    expect(calls().map((c) => c.header['X-Last-Write'])).toEqual([undefined, undefined, '1700000000123']);
  });

  it('builds query strings and skips empty values', async () => {
    loginAs('A1', 'R1');
    request$.mockResolvedValueOnce(reply(200, { items: [], nextCursor: null }));
    await api.get('/api/communities/7/registrations', { query: { status: 'pending', cursor: undefined, limit: 20 } });
    expect(calls()[0].url).toBe('/api/communities/7/registrations?status=pending&limit=20');
  });

  it('call: method, path and query from the route table', async () => {
    loginAs('A1', 'R1');
    request$.mockResolvedValueOnce(reply(200, { items: [], nextCursor: null }));
    await call(ROUTES.registrations.ofCommunity, {
      params: { id: 7 },
      query: { status: RegistrationStatus.Pending, limit: 20 },
    });
    expect(calls()[0]).toMatchObject({
      url: `/api/communities/7/registrations?status=${RegistrationStatus.Pending}&limit=20`,
      method: 'GET',
    });
    expect(calls()[0].data).toBeUndefined();
  });

  it('call: a POST without a body sends {}, params are URI-encoded', async () => {
    loginAs('A1', 'R1');
    request$.mockResolvedValueOnce(reply(200, { id: 3 })).mockResolvedValueOnce(reply(200, {}));
    await call(ROUTES.needs.release, { params: { id: 3 } });
    await call(ROUTES.org.communityByCode, { params: { code: 'a b' }, auth: false });
    expect(calls()[0]).toMatchObject({ url: '/api/needs/3/release', method: 'POST', data: {} });
    expect(calls()[1].url).toBe('/api/communities/by-code/a%20b');
    expect(calls()[1].header.Authorization).toBeUndefined();
  });

  it('on 401 refreshes once, stores the rotated refresh token and retries', async () => {
    loginAs('old', 'R1');
    request$.mockImplementation(async (opts: Call) => {
      if (opts.url === '/api/auth/refresh') {
        return reply(200, { accessToken: 'new', refreshToken: 'R2', expiresIn: 900, refreshExpiresIn: 86400 });
      }
      return opts.header.Authorization === 'Bearer new'
        ? reply(200, { id: 1 })
        : reply(401, { code: 'UNAUTHENTICATED', message: '未登录' });
    });
    await expect(api.get('/api/me')).resolves.toEqual({ id: 1 });
    expect(calls().map((c) => c.url)).toEqual(['/api/me', '/api/auth/refresh', '/api/me']);
    expect(calls()[1].data).toEqual({ refreshToken: 'R1' });
    expect(getSession()?.refreshToken).toBe('R2');
    expect(getSession()?.accessToken).toBe('new');
  });

  it('single-flight: concurrent 401s share one refresh', async () => {
    loginAs('old', 'R1');
    let releaseRefresh: () => void = () => undefined;
    request$.mockImplementation((opts: Call) => {
      if (opts.url === '/api/auth/refresh') {
        return new Promise((resolve) => {
          releaseRefresh = () =>
            resolve(reply(200, { accessToken: 'new', refreshToken: 'R2', expiresIn: 900, refreshExpiresIn: 86400 }));
        });
      }
      return Promise.resolve(opts.header.Authorization === 'Bearer new' ? reply(200, { url: opts.url }) : reply(401));
    });
    const pending = Promise.all([api.get('/api/a'), api.get('/api/b'), api.get('/api/c')]);
    await tick();
    await tick();
    releaseRefresh();
    await expect(pending).resolves.toEqual([{ url: '/api/a' }, { url: '/api/b' }, { url: '/api/c' }]);
    expect(calls().filter((c) => c.url === '/api/auth/refresh')).toHaveLength(1);
    expect(getSession()?.refreshToken).toBe('R2');
  });

  it('a 401 that arrives after another request refreshed retries without a second refresh', async () => {
    loginAs('old', 'R1');
    request$.mockImplementation(async (opts: Call) => {
      if (opts.url === '/api/auth/refresh')
        return reply(200, { accessToken: 'new', refreshToken: 'R2', expiresIn: 900, refreshExpiresIn: 86400 });
      if (opts.url === '/api/slow') {
        // Let the other request complete its refresh first, then answer 401 to the old token.
        await tick();
        await tick();
        await tick();
      }
      return opts.header.Authorization === 'Bearer new' ? reply(200, { url: opts.url }) : reply(401);
    });
    const [a, b] = await Promise.all([api.get('/api/fast'), api.get('/api/slow')]);
    expect(a).toEqual({ url: '/api/fast' });
    expect(b).toEqual({ url: '/api/slow' });
    expect(calls().filter((c) => c.url === '/api/auth/refresh')).toHaveLength(1);
  });

  it('when the refresh is refused it clears the session, goes to login and throws', async () => {
    loginAs('old', 'R1');
    __taro.setRoute('/packageMember/pages/status/index');
    request$.mockImplementation(async (opts: Call) => (opts.url === '/api/auth/refresh' ? reply(401) : reply(401)));
    const r = await attempt(api.get('/api/registrations/me'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(ApiError);
      expect(r.error.status).toBe(401);
      expect(r.error.message).toBe(SESSION_EXPIRED_MESSAGE);
    }
    expect(getSession()).toBeNull();
    expect(Taro.reLaunch).toHaveBeenCalledWith({
      url: `/pages/login/index?redirect=${encodeURIComponent('/packageMember/pages/status/index')}`,
    });
  });

  it('background calls clear an expired session without leaving the page', async () => {
    loginAs('old', 'R1');
    request$.mockResolvedValue(reply(401));
    const r = await attempt(api.get('/api/me', { toast: false, loginOnExpiry: false }));
    expect(r.ok).toBe(false);
    expect(getSession()).toBeNull();
    expect(Taro.reLaunch).not.toHaveBeenCalled();
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('keeps the session when the refresh cannot reach the API', async () => {
    loginAs('old', 'R1');
    request$.mockImplementation(async (opts: Call) => {
      if (opts.url === '/api/auth/refresh') throw { errMsg: 'request:fail ' };
      return reply(401);
    });
    const r = await attempt(api.get('/api/me'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(OFFLINE_MESSAGE);
    expect(getSession()?.refreshToken).toBe('R1');
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });

  it('does not refresh for unauthenticated calls (wrong password is not an expired session)', async () => {
    request$.mockResolvedValueOnce(reply(401, { code: 'UNAUTHENTICATED', message: '手机号或密码错误' }));
    const r = await attempt(api.post('/api/auth/login', { phone: '13800001111', password: 'x' }, { auth: false }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('手机号或密码错误');
    expect(calls()).toHaveLength(1);
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });
});

describe('error messages', () => {
  it('prefers details[0].message, then message, then a message by status', () => {
    expect(
      messageFromResponse(400, {
        code: 'VALIDATION_FAILED',
        message: '请求参数有误',
        details: [{ field: 'phone', message: '手机号格式不正确' }],
      }),
    ).toBe('手机号格式不正确');
    expect(
      messageFromResponse(423, { code: 'ACCOUNT_LOCKED', message: '账号已锁定，请15分钟后再试', details: [] }),
    ).toBe('账号已锁定，请15分钟后再试');
    expect(messageFromResponse(500, null)).toBe('服务暂时不可用，请稍后再试');
    expect(messageFromResponse(403, '')).toBe('没有权限执行此操作');
    expect(messageFromResponse(418, undefined)).toBe('请求失败（418）');
  });

  it('throws an ApiError with code and field details, and toasts the Chinese message', async () => {
    request$.mockResolvedValueOnce(
      reply(400, {
        code: 'VALIDATION_FAILED',
        message: '请求参数有误',
        details: [{ field: 'phone', message: '手机号格式不正确' }],
      }),
    );
    const r = await attempt(request('/api/registrations', { method: 'POST', data: {} }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION_FAILED');
      expect(r.error.fieldMessage('phone')).toBe('手机号格式不正确');
    }
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '手机号格式不正确', icon: 'none' }));
  });

  it('does not toast statuses the caller handles', async () => {
    request$.mockResolvedValueOnce(reply(404, { code: 'NOT_FOUND', message: '尚未报到' }));
    const r = await attempt(api.get('/api/registrations/me', { quietStatuses: [404] }));
    expect(r.ok).toBe(false);
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('reports offline with a clear message', async () => {
    request$.mockRejectedValueOnce({ errMsg: 'request:fail ' });
    const r = await attempt(api.get('/api/privacy-notice', { auth: false }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('network');
      expect(r.error.message).toBe(OFFLINE_MESSAGE);
    }
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络连接不可用，请检查网络' }));
  });

  it('reports timeouts (weapp errMsg and H5 AbortError)', async () => {
    request$.mockRejectedValueOnce({ errMsg: 'request:fail timeout' });
    const weapp = await attempt(api.get('/api/me'));
    expect(!weapp.ok && weapp.error.message).toBe(TIMEOUT_MESSAGE);

    const abort = new Error('The user aborted a request.');
    abort.name = 'AbortError';
    request$.mockRejectedValueOnce(abort);
    const h5 = await attempt(api.get('/api/me'));
    expect(!h5.ok && h5.error.kind).toBe('timeout');
    expect(!h5.ok && h5.error.message).toBe('请求超时，请稍后再试');
  });

  it('returns undefined for 204 and never leaves a rejection unhandled through attempt()', async () => {
    request$.mockResolvedValueOnce(reply(204, ''));
    await expect(attempt(api.delete('/api/me'))).resolves.toEqual({ ok: true, data: undefined });
    request$.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(attempt(api.get('/api/me'))).resolves.toMatchObject({ ok: false });
  });
});
