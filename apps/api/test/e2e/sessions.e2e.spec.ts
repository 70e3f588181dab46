import { JwtService } from '@nestjs/jwt';
import { ErrorCode, type LoginResponse } from '@sbd/contracts';
import { createUser, PASSWORD } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

/** Access tokens carry their session (`sid`, the refresh-token family), checked on every request. */
describe('sessions: logout and revocation end the access token at once', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const me = (token: string) => t.http().get('/api/me').set('Authorization', `Bearer ${token}`);
  const login = async (phone: string) =>
    (await t.http().post('/api/auth/login').send({ phone, password: PASSWORD }).expect(200)).body as LoginResponse;

  it('the access token names its session', async () => {
    const u = await createUser(t);
    const payload = t.app.get(JwtService).decode<{ sub: number; typ: string; sid: string }>(u.token);
    expect(payload).toMatchObject({ sub: u.id, typ: 'access', sid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('logout: the access token fails with 401 at once; another session of the same account goes on', async () => {
    const u = await createUser(t);
    const other = await login(u.phone);
    await me(u.token).expect(200);
    await t.http().post('/api/auth/logout').send({ refreshToken: u.refreshToken }).expect(204);
    const res = await me(u.token).expect(401);
    expect(res.body).toEqual({ code: ErrorCode.Unauthenticated, message: '登录已失效，请重新登录', details: [] });
    await me(other.accessToken).expect(200);
  });

  it('rotation keeps the session; reuse of a rotated refresh token revokes the family and its access tokens', async () => {
    const u = await createUser(t);
    const rotated = (await t.http().post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200)).body;
    await me(u.token).expect(200);
    await me(rotated.accessToken).expect(200);
    // The old refresh token shows up again: theft suspected, the whole family ends.
    await t.http().post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
    await me(u.token).expect(401);
    await me(rotated.accessToken).expect(401);
  });

  it('a token without a session, or with another account’s session, is refused', async () => {
    const a = await createUser(t);
    const b = await createUser(t);
    const jwt = t.app.get(JwtService);
    await me(await jwt.signAsync({ sub: a.id, typ: 'access' })).expect(401);
    const sidOfB = jwt.decode<{ sid: string }>(b.token).sid;
    await me(await jwt.signAsync({ sub: a.id, typ: 'access', sid: sidOfB })).expect(401);
  });
});
