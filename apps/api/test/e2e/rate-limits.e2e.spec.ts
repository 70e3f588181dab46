import { ErrorCode, Role, type ClaimDto, type LoginResponse, type TaskDto, type TokenPair } from '@sbd/contracts';
import { randomBytes } from 'node:crypto';
import { WechatFakeServer } from '../fakes/wechat-fake-server';
import {
  buildCity,
  aTask,
  createApprovedMembers,
  createUser,
  nextPhone,
  PASSWORD,
  type City,
  type TestUser,
} from '../support/factories';
import { PRIVACY_NOTICE } from '../../src/identity/users/privacy-notice';
import { createTestApp, type TestApp } from '../support/test-app';

const CONSENT = PRIVACY_NOTICE.version;

const PNG = WechatFakeServer.PNG;
const TOO_MANY = { code: ErrorCode.TooManyRequests, message: '操作太频繁，请稍后再试', details: [] };

/** Low limits for this suite only (the test config's defaults are too high to ever meet). */
const LIMITS = {
  RATE_LIMIT_LOGIN_IP: '8/60',
  RATE_LIMIT_LOGIN_ACCOUNT: '6/60',
  RATE_LIMIT_SIGNUP_IP: '3/3600',
  RATE_LIMIT_SIGNUP_ACCOUNT: '2/3600',
  RATE_LIMIT_NEED_ACCOUNT: '3/3600',
  RATE_LIMIT_NEED_IP: '20/60',
  RATE_LIMIT_UPLOAD_ACCOUNT: '4/600',
  RATE_LIMIT_CHECKIN_MEMBER_TASK: '3/600',
  RATE_LIMIT_REFRESH_IP: '8/60',
  RATE_LIMIT_REFRESH_SESSION: '3/60',
  UPLOAD_DAILY_QUOTA_BYTES: String(PNG.length * 2 + 1),
};

/** Counts the requests `send(i)` answers before the first 429 (at most `max`), and returns that 429. */
async function untilLimited(
  send: (i: number) => Promise<{ status: number; body: unknown; headers: Record<string, string> }>,
  max = 50,
) {
  for (let i = 0; i < max; i++) {
    const res = await send(i);
    if (res.status === 429) return { allowed: i, res };
    expect(res.status).toBeLessThan(500);
  }
  throw new Error(`no 429 in ${max} requests`);
}

/** A fresh client address per call: two tests never share one address's budget. */
let lastIp = 0;
const ip = () => `203.0.113.${++lastIp}`;

/** The Redis runs need a Redis (127.0.0.1:6379 unless TEST_REDIS_URL says otherwise; TEST_REDIS_URL=off skips them). */
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const stores: [string, Record<string, string>][] = [['memory', {}]];
if (redisUrl !== 'off')
  stores.push(['redis', { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `sbd-test-${randomBytes(6).toString('hex')}:` }]);

