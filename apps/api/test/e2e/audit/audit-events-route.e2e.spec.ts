import { AuditAction, ErrorCode, Role, type AuditEventDto, type Page } from '@sbd/contracts';
import { aRegistration, buildCity, createUser, type City, type TestUser } from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';
import { testDialect } from '../../support/test-db';
import { registerAs } from '../../support/verified';

describe(`GET /api/audit-events on ${testDialect()}`, () => {
  let t: TestApp;
  let east: City;
  let west: City;
  let platform: TestUser;
  let eastDistrict: TestUser;
  let westDistrict: TestUser;
  let eastCommunity: TestUser;
  let westCommunity: TestUser;
  let approvedEast: number;
  let approvedWest: number;

  /** Every page of the log as `u` sees it, following nextCursor. */
  const readAll = async (u: TestUser, query: Record<string, string | number> = {}, limit = 100) => {
    const items: AuditEventDto[] = [];
    let cursor: string | null = null;
    do {
      const res = await t
        .http()
        .get('/api/audit-events')
        .query({ ...query, limit, ...(cursor ? { cursor } : {}) })
        .set(u.auth)
        .expect(200);
      const page = res.body as Page<AuditEventDto>;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };
  const approveOne = async (city: City, admin: TestUser): Promise<number> => {
    const member = await createUser(t);
    const reg = await registerAs(t, member, aRegistration(city.a));
    await t.http().post(`/api/registrations/${reg.body.id}/approve`).set(admin.auth).send({}).expect(200);
    return reg.body.id as number;
  };

  beforeAll(async () => {
    t = await createTestApp();
    east = await buildCity(t);
    west = await buildCity(t);
    platform = await createUser(t, { roles: [{ role: Role.PlatformAdmin, scopeNodeId: null }] });
    eastDistrict = await createUser(t, { roles: [{ role: Role.DistrictAdmin, scopeNodeId: east.districtId }] });
    westDistrict = await createUser(t, { roles: [{ role: Role.DistrictAdmin, scopeNodeId: west.districtId }] });
    eastCommunity = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: east.a.id }] });
    westCommunity = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: west.a.id }] });
    approvedEast = await approveOne(east, eastCommunity);
    approvedWest = await approveOne(west, westCommunity);
  });
  afterAll(() => t.close());

  it('lets a platform admin read every event, newest first, with names', async () => {
    const all = await readAll(platform);
    const [{ n }] = await t.ds.query('SELECT COUNT(*) AS n FROM audit_events');
    expect(all).toHaveLength(Number(n));
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    expect(all.find((e) => e.action === AuditAction.Login && e.actorUserId === platform.id)).toMatchObject({
      actorRole: Role.PlatformAdmin,
      nodeId: null,
    });
    expect(
      all.find((e) => e.action === AuditAction.RegistrationApprove && e.objectId === String(approvedWest)),
    ).toMatchObject({
      actorUserId: westCommunity.id,
      actorName: '测试用户',
      actorRole: Role.CommunityAdmin,
      actorScopeNodeId: west.a.id,
      objectType: 'registration',
      nodeId: west.a.id,
      nodeName: '甲社区',
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      detail: expect.objectContaining({ cardNo: expect.stringMatching(/^SBD/) }),
    });
  });

  it('never shows a district admin of one district the events of another', async () => {
    const eastPaths: { id: number }[] = await t.ds.query('SELECT id FROM org_nodes WHERE path LIKE ?', [
      `/${east.districtId}/%`,
    ]);
    const eastNodes = new Set(eastPaths.map((r) => Number(r.id)));
    const seen = await readAll(eastDistrict);
    expect(seen.length).toBeGreaterThan(0);
    for (const e of seen) expect(eastNodes.has(e.nodeId!)).toBe(true);
    const approvals = seen.filter((e) => e.action === AuditAction.RegistrationApprove).map((e) => e.objectId);
    expect(approvals).toEqual([String(approvedEast)]);
    // Not even the other district's own logins, nor the platform's.
    expect(seen.some((e) => e.actorUserId === westDistrict.id || e.actorUserId === platform.id)).toBe(false);
    expect((await readAll(westDistrict)).some((e) => e.objectId === String(approvedEast))).toBe(false);

    const res = await t.http().get('/api/audit-events').query({ nodeId: west.districtId }).set(eastDistrict.auth);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: ErrorCode.Forbidden, message: '无权查看该组织的审计日志', details: [] });
    for (const e of await readAll(eastDistrict, { nodeId: east.a.id })) expect(e.nodeId).toBe(east.a.id);
  });

  it('refuses community admins and members (403) and anonymous callers (401)', async () => {
    const member = await createUser(t, { roles: [{ role: Role.Member, scopeNodeId: east.a.id }] });
    for (const u of [eastCommunity, member]) {
      const res = await t.http().get('/api/audit-events').set(u.auth);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe(ErrorCode.Forbidden);
    }
    await t.http().get('/api/audit-events').expect(401);
  });

  it('filters by action, actor, object and time, and pages with a cursor', async () => {
    const approvals = await readAll(platform, { action: AuditAction.RegistrationApprove });
    expect(approvals.map((e) => e.objectId).sort()).toEqual([String(approvedEast), String(approvedWest)].sort());
    const byActor = await readAll(platform, { actorUserId: eastCommunity.id });
    expect(byActor.length).toBeGreaterThanOrEqual(3); // login, approval, role grant
    expect(byActor.every((e) => e.actorUserId === eastCommunity.id)).toBe(true);
    const byObject = await readAll(platform, { objectType: 'registration', objectId: String(approvedEast) });
    expect(byObject.map((e) => e.action)).toEqual([AuditAction.RegistrationApprove]);

    const everything = await readAll(platform);
    expect(await readAll(platform, {}, 2)).toEqual(everything);
    const newest = new Date(everything[0].occurredAt);
    const since = await readAll(platform, { from: new Date(newest.getTime() - 1).toISOString() });
    expect(since.map((e) => e.id)).toContain(everything[0].id);
    expect(await readAll(platform, { to: new Date(Date.parse(everything.at(-1)!.occurredAt)).toISOString() })).toEqual(
      [],
    );
    expect(await readAll(platform, { from: '2099-01-01T00:00:00+08:00' })).toEqual([]);
  });

  it('refuses malformed filters with the field at fault', async () => {
    for (const [query, field] of [
      [{ action: 'auth.everything' }, 'action'],
      [{ actorUserId: 'me' }, 'actorUserId'],
      [{ objectType: 'table' }, 'objectType'],
      [{ objectId: "1' OR '1'='1" }, 'objectId'],
      [{ from: 'yesterday' }, 'from'],
      [{ to: '2026-01-01' }, 'to'],
      [{ cursor: 'abc' }, 'cursor'],
      [{ limit: 1000 }, 'limit'],
      [{ nodeId: 0 }, 'nodeId'],
    ] as const) {
      const res = await t.http().get('/api/audit-events').query(query).set(platform.auth);
      expect({ query, status: res.status, code: res.body.code }).toEqual({
        query,
        status: 400,
        code: ErrorCode.ValidationFailed,
      });
      expect([...new Set(res.body.details.map((d: { field: string }) => d.field))]).toEqual([field]);
    }
  });
});
