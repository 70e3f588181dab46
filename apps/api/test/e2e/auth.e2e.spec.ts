import { ErrorCode, LOGIN_MAX_FAILURES, Role, SIGNUP_ACCEPTED_MESSAGE } from '@sbd/contracts';
import { RefreshTokenEntity } from '../../src/identity/auth/entities/refresh-token.entity';
import { UserEntity } from '../../src/identity/users/entities/user.entity';
import { FieldCipher } from '../../src/platform/crypto/field-cipher';
import { toDbDate } from '../../src/platform/database/sql';
import { buildCity, createUser, nextPhone, PASSWORD, type City } from '../support/factories';
import { PRIVACY_NOTICE } from '../../src/identity/users/privacy-notice';
import { createTestApp, type TestApp } from '../support/test-app';

const CONSENT = PRIVACY_NOTICE.version;

describe('accounts and login', () => {
  let t: TestApp;
  let city: City;

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
  });
  afterAll(() => t.close());

  describe('sign-up with phone and password', () => {
    it('creates an account, stores the phone encrypted, and makes the user a resident of the scanned community', async () => {
      const phone = nextPhone();
      const res = await t
        .http()
        .post('/api/auth/signup')
        .send({ phone, password: 'Str0ng!pass', name: '王大妈', communityCode: city.a.code, consentVersion: CONSENT })
        .expect(202);
      expect(res.body).toEqual({ message: SIGNUP_ACCEPTED_MESSAGE });
      // The client then logs in with the same phone and password.
      const login = await t.http().post('/api/auth/login').send({ phone, password: 'Str0ng!pass' }).expect(200);
      expect(login.body.user.phone).toBe(phone);
      expect(login.body.user.roles).toEqual([{ role: Role.Resident, scopeNodeId: city.a.id, scopeName: '甲社区' }]);
      const row = await t.ds.getRepository(UserEntity).findOneByOrFail({ id: login.body.user.id });
      expect(row.phoneEnc).not.toContain(phone);
      expect(row.phoneHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.passwordHash).toMatch(/^\$2[aby]\$/);
    });

    it.each([
      ['short', 'Ab1!', '密码至少需要8位'],
      ['two classes', 'abcdefgh1', '密码需包含大写字母、小写字母、数字、符号中的至少三类'],
    ])('refuses a %s password with a field message', async (_, password, message) => {
      const before = await t.counts();
      const res = await t
        .http()
        .post('/api/auth/signup')
        .send({ phone: nextPhone(), password, name: '张三', consentVersion: CONSENT })
        .expect(400);
      expect(res.body).toMatchObject({ code: ErrorCode.ValidationFailed, details: [{ field: 'password', message }] });
      expect(await t.counts()).toEqual(before);
    });

    it('answers a registered phone exactly as a new one (no enumeration) and changes nothing', async () => {
      const phone = nextPhone();
      const first = await t
        .http()
        .post('/api/auth/signup')
        .send({ phone, password: 'Str0ng!pass', name: '甲', consentVersion: CONSENT })
        .expect(202);
      const before = await t.counts();
      const again = await t
        .http()
        .post('/api/auth/signup')
        .send({ phone, password: 'Other!pass2', name: '乙', communityCode: city.a.code, consentVersion: CONSENT })
        .expect(202);
      expect(again.body).toEqual(first.body);
      expect(await t.counts()).toEqual(before);
      // The owner's password and name stand; the second one does not log in.
      await t.http().post('/api/auth/login').send({ phone, password: 'Other!pass2' }).expect(401);
      const login = await t.http().post('/api/auth/login').send({ phone, password: 'Str0ng!pass' }).expect(200);
      expect(login.body.user.name).toBe('甲');
      expect(login.body.user.roles).toEqual([]);
    });

    it('refuses an unknown community code without creating the account', async () => {
      const phone = nextPhone();
      const res = await t
        .http()
        .post('/api/auth/signup')
        .send({ phone, password: 'Str0ng!pass', name: '甲', communityCode: 'NOPE', consentVersion: CONSENT })
        .expect(400);
      expect(res.body.details).toEqual([{ field: 'communityCode', message: '社区不存在，请重新扫描社区二维码' }]);
      await t.http().post('/api/auth/login').send({ phone, password: 'Str0ng!pass' }).expect(401);
    });

    it('creates one account from ten simultaneous sign-ups with the same phone, answering all alike', async () => {
      const phone = nextPhone();
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          t
            .http()
            .post('/api/auth/signup')
            .send({ phone, password: 'Str0ng!pass', name: '并发', consentVersion: CONSENT }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(202));
      const hash = new FieldCipher(t.config.fieldEncryptionKey).hash(phone);
      expect(await t.ds.getRepository(UserEntity).countBy({ phoneHash: hash })).toBe(1);
    });
  });

  describe('password login and lockout', () => {
    it('answers 401 with the same message for a wrong password and an unknown phone', async () => {
      const u = await createUser(t);
      const wrong = await t
        .http()
        .post('/api/auth/login')
        .send({ phone: u.phone, password: 'Wrong!pass1' })
        .expect(401);
      const unknown = await t
        .http()
        .post('/api/auth/login')
        .send({ phone: nextPhone(), password: 'Wrong!pass1' })
        .expect(401);
      expect(wrong.body.message).toBe('手机号或密码错误');
      expect(unknown.body.message).toBe(wrong.body.message);
    });

    /** The (phone, source) pair's failure row; supertest's requests all come from 127.0.0.1. */
    const pairRow = async (phone: string): Promise<{ failure_count: number; locked_until: unknown } | undefined> =>
      (
        await t.ds.query(
          "SELECT failure_count, locked_until FROM login_failures WHERE account_hash = ? AND source <> '*'",
          [new FieldCipher(t.config.fieldEncryptionKey).hash(phone)],
        )
      )[0];

    it(`locks the account from this IP for 15 minutes after ${LOGIN_MAX_FAILURES} failures, even for the right password`, async () => {
      const u = await createUser(t);
      for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i++) {
        await t.http().post('/api/auth/login').send({ phone: u.phone, password: 'Wrong!pass1' }).expect(401);
      }
      const fifth = await t
        .http()
        .post('/api/auth/login')
        .send({ phone: u.phone, password: 'Wrong!pass1' })
        .expect(423);
      expect(fifth.body.code).toBe(ErrorCode.AccountLocked);
      expect(fifth.body.message).toMatch(/已锁定，请15分钟后再试/);
      await t.http().post('/api/auth/login').send({ phone: u.phone, password: PASSWORD }).expect(423);

      // Once the lock has passed, the right password works and the count starts again.
      await t.ds.query("UPDATE login_failures SET locked_until = ? WHERE account_hash = ? AND source <> '*'", [
        toDbDate(new Date(Date.now() - 1000)),
        new FieldCipher(t.config.fieldEncryptionKey).hash(u.phone),
      ]);
      await t.http().post('/api/auth/login').send({ phone: u.phone, password: PASSWORD }).expect(200);
      expect(await pairRow(u.phone)).toBeUndefined();
    });

    it('counts failures that arrive at the same moment (no lost updates)', async () => {
      const u = await createUser(t);
      await Promise.all(
        Array.from({ length: LOGIN_MAX_FAILURES }, () =>
          t.http().post('/api/auth/login').send({ phone: u.phone, password: 'Wrong!pass1' }),
        ),
      );
      const row = await pairRow(u.phone);
      expect(Number(row?.failure_count)).toBe(LOGIN_MAX_FAILURES);
      expect(row?.locked_until).not.toBeNull();
    });
  });

  describe('tokens', () => {
    it('rejects requests without a valid access token', async () => {
      await t.http().get('/api/me').expect(401);
      const res = await t.http().get('/api/me').set('Authorization', 'Bearer not-a-jwt').expect(401);
      expect(res.body.code).toBe(ErrorCode.Unauthenticated);
    });

    it('rotates the refresh token; the old one no longer works, and its reuse ends the session', async () => {
      const u = await createUser(t);
      const first = await t.http().post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200);
      expect(first.body.refreshToken).not.toBe(u.refreshToken);
      await t.http().get('/api/me').set('Authorization', `Bearer ${first.body.accessToken}`).expect(200);

      // Someone replays the old token: refused, and the new one is revoked as well.
      await t.http().post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
      await t.http().post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    });

    it('lets only one of several simultaneous refreshes of one token succeed', async () => {
      const u = await createUser(t);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => t.http().post('/api/auth/refresh').send({ refreshToken: u.refreshToken })),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.every((r) => r.status === 200 || r.status === 401)).toBe(true);
    });

    it('logout revokes the refresh token', async () => {
      const u = await createUser(t);
      await t.http().post('/api/auth/logout').send({ refreshToken: u.refreshToken }).expect(204);
      await t.http().post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
      const rows = await t.ds.getRepository(RefreshTokenEntity).findBy({ userId: u.id });
      expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
    });
  });

  describe('WeChat login (against the fake WeChat server)', () => {
    it('binds one openid to one account and never returns the session_key', async () => {
      t.wechat.codes.set('code-1', { openid: 'openid-A', sessionKey: 'SECRET-SESSION-KEY' });
      t.wechat.codes.set('code-2', { openid: 'openid-A', sessionKey: 'SECRET-SESSION-KEY' });
      const first = await t.http().post('/api/auth/wechat').send({ code: 'code-1' }).expect(200);
      const second = await t.http().post('/api/auth/wechat').send({ code: 'code-2' }).expect(200);
      expect(second.body.user.id).toBe(first.body.user.id);
      expect(first.body.user.hasWechat).toBe(true);
      expect(JSON.stringify(first.body)).not.toContain('SECRET-SESSION-KEY');
      const call = t.wechat.requestsTo('/sns/jscode2session')[0];
      expect(call.query).toMatchObject({
        appid: t.config.wechat.appId,
        js_code: 'code-1',
        grant_type: 'authorization_code',
      });
    });

    it('answers 400 for an invalid code (40029)', async () => {
      const res = await t.http().post('/api/auth/wechat').send({ code: 'never-issued' }).expect(400);
      expect(res.body.message).toBe('微信登录凭证无效或已过期，请重新进入小程序');
    });

    it('answers 429 when WeChat rate-limits (45011)', async () => {
      t.wechat.codes.set('code-rl', { openid: 'openid-rl' });
      t.wechat.rateLimitNext(1);
      const res = await t.http().post('/api/auth/wechat').send({ code: 'code-rl' }).expect(429);
      expect(res.body.code).toBe(ErrorCode.RateLimited);
    });

    it('retries once when WeChat is busy (-1), then answers 503 if it stays busy', async () => {
      t.wechat.codes.set('code-busy', { openid: 'openid-busy' });
      t.wechat.busyNext(1);
      await t.http().post('/api/auth/wechat').send({ code: 'code-busy' }).expect(200);

      t.wechat.codes.set('code-busy2', { openid: 'openid-busy2' });
      t.wechat.busyNext(2);
      const res = await t.http().post('/api/auth/wechat').send({ code: 'code-busy2' }).expect(503);
      expect(res.body.message).toBe('微信服务暂时不可用，请稍后再试');
    });
  });

  describe('consent and account deletion', () => {
    it('records consent with version and time, and refuses an outdated version', async () => {
      const u = await createUser(t);
      const notice = await t.http().get('/api/privacy-notice').expect(200);
      const res = await t.http().post('/api/me/consent').set(u.auth).send({ version: notice.body.version }).expect(200);
      expect(res.body.consentVersion).toBe(notice.body.version);
      expect(Date.parse(res.body.consentAt)).toBeGreaterThan(Date.now() - 60_000);
      const old = await t.http().post('/api/me/consent').set(u.auth).send({ version: '2020-01' }).expect(400);
      expect(old.body.details[0].field).toBe('version');
    });

    it('deleting an account anonymises it and ends its sessions', async () => {
      const u = await createUser(t, { name: '要注销的人' });
      await t.http().delete('/api/me').set(u.auth).expect(204);
      const row = await t.ds.getRepository(UserEntity).findOneByOrFail({ id: u.id });
      expect(row).toMatchObject({ name: '已注销用户', phoneEnc: null, phoneHash: null, passwordHash: null });
      expect(row.deletedAt).not.toBeNull();
      await t.http().get('/api/me').set(u.auth).expect(401);
      await t.http().post('/api/auth/login').send({ phone: u.phone, password: PASSWORD }).expect(401);
      await t.http().post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
    });
  });
});