describe.each(stores)('rate limits (%s store)', (store, storeEnv) => {
  let t: TestApp;
  let city: City;
  let resident: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ ...LIMITS, ...storeEnv });
    city = await buildCity(t);
    resident = await createUser(t, { roles: [{ role: Role.Resident, scopeNodeId: city.a.id }] });
  });
  afterAll(() => t.close());

  it('login: the 9th attempt from one IP (any phones) gets 429 with Retry-After and the one error body', async () => {
    const from = ip();
    const { allowed, res } = await untilLimited(() =>
      t
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', from)
        .send({ phone: nextPhone(), password: 'wrong-password' }),
    );
    expect(allowed).toBe(8);
    expect(res.body).toEqual(TOO_MANY);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another IP is not affected.
    await t
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', ip())
      .send({ phone: nextPhone(), password: 'wrong-password' })
      .expect(401);
  });

  it('login: one phone from many IPs is limited per account (7th attempt)', async () => {
    const phone = nextPhone();
    const { allowed } = await untilLimited((i) =>
      t
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', `198.51.100.${i + 1}`)
        .send({ phone, password: 'wrong-password' }),
    );
    expect(allowed).toBe(6);
  });

  it('sign-up: per IP (4th) and per phone (3rd)', async () => {
    const from = ip();
    const perIp = await untilLimited(() =>
      t
        .http()
        .post('/api/auth/signup')
        .set('X-Forwarded-For', from)
        .send({ phone: nextPhone(), password: PASSWORD, name: '张三', consentVersion: CONSENT }),
    );
    expect(perIp.allowed).toBe(3);
    const phone = nextPhone();
    const perPhone = await untilLimited((i) =>
      t
        .http()
        .post('/api/auth/signup')
        .set('X-Forwarded-For', `192.0.2.${i + 1}`)
        .send({ phone, password: PASSWORD, name: '张三', consentVersion: CONSENT }),
    );
    expect(perPhone.allowed).toBe(2);
  });

  it('refresh: 3 per session however often the token rotates, then 429 with Retry-After; other sessions unaffected', async () => {
    const login = async () =>
      (
        await t
          .http()
          .post('/api/auth/login')
          .set('X-Forwarded-For', ip())
          .send({ phone: resident.phone, password: PASSWORD })
          .expect(200)
      ).body as LoginResponse;
    let token = (await login()).refreshToken;
    const { allowed, res } = await untilLimited(async (i) => {
      // Each from another address, each with the newest token of the session.
      const r = await t
        .http()
        .post('/api/auth/refresh')
        .set('X-Forwarded-For', `198.51.100.${100 + i}`)
        .send({ refreshToken: token });
      if (r.status === 200) token = (r.body as TokenPair).refreshToken;
      return r;
    });
    expect(allowed).toBe(3);
    expect(res.body).toEqual(TOO_MANY);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The refused refresh did not rotate (or revoke) anything: the other session refreshes as usual.
    const other = await login();
    await t.http().post('/api/auth/refresh').send({ refreshToken: other.refreshToken }).expect(200);
  });

  it('refresh: one IP trying tokens gets 429 at the 9th, whatever the tokens', async () => {
    const from = ip();
    const { allowed, res } = await untilLimited(() =>
      t
        .http()
        .post('/api/auth/refresh')
        .set('X-Forwarded-For', from)
        .send({ refreshToken: randomBytes(32).toString('base64url') }),
    );
    expect(allowed).toBe(8);
    expect(res.body).toEqual(TOO_MANY);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('posting needs: 3 per account, then 429 (counted before the body is checked)', async () => {
    const { allowed, res } = await untilLimited(() => t.http().post('/api/needs').set(resident.auth).send({}));
    expect(allowed).toBe(3);
    expect(res.body).toEqual(TOO_MANY);
    // Another account still may.
    const other = await createUser(t, { roles: [{ role: Role.Resident, scopeNodeId: city.a.id }] });
    await t.http().post('/api/needs').set(other.auth).send({}).expect(400);
  });

  it('uploads: a daily quota in bytes (2 photos fit), and 4 uploads per account per window', async () => {
    const uploader = await createUser(t, { roles: [{ role: Role.Resident, scopeNodeId: city.a.id }] });
    const up = () =>
      t
        .http()
        .post('/api/uploads')
        .set(uploader.auth)
        .attach('file', PNG, { filename: 'a.png', contentType: 'image/png' });
    await up().expect(201);
    await up().expect(201);
    for (let i = 0; i < 2; i++) {
      const over = await up().expect(429);
      expect(over.body).toEqual({
        code: ErrorCode.TooManyRequests,
        message: expect.stringMatching(/^今日上传的图片已达上限/),
        details: [],
      });
      const retryAfter = Number(over.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    }
    const limited = await up().expect(429);
    expect(limited.body).toEqual(TOO_MANY);
  });

  it('check-in codes: 3 guesses per member and task, other members unaffected', async () => {
    const admin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    const task = (await t.http().post('/api/tasks').set(admin.auth).send(aTask(city.a)).expect(201)).body as TaskDto;
    const [m, other] = await createApprovedMembers(t, city.a, 2);
    const cm = (await t.http().post('/api/claims').set(m.auth).send({ taskId: task.id }).expect(201)).body as ClaimDto;
    const co = (await t.http().post('/api/claims').set(other.auth).send({ taskId: task.id }).expect(201))
      .body as ClaimDto;
    const { allowed, res } = await untilLimited(() =>
      t.http().post(`/api/claims/${cm.id}/check-in`).set(m.auth).send({ code: '000000' }),
    );
    expect(allowed).toBe(3);
    expect(res.body).toEqual(TOO_MANY);
    const theirs = await t.http().post(`/api/claims/${co.id}/check-in`).set(other.auth).send({ code: '000000' });
    expect(theirs.status).not.toBe(429);
  });

  it(
    store === 'redis' ? 'two API instances share the counters' : 'two API instances each count for themselves',
    async () => {
      const sibling = await t.sibling();
      const phone = nextPhone();
      const apps = [t.http, sibling.http];
      const { allowed } = await untilLimited((i) =>
        apps[i % 2]()
          .post('/api/auth/login')
          .set('X-Forwarded-For', `198.18.0.${i + 1}`)
          .send({ phone, password: 'wrong-password' }),
      );
      // LOGIN_ACCOUNT is 6/60: shared, the 7th request overall is refused; in memory, each process allows 6.
      expect(allowed).toBe(store === 'redis' ? 6 : 12);
    },
  );
});

describe('rate limits when Redis is unreachable', () => {
  it('the API starts and serves (limits not enforced) rather than failing every request', async () => {
    // A port nothing listens on.
    const t = await createTestApp({ ...LIMITS, REDIS_URL: 'redis://127.0.0.1:1', REDIS_KEY_PREFIX: 'sbd-test-down:' });
    try {
      for (let i = 0; i < 10; i++) {
        await t
          .http()
          .post('/api/auth/login')
          .set('X-Forwarded-For', '203.0.113.200')
          .send({ phone: nextPhone(), password: 'wrong-password' })
          .expect(401);
      }
    } finally {
      await t.close();
    }
  });
});
