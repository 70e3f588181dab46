/**
 * Property: whatever malformed body reaches a POST/PATCH route, the API answers 400 with the
 * `{ code, message }` shape and a Chinese message — never a 5xx, never a 2xx — and the database
 * is exactly as it was (row counts and row contents).
 *
 * Every route is called by a user with the right role for it, on ids that exist, so that each
 * request gets past authentication and reaches validation; and every generated body carries at
 * least one certainly-invalid field, so a 2xx can only mean the API accepted something it must not.
 * A closing request with a valid body per route proves the harness reaches the handler at all.
 */
import {
  DayPeriod,
  ErrorCode,
  OrgNodeType,
  PairingItemStatus,
  PairingListType,
  RegistrationStatus,
  Role,
  Weekday,
} from '@sbd/contracts';
import { isCnIdNumber } from '@sbd/domain';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { RegistrationEntity } from '../../src/identity/registration/entities/registration.entity';
import { PRIVACY_NOTICE } from '../../src/identity/users/privacy-notice';
import { buildCity, buildRegistration, createUser, nextPhone, PASSWORD, type City, type TestUser } from '../support/factories';
import {
  CHINESE,
  POISON,
  anyText,
  badEnum,
  badId,
  badLatitude,
  badLongitude,
  badPhone,
  badText,
  expectRefused,
  malformedBodies,
  nonMatching,
  notABoolean,
  notAString,
  notAnArray,
  notAnInteger,
  snapshotRows,
  tooLong,
} from '../support/malformed';
import { createTestApp, type TestApp } from '../support/test-app';

const RUNS = Number(process.env.FC_RUNS ?? 30);
const HUGE_RUNS = 4;

// ---------------------------------------------------------------------------------------------
// Generators for the foundation's own fields.

const validSlot = fc.record({ weekday: fc.constantFrom(...[1, 2, 3, 4, 5, 6, 7]), period: fc.constantFrom(...Object.values(DayPeriod)) });
const badSlot = fc.oneof(
  // Not the enum's member names ('Mon'…): class-validator's IsEnum accepts them (see the known-bug test below).
  fc.record({ weekday: badEnum([...Object.values(Weekday)]), period: fc.constantFrom(...Object.values(DayPeriod)) }),
  fc.record({ weekday: fc.integer({ min: 1, max: 7 }), period: badEnum(Object.values(DayPeriod)) }),
  fc.record({ period: fc.constantFrom(...Object.values(DayPeriod)) }),
  validSlot.map((s) => ({ ...s, [POISON]: 1 })),
  anyText,
  fc.integer(),
  fc.constant(null),
  // Not an array of slots or an empty array: nested arrays pass ValidateNested (see the known-bug test below).
  fc.array(fc.oneof(fc.integer(), anyText, fc.boolean()), { minLength: 1, maxLength: 3 }),
);
const badSkills = (opts: { nullOk?: boolean } = {}) =>
  fc.oneof(
    notAnArray,
    fc.array(fc.string({ maxLength: 20 }), { minLength: 11, maxLength: 15 }),
    fc.tuple(fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }), fc.oneof(notAString, fc.constant(null), tooLong(20))).map(([ok, bad]) => [...ok, bad]),
    ...(opts.nullOk ? [] : [fc.constant(null)]),
  );
const badFreeTime = (opts: { nullOk?: boolean } = {}) =>
  fc.oneof(
    notAnArray,
    fc.tuple(fc.array(validSlot, { maxLength: 3 }), badSlot).map(([ok, bad]) => [...ok, bad]),
    fc.array(validSlot, { minLength: 22, maxLength: 25 }),
    ...(opts.nullOk ? [] : [fc.constant(null)]),
  );
const badPositionIds = (opts: { nullOk?: boolean } = {}) =>
  fc.oneof(
    notAnArray,
    fc.tuple(fc.array(fc.integer({ min: 1, max: 1000 }), { maxLength: 3 }), notAnInteger).map(([ok, bad]) => [...ok, bad]),
    fc.integer({ min: 1, max: 1000 }).map((n) => [n, n]),
    fc.uniqueArray(fc.integer({ min: 1, max: 100000 }), { minLength: 9, maxLength: 12 }),
    ...(opts.nullOk ? [] : [fc.constant(null)]),
  );

