import { AuditAction, AuditObjectType, Role } from '@sbd/contracts';
import { AuditService } from '../../../src/platform/audit/audit.service';
import { fromDbDate, toDbDate } from '../../../src/platform/database/sql';
import { buildCity, type City } from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';
import { testDialect } from '../../support/test-db';

const DAY = 24 * 3600_000;

describe(`the audit log's core on ${testDialect()}`, () => {
  let t: TestApp;
  let city: City;
  let audit: AuditService;
  const rows = (where = '1 = 1', params: unknown[] = []) =>
    t.ds.query(`SELECT * FROM audit_events WHERE ${where} ORDER BY id`, params) as Promise<Record<string, unknown>[]>;
  const adminOfA = () => ({
    userId: 42,
    roles: [
      { role: Role.DistrictAdmin, scopeNodeId: city.districtId, scopePath: `/${city.districtId}/`, scopeName: null },
      {
        role: Role.CommunityAdmin,
        scopeNodeId: city.a.id,
        scopePath: `/${city.districtId}/${city.streetA}/${city.a.id}/`,
        scopeName: null,
      },
    ],
  });

  beforeAll(async () => {
    t = await createTestApp({ AUDIT_RETENTION_DAYS: '200' });
    city = await buildCity(t);
    audit = t.app.get(AuditService);
  });
  afterAll(() => t.close());

  it('records who did what to which object, with the actor’s role over the object’s node', async () => {
    await audit.record({
      action: AuditAction.RegistrationApprove,
      actor: adminOfA(),
      objectType: AuditObjectType.Registration,
      objectId: 7,
      nodeId: city.a.id,
      detail: { note: '电话 13812345678 已核实' },
    });
    const [row] = await rows('object_id = ?', ['7']);
    expect(row).toMatchObject({
      action: 'registration.approve',
      actor_user_id: 42,
      actor_role: Role.CommunityAdmin,
      actor_scope_node_id: city.a.id,
      object_type: 'registration',
      node_id: city.a.id,
      node_path: `/${city.districtId}/${city.streetA}/${city.a.id}/`,
      // Outside a request (a job, this test) there is no address or request id.
      ip: null,
      request_id: null,
    });
    expect(JSON.parse(String(row.detail))).toEqual({ note: '电话 138****5678 已核实' });
  });

  it('writes inside the caller’s transaction: kept when it commits, gone when it rolls back', async () => {
    const event = (objectId: string) => ({
      action: AuditAction.PointsAdjust,
      actor: { userId: 42 },
      objectType: AuditObjectType.PointsEntry,
      objectId,
      nodeId: city.a.id,
    });
    await t.ds.transaction((m) => audit.record(event('committed'), m));
    await expect(
      t.ds.transaction(async (m) => {
        await audit.record(event('rolled-back'), m);
        const [{ n }] = await m.query("SELECT COUNT(*) AS n FROM audit_events WHERE object_id = 'rolled-back'");
        expect(Number(n)).toBe(1);
        throw new Error('the audited action failed');
      }),
    ).rejects.toThrow('the audited action failed');
    expect((await rows("object_id IN ('committed', 'rolled-back')")).map((r) => r.object_id)).toEqual(['committed']);
  });

  it('records an anonymous event with no node (a failed login for no account)', async () => {
    await audit.record({
      action: AuditAction.LoginFailed,
      actor: null,
      objectType: AuditObjectType.Account,
      objectId: null,
      nodeId: null,
      ip: '203.0.113.9',
    });
    const [row] = await rows("action = 'auth.login_failed'");
    expect(row).toMatchObject({
      actor_user_id: null,
      actor_role: null,
      node_id: null,
      node_path: null,
      ip: '203.0.113.9',
    });
  });

  it('purges only events older than AUDIT_RETENTION_DAYS (here 200), oldest first', async () => {
    const now = new Date();
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    for (const days of [450, 201, 200.5, 199, 1]) {
      await audit.record({
        action: AuditAction.ExportDownload,
        actor: { userId: 42 },
        objectType: AuditObjectType.OrgNode,
        objectId: `age-${days}`,
        nodeId: city.a.id,
        occurredAt: at(days),
      });
    }
    const before = (await rows()).length;
    expect(await audit.purgeExpired(now)).toBe(3);
    const left = await rows("object_id LIKE 'age-%'");
    expect(left.map((r) => r.object_id)).toEqual(['age-199', 'age-1']);
    expect((await rows()).length).toBe(before - 3);
    for (const r of await rows())
      expect(fromDbDate(r.occurred_at)!.getTime()).toBeGreaterThanOrEqual(at(200).getTime());
    expect(await audit.purgeExpired(now)).toBe(0);
  });

  it('purges in batches until none is left, and stops between batches when asked', async () => {
    const old = toDbDate(new Date(Date.now() - 300 * DAY));
    const values = Array.from({ length: 2500 }, () => `('${old}', 'export.download', 'org_node')`).join(',');
    await t.ds.query(`INSERT INTO audit_events (occurred_at, action, object_type) VALUES ${values}`);
    expect(await audit.purgeExpired(new Date(), () => true)).toBe(1000);
    expect(await audit.purgeExpired()).toBe(1500);
  });
});
