/**
 * Bounded input: a body's depth, key count and array lengths are checked before validation (so a
 * hostile body is refused in milliseconds, with a small answer), a body that is not JSON is
 * refused with 415 instead of being read as empty, an update that changes nothing is refused,
 * and every 4xx has the one error shape `{ code, message, details }`.
 */
import { ErrorCode, Role } from '@sbd/contracts';
import { getMetadataStorage } from 'class-validator';
import type { Response } from 'supertest';
import { expectErrorShape } from '../support/error-shape';
import { buildCity, createUser, PASSWORD, type City, type TestUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const nested = (depth: number, open = '[', close = ']') => `{"phone":${open.repeat(depth)}${close.repeat(depth)}}`;
const nestedObjects = (depth: number) => `{"phone":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
const manyKeys = (n: number, extra: Record<string, unknown> = {}) => {
  const o: Record<string, unknown> = { ...extra };
  for (let i = 0; i < n; i++) o[`k${i}`] = 1;
  return JSON.stringify(o);
};

describe('bounded input', () => {
  let t: TestApp;
  let city: City;
  let adminA: TestUser;
  let secretary: TestUser;
  let positionId: number;

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
    adminA = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    secretary = await createUser(t, { roles: [{ role: Role.BranchSecretary, scopeNodeId: city.a.branchId }] });
    positionId = city.a.positionIds[0];
  });
  afterAll(() => t.close());

  const timed = async (label: string, go: () => Promise<Response>): Promise<{ res: Response; ms: number }> => {
    const start = performance.now();
    const res = await go();
    const ms = Math.round(performance.now() - start);
    if (process.env.SHOW_TIMINGS) console.log(`${label}: ${res.status} in ${ms} ms, ${res.text.length} bytes`);
    return { res, ms };
  };

  describe('depth', () => {
    const routes: [string, 'post' | 'patch', () => string, () => TestUser | undefined][] = [
      ['login', 'post', () => '/api/auth/login', () => undefined],
      ['refresh', 'post', () => '/api/auth/refresh', () => undefined],
      ['claim', 'post', () => '/api/claims', () => secretary],
      ['position', 'patch', () => `/api/positions/${positionId}`, () => adminA],
    ];
    it.each(routes)(
      'refuses ~1,400 nested arrays on %s quickly, in the error shape',
      async (name, method, path, user) => {
        const before = await t.counts();
        for (const body of [nested(1400), nested(33), nestedObjects(1400), nested(200_000)]) {
          const { res, ms } = await timed(`${name} depth ${body.length}`, () => {
            const req = t.http()[method](path()).set('Content-Type', 'application/json');
            const u = user();
            if (u) req.set(u.auth);
            return req.send(body);
          });
          expectErrorShape(res, 400);
          expect(res.body.code).toBe(ErrorCode.MalformedBody);
          expect(ms).toBeLessThan(2000);
        }
        expect(await t.counts()).toEqual(before);
      },
    );

    it('still accepts a body 32 levels deep where the DTO allows nesting (here refused by validation, not by depth)', async () => {
      const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(nested(30));
      expectErrorShape(res, 400);
      expect(res.body.code).toBe(ErrorCode.ValidationFailed);
    });
  });

  describe('key count', () => {
    it('refuses 60,000 unknown keys on login quickly with a small answer', async () => {
      const { res, ms } = await timed('login 60k keys', () =>
        t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(manyKeys(60_000)),
      );
      expectErrorShape(res, 413);
      expect(res.body.code).toBe(ErrorCode.PayloadTooLarge);
      expect(res.text.length).toBeLessThan(2048);
      expect(ms).toBeLessThan(2000);
    });

    it('answers ten such logins at once in well under the time one used to take', async () => {
      const body = manyKeys(60_000);
      const { ms } = await timed('10 × login 60k keys', async () => {
        const all = await Promise.all(
          Array.from({ length: 10 }, () =>
            t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(body),
          ),
        );
        for (const res of all) expectErrorShape(res, 413);
        return all[0];
      });
      expect(ms).toBeLessThan(5000);
    });

    it('lists at most a few unknown keys when there are many (under the key limit)', async () => {
      const { res } = await timed('login 1,500 keys', () =>
        t
          .http()
          .post('/api/auth/login')
          .set('Content-Type', 'application/json')
          .send(manyKeys(1500, { phone: '13900000000', password: PASSWORD })),
      );
      expectErrorShape(res, 400);
      expect(res.text.length).toBeLessThan(4096);
      expect(res.body.details.length).toBeLessThanOrEqual(20);
      expect(res.body.message).toMatch(/不支持的字段/);
    });
  });

  describe('array length', () => {
    it('refuses a 130,000-item memberUserIds before checking its items', async () => {
      const ids = Array.from({ length: 130_000 }, (_, i) => i + 1);
      const before = await t.counts();
      const { res, ms } = await timed('claims 130k ids', () =>
        t
          .http()
          .post('/api/claims')
          .set(secretary.auth)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ taskId: 1, branchId: city.a.branchId, memberUserIds: ids })),
      );
      expectErrorShape(res, 400);
      expect(res.body.details).toEqual([
        expect.objectContaining({ field: 'memberUserIds', message: expect.stringMatching(/最多100项/) }),
      ]);
      expect(ms).toBeLessThan(2000);
      expect(await t.counts()).toEqual(before);
    });
  });

  it('has an ArrayMaxSize on every list of every DTO, so no list escapes the pre-check', () => {
    // The app is loaded, so every DTO class has registered its metadata.
    const all = (
      getMetadataStorage() as unknown as {
        validationMetadatas: Map<{ name: string }, { propertyName: string; name?: string }[]>;
      }
    ).validationMetadatas;
    const unbounded: string[] = [];
    let lists = 0;
    for (const [target, metas] of all) {
      for (const m of metas.filter((x) => x.name === 'isArray')) {
        lists++;
        if (!metas.some((x) => x.propertyName === m.propertyName && x.name === 'arrayMaxSize'))
          unbounded.push(`${target.name}.${m.propertyName}`);
      }
    }
    expect(lists).toBeGreaterThan(5);
    expect(unbounded).toEqual([]);
  });

  describe('content type', () => {
    const cases: [string, string, string][] = [
      ['text/plain', 'text/plain', JSON.stringify({ phone: '13900000000', password: PASSWORD })],
      ['form', 'application/x-www-form-urlencoded', 'phone=13900000000&password=x'],
      ['xml', 'application/xml', '<login/>'],
      [
        'multipart',
        'multipart/form-data; boundary=X',
        '--X\r\nContent-Disposition: form-data; name="phone"\r\n\r\n1\r\n--X--\r\n',
      ],
      ['octet-stream', 'application/octet-stream', '{}'],
    ];
    it.each(cases)('refuses a %s body on a JSON route with 415', async (_, type, body) => {
      for (const [method, path, user] of [
        ['post', '/api/auth/login', undefined],
        ['patch', `/api/positions/${positionId}`, adminA],
        ['post', '/api/claims', secretary],
      ] as const) {
        const req = t.http()[method](path).set('Content-Type', type);
        if (user) req.set(user.auth);
        const res = await req.send(body);
        expectErrorShape(res, 415);
        expect(res.body.code).toBe(ErrorCode.UnsupportedMediaType);
      }
    });

    it('still takes JSON with a charset, and a POST without a body', async () => {
      const res = await t
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ phone: adminA.phone, password: PASSWORD }));
      expect(res.status).toBe(200);
      const logout = await t.http().post('/api/auth/logout').set(adminA.auth);
      expect(logout.status).toBeLessThan(500);
      if (logout.status >= 400) expectErrorShape(logout);
    });

    it('leaves the upload routes to multipart (and refuses JSON there in the error shape)', async () => {
      const up = await t
        .http()
        .post('/api/uploads')
        .set(adminA.auth)
        .attach('file', Buffer.from('not an image'), 'a.png');
      expect(up.status).not.toBe(415);
      expectErrorShape(up, 400);
    });
  });

  describe('empty updates', () => {
    it.each([['{}'], ['{"__proto__":{"x":1}}']])('refuses PATCH /api/positions/:id with %s', async (body) => {
      const before = await t.counts();
      const res = await t
        .http()
        .patch(`/api/positions/${positionId}`)
        .set(adminA.auth)
        .set('Content-Type', 'application/json')
        .send(body);
      expectErrorShape(res, 400);
      expect(res.body.message).toMatch(/修改/);
      expect(await t.counts()).toEqual(before);
    });

    it('refuses an empty PATCH on every PATCH route', async () => {
      for (const path of [`/api/org/nodes/${city.a.id}`, `/api/pairing-items/1`, '/api/registrations/me']) {
        const res = await t.http().patch(path).set(adminA.auth).set('Content-Type', 'application/json').send('{}');
        expectErrorShape(res);
        expect(res.status).not.toBe(200);
      }
    });
  });

  describe('the error shape on every 4xx', () => {
    it.each([
      ['an unknown API route', () => t.http().get('/api/no-such-thing')],
      [
        'an unknown write route',
        () => t.http().post('/api/no-such-thing').set('Content-Type', 'application/json').send('{}'),
      ],
      ['no token', () => t.http().get('/api/me')],
      ['a POST without a body', () => t.http().post('/api/auth/login')],
      [
        'a POST with an empty JSON body',
        () => t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(''),
      ],
      ['a PATCH without a body', () => t.http().patch(`/api/positions/${positionId}`).set(adminA.auth)],
      ['a GET with a malformed path', () => t.http().get('/api/claims/%E0%A4%A')],
      ['malformed JSON', () => t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{bad')],
      [
        'a body over 1 MB',
        () =>
          t
            .http()
            .post('/api/auth/login')
            .set('Content-Type', 'application/json')
            .send(JSON.stringify({ phone: 'x'.repeat(1_100_000) })),
      ],
      [
        'an unsupported charset',
        () => t.http().post('/api/auth/login').set('Content-Type', 'application/json; charset=klingon').send('{}'),
      ],
      ['a bad id', () => t.http().get('/api/claims/abc').set(adminA.auth)],
      ['a wrong login', () => t.http().post('/api/auth/login').send({ phone: '13900000001', password: 'Wrong123!' })],
      [
        'a forbidden route',
        () => t.http().patch(`/api/positions/${city.b.positionIds[0]}`).set(adminA.auth).send({ name: '新名称' }),
      ],
      [
        'a malformed upload',
        () =>
          t
            .http()
            .post('/api/uploads')
            .set(adminA.auth)
            .set('Content-Type', 'multipart/form-data; boundary=X')
            .send('garbage'),
      ],
    ])('%s', async (_, go) => {
      expectErrorShape(await go());
    });
  });
});