// ---------------------------------------------------------------------------------------------
// The routes.

interface RouteSpec {
  name: string;
  method: 'post' | 'patch';
  path: () => string;
  /** Who calls it; null for the public auth routes. */
  user: () => TestUser | null;
  /** For each key of the DTO, values the API must refuse. */
  bad: Record<string, fc.Arbitrary<unknown>>;
  /** A body the API accepts; the "almost valid" bodies break one field of it. */
  valid: () => Record<string, unknown>;
  /** The status of the valid body, checked once after the generated ones. */
  validStatus: number;
  before?: () => Promise<void>;
}

describe('malformed bodies on every POST and PATCH route', () => {
  let t: TestApp;
  let city: City;
  let platform: TestUser;
  let adminA: TestUser;
  let unitAdminA: TestUser;
  /** No roles, no registration: submits registrations, consents. */
  let plain: TestUser;
  /** Has a (pending) registration in a. */
  let registered: TestUser;
  let session: TestUser;
  let toApprove: number;
  let toReject: number;
  let pairingId: number;
  let itemId: number;

  const send = (route: RouteSpec, body: string, contentType = 'application/json'): Promise<Response> => {
    const user = route.user();
    const req = t.http()[route.method](route.path()).set('Content-Type', contentType);
    if (user) req.set(user.auth);
    return req.send(body);
  };

  const routes: RouteSpec[] = [
    {
      name: 'POST /api/auth/signup',
      method: 'post',
      path: () => '/api/auth/signup',
      user: () => null,
      bad: {
        phone: badPhone(),
        password: fc.oneof(
          notAString,
          fc.constant(null),
          fc.string({ maxLength: 7 }),
          fc.stringMatching(/^[a-z]{8,20}$/),
          fc.stringMatching(/^[a-z0-9]{8,20}$/).filter((s) => !/^[a-z]+$/.test(s) && !/^\d+$/.test(s)),
          fc.stringMatching(/^[A-Za-z0-9!]{65,80}$/),
        ),
        name: badText(50, { notBlank: true }),
        communityCode: fc.oneof(notAString, nonMatching(/^[A-Za-z0-9_-]{1,32}$/)),
      },
      valid: () => ({ phone: nextPhone(), password: 'Str0ng!pass', name: '张三' }),
      validStatus: 202,
    },
    {
      name: 'POST /api/auth/login',
      method: 'post',
      path: () => '/api/auth/login',
      user: () => null,
      bad: { phone: badPhone(), password: fc.oneof(notAString, fc.constant(null), fc.constant(''), tooLong(64)) },
      valid: () => ({ phone: session.phone, password: PASSWORD }),
      validStatus: 200,
    },
    {
      name: 'POST /api/auth/wechat',
      method: 'post',
      path: () => '/api/auth/wechat',
      user: () => null,
      bad: { code: fc.oneof(notAString, fc.constant(null), fc.constant(''), tooLong(128)) },
      valid: () => ({ code: 'malformed-spec-code' }),
      validStatus: 200,
      before: async () => {
        t.wechat.codes.set('malformed-spec-code', { openid: 'openid-malformed-spec' });
      },
    },
    {
      name: 'POST /api/auth/refresh',
      method: 'post',
      path: () => '/api/auth/refresh',
      user: () => null,
      bad: { refreshToken: fc.oneof(notAString, fc.constant(null), fc.string({ maxLength: 15 }), tooLong(200)) },
      valid: () => ({ refreshToken: session.refreshToken }),
      validStatus: 200,
    },
    {
      name: 'POST /api/auth/logout',
      method: 'post',
      path: () => '/api/auth/logout',
      user: () => null,
      bad: { refreshToken: fc.oneof(notAString, fc.constant(null), fc.string({ maxLength: 15 }), tooLong(200)) },
      valid: () => ({ refreshToken: session.refreshToken }),
      validStatus: 204,
    },
    {
      name: 'POST /api/me/consent',
      method: 'post',
      path: () => '/api/me/consent',
      user: () => plain,
      bad: { version: fc.oneof(notAString, fc.constant(null), tooLong(20), fc.string({ maxLength: 20 }).filter((s) => s !== PRIVACY_NOTICE.version)) },
      valid: () => ({ version: PRIVACY_NOTICE.version }),
      validStatus: 200,
    },
    {
      name: 'POST /api/org/nodes',
      method: 'post',
      path: () => '/api/org/nodes',
      user: () => platform,
      bad: {
        type: badEnum(Object.values(OrgNodeType)),
        name: badText(100, { notBlank: true }),
        parentId: badId({ nullOk: true }),
        code: fc.oneof(notAString, nonMatching(/^[A-Za-z0-9_-]{3,32}$/)),
        address: fc.oneof(notAString, tooLong(255)),
        latitude: badLatitude({ nullOk: true }),
        longitude: badLongitude({ nullOk: true }),
      },
      valid: () => ({ type: OrgNodeType.Building, name: '探针楼', parentId: city.a.gridId, latitude: 31.98, longitude: 120.89 }),
      validStatus: 201,
    },
    {
      name: 'PATCH /api/org/nodes/:id',
      method: 'patch',
      path: () => `/api/org/nodes/${city.a.gridId}`,
      user: () => adminA,
      bad: {
        name: badText(100, { notBlank: true }),
        address: fc.oneof(notAString, tooLong(255)),
        latitude: badLatitude({ nullOk: true }),
        longitude: badLongitude({ nullOk: true }),
      },
      valid: () => ({ name: '甲社区一网格', address: '幸福路1号' }),
      validStatus: 200,
    },
    {
      name: 'POST /api/communities/:id/positions',
      method: 'post',
      path: () => `/api/communities/${city.a.id}/positions`,
      user: () => adminA,
      bad: {
        code: fc.oneof(notAString, fc.constant(null), nonMatching(/^[a-z0-9_-]{2,32}$/)),
        name: badText(50, { notBlank: true }),
        description: fc.oneof(notAString, tooLong(500)),
        sortOrder: fc.oneof(notAnInteger, fc.integer({ max: -1 }), fc.integer({ min: 10000 })),
      },
      valid: () => ({ code: 'probe', name: '探针岗', description: '测试', sortOrder: 50 }),
      validStatus: 201,
    },
    {
      name: 'PATCH /api/positions/:id',
      method: 'patch',
      path: () => `/api/positions/${city.a.positionIds[0]}`,
      user: () => adminA,
      bad: {
        name: badText(50, { notBlank: true }),
        description: fc.oneof(notAString, tooLong(500)),
        active: fc.oneof(notABoolean, fc.constant(null)),
        sortOrder: fc.oneof(notAnInteger, fc.integer({ max: -1 }), fc.integer({ min: 10000 }), fc.constant(null)),
      },
      valid: () => ({ name: '政策宣传', active: true, sortOrder: 0 }),
      validStatus: 200,
    },
    {
      name: 'POST /api/registrations',
      method: 'post',
      path: () => '/api/registrations',
      user: () => plain,
      bad: {
        communityCode: fc.oneof(notAString, fc.constant(null), nonMatching(/^[A-Za-z0-9_-]{1,32}$/)),
        name: badText(50, { notBlank: true }),
        phone: badPhone(),
        idNumber: fc.oneof(notAString, anyText, fc.stringMatching(/^\d{17}[\dX]$/).filter((s) => !isCnIdNumber(s))),
        workUnitId: badId(),
        workUnitName: badText(100, { notBlank: true }),
        unitPartyOrgName: badText(100, { notBlank: true }),
        buildingId: badId({ nullOk: true }),
        residenceDetail: badText(200, { notBlank: true }),
        skills: badSkills(),
        freeTime: badFreeTime(),
        positionIds: badPositionIds(),
        consentVersion: fc.oneof(notAString, fc.constant(null), tooLong(20), fc.string({ maxLength: 20 }).filter((s) => s !== PRIVACY_NOTICE.version)),
      },
      valid: () => ({ ...buildRegistration(city.a), phone: '13900001111' }),
      validStatus: 201,
    },
    {
      name: 'PATCH /api/registrations/me',
      method: 'patch',
      path: () => '/api/registrations/me',
      user: () => registered,
      bad: {
        skills: badSkills({ nullOk: true }),
        freeTime: badFreeTime({ nullOk: true }),
        positionIds: badPositionIds({ nullOk: true }),
        buildingId: badId({ nullOk: true }),
        // null is refused in the known-bug test below (it answers 500 today), not here.
        residenceDetail: badText(200, { notBlank: true, nullOk: true }),
      },
      valid: () => ({ skills: ['摄影'], freeTime: [{ weekday: Weekday.Sat, period: DayPeriod.Morning }], residenceDetail: '2单元301室' }),
      validStatus: 200,
    },
    {
      name: 'POST /api/registrations/:id/approve',
      method: 'post',
      path: () => `/api/registrations/${toApprove}/approve`,
      user: () => adminA,
      bad: { branchId: badId({ nullOk: true }), groupId: badId({ nullOk: true }), gridId: badId({ nullOk: true }) },
      valid: () => ({ branchId: city.a.branchId, groupId: city.a.groupId, gridId: city.a.gridId }),
      validStatus: 200,
    },
    {
      name: 'POST /api/registrations/:id/reject',
      method: 'post',
      path: () => `/api/registrations/${toReject}/reject`,
      user: () => adminA,
      bad: { reason: badText(200, { notBlank: true }) },
      valid: () => ({ reason: '居住地址不在本社区' }),
      validStatus: 200,
    },
    {
      name: 'POST /api/units/:id/pairings',
      method: 'post',
      path: () => `/api/units/${city.unitA}/pairings`,
      user: () => unitAdminA,
      bad: { communityId: badId(), note: fc.oneof(notAString, tooLong(200)) },
      valid: () => ({ communityId: city.b.id, note: '共建' }),
      validStatus: 201,
    },
    {
      name: 'POST /api/pairings/:id/items',
      method: 'post',
      path: () => `/api/pairings/${pairingId}/items`,
      user: () => adminA,
      bad: {
        listType: badEnum(Object.values(PairingListType)),
        title: badText(100, { notBlank: true }),
        description: fc.oneof(notAString, tooLong(1000)),
      },
      valid: () => ({ listType: PairingListType.Projects, title: '共建项目', description: '说明' }),
      validStatus: 201,
    },
    {
      name: 'PATCH /api/pairing-items/:id',
      method: 'patch',
      path: () => `/api/pairing-items/${itemId}`,
      user: () => adminA,
      bad: {
        title: badText(100, { notBlank: true }),
        description: fc.oneof(notAString, tooLong(1000)),
        status: badEnum(Object.values(PairingItemStatus)),
      },
      valid: () => ({ title: '口袋公园', status: PairingItemStatus.Done }),
      validStatus: 200,
    },
  ];

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
    platform = await createUser(t, { roles: [{ role: Role.PlatformAdmin, scopeNodeId: null }] });
    adminA = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    unitAdminA = await createUser(t, { roles: [{ role: Role.UnitAdmin, scopeNodeId: city.unitA }] });
    plain = await createUser(t);
    registered = await createUser(t);
    session = await createUser(t);
    await t.http().post('/api/registrations').set(registered.auth).send(buildRegistration(city.a)).expect(201);
    const submit = async () => {
      const u = await createUser(t);
      const res = await t.http().post('/api/registrations').set(u.auth).send(buildRegistration(city.a)).expect(201);
      return res.body.id as number;
    };
    toApprove = await submit();
    toReject = await submit();
    pairingId = (await t.http().post(`/api/units/${city.unitA}/pairings`).set(unitAdminA.auth).send({ communityId: city.a.id }).expect(201)).body.id;
    itemId = (
      await t.http().post(`/api/pairings/${pairingId}/items`).set(adminA.auth).send({ listType: PairingListType.Projects, title: '共建口袋公园' }).expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  it('covers every POST and PATCH route of the auth, me, org, registration and units modules', async () => {
    // Routes of other modules (tasks, needs, …) are not listed here yet: add a RouteSpec for each.
    const covered = new Set(['auth', 'me', 'org', 'registration', 'units']);
    const res = await t.http().get('/api/docs-json').expect(200);
    const paths = res.body.paths as Record<string, Record<string, { tags?: string[] }>>;
    const writes = Object.entries(paths)
      .flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([m, op]) => (m === 'post' || m === 'patch') && (op.tags ?? []).some((tag) => covered.has(tag)))
          .map(([m]) => `${m.toUpperCase()} ${path}`),
      )
      .sort();
    expect(writes).toEqual(routes.map((r) => r.name.replace(/:id/g, '{id}')).sort());
  });

  describe.each(routes.map((r) => [r.name, r] as const))('%s', (_, route) => {
    it('refuses every generated malformed body with 400 and a Chinese message, and writes nothing', async () => {
      await route.before?.();
      const countsBefore = await t.counts();
      const rowsBefore = await snapshotRows(t);
      const wechatCallsBefore = t.wechat.requests.length;
      const b = malformedBodies(route);
      const check = async (body: string) => expectRefused(await send(route, body), body);
      for (const [kind, arb] of Object.entries(b)) {
        await fc.assert(fc.asyncProperty(arb, check), { numRuns: kind === 'huge' ? HUGE_RUNS : RUNS });
      }
      expect(await t.counts()).toEqual(countsBefore);
      expect(await snapshotRows(t)).toEqual(rowsBefore);
      // Nothing malformed was passed on to WeChat either.
      expect(t.wechat.requests.length).toBe(wechatCallsBefore);

      // The same route, the same caller, a valid body: accepted, so the refusals above were the bodies'.
      const ok = await send(route, JSON.stringify(route.valid()));
      expect({ status: ok.status, body: ok.status >= 400 ? ok.body : undefined }).toEqual({ status: route.validStatus, body: undefined });
    });
  });

  describe('bodies the parser cannot read', () => {
    it('answers malformed JSON with 400 MALFORMED_BODY', async () => {
      const before = await t.counts();
      for (const text of ['{bad', '{"phone": "13900000000",}', "{'phone': 1}", '{"a":1}}', '[1, 2', '\u0000', 'null', '"just a string"', '42']) {
        const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(text).expect(400);
        expect(res.body).toEqual({ code: ErrorCode.MalformedBody, message: '请求内容不是合法的 JSON' });
      }
      const authed = await t
        .http()
        .post(`/api/communities/${city.a.id}/positions`)
        .set(adminA.auth)
        .set('Content-Type', 'application/json')
        .send('{bad')
        .expect(400);
      expect(authed.body.code).toBe(ErrorCode.MalformedBody);
      expect(await t.counts()).toEqual(before);
    });

    it('answers a 2 MB body with 413 and a Chinese message', async () => {
      const before = await t.counts();
      const body = JSON.stringify({ reason: 'x'.repeat(2 * 1024 * 1024) });
      const res = await t
        .http()
        .post(`/api/registrations/${toReject}/reject`)
        .set(adminA.auth)
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(413);
      expect(res.body).toEqual({ code: ErrorCode.PayloadTooLarge, message: '请求内容过大' });
      expect(CHINESE.test(res.body.message)).toBe(true);
      expect(await t.counts()).toEqual(before);
    });

    it('answers a JSON body in an unsupported charset with 415 and a Chinese message', async () => {
      const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json; charset=latin1').send('{}').expect(415);
      expect(res.body.code).toBe(ErrorCode.MalformedBody);
      expect(res.body.message).toMatch(CHINESE);
    });
  });

  describe('ids in the path', () => {
    /** Each route with a body it accepts, so that only the id can be wrong. */
    const withIds: [string, 'post' | 'patch', (id: string) => string, () => Record<string, unknown>][] = [
      ['PATCH /api/org/nodes/:id', 'patch', (id) => `/api/org/nodes/${id}`, () => ({ name: '名称' })],
      ['POST /api/communities/:id/positions', 'post', (id) => `/api/communities/${id}/positions`, () => ({ code: 'by-id', name: '名称' })],
      ['PATCH /api/positions/:id', 'patch', (id) => `/api/positions/${id}`, () => ({ name: '名称' })],
      ['POST /api/registrations/:id/approve', 'post', (id) => `/api/registrations/${id}/approve`, () => ({})],
      ['POST /api/registrations/:id/reject', 'post', (id) => `/api/registrations/${id}/reject`, () => ({ reason: '原因' })],
      ['POST /api/units/:id/pairings', 'post', (id) => `/api/units/${id}/pairings`, () => ({ communityId: city.b.id })],
      ['POST /api/pairings/:id/items', 'post', (id) => `/api/pairings/${id}/items`, () => ({ listType: PairingListType.Projects, title: '标题' })],
      ['PATCH /api/pairing-items/:id', 'patch', (id) => `/api/pairing-items/${id}`, () => ({ title: '标题' })],
    ];

    it.each(withIds)('%s answers 400 编号必须是正整数 for a non-numeric id', async (_, method, path, body) => {
      const before = await t.counts();
      for (const id of ['abc', '1.5', 'x1', 'NaN', '12abc', '%E4%B8%80']) {
        const res = await t.http()[method](path(id)).set(platform.auth).send(body()).expect(400);
        expect(res.body).toEqual({
          code: ErrorCode.ValidationFailed,
          message: '编号必须是正整数',
          details: [{ field: 'id', message: '编号必须是正整数' }],
        });
      }
      expect(await t.counts()).toEqual(before);
    });

    it('answers a numeric id beyond any row with 404, not a server error', async () => {
      const res = await t.http().patch('/api/positions/99999999999999999999').set(adminA.auth).send({ name: '名称' }).expect(404);
      expect(res.body).toEqual({ code: ErrorCode.NotFound, message: '岗位不存在' });
      await t.http().patch('/api/pairing-items/2147483648').set(adminA.auth).send({ title: '标题' }).expect(404);
      await t.http().post('/api/registrations/9007199254740993/approve').set(adminA.auth).send({}).expect(404);
    });
  });

  /** Bugs the properties above found once, kept as regression tests. */
  describe('regressions found by the properties', () => {
    it('PATCH /api/registrations/me refuses residenceDetail: null with 400 (was a 500: null.trim())', async () => {
      const res = await t.http().patch('/api/registrations/me').set(registered.auth).send({ residenceDetail: null });
      expect(res.status).toBe(400);
    });

    it('refuses a weekday given by its enum name ("Mon") in freeTime (was accepted and stored)', async () => {
      const u = await createUser(t);
      const body = { ...buildRegistration(city.a), freeTime: [{ weekday: 'Mon', period: DayPeriod.Morning }] };
      const res = await t.http().post('/api/registrations').set(u.auth).send(body);
      expect(res.status).toBe(400);
    });

    it('refuses freeTime slots nested in an array ([[slot]] or [[]]) (was stored as [{}])', async () => {
      const u = await createUser(t);
      const body = { ...buildRegistration(city.a), freeTime: [[{ weekday: Weekday.Sat, period: DayPeriod.Morning }]] };
      const res = await t.http().post('/api/registrations').set(u.auth).send(body);
      expect(res.status).toBe(400);
    });

    it.each(['0', '-1', '0x10', '1e3', '%20'])(
      'refuses the id "%s" with 400 编号必须是正整数 (the global pipe used to coerce it first)',
      async (id) => {
        const res = await t.http().patch(`/api/positions/${id}`).set(adminA.auth).send({ name: '名称' });
        expect(res.status).toBe(400);
        expect(res.body.message).toBe('编号必须是正整数');
      },
    );
  });

  it('left the registrations under review untouched by the malformed bodies', async () => {
    const rows = await t.ds.getRepository(RegistrationEntity).findBy({ userId: registered.id });
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe(RegistrationStatus.Pending);
  });
});
