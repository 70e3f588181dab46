import { AuditAction, Role, type CallupDto } from '@sbd/contracts';
import {
  aCallup,
  aRegistration,
  createApprovedMembers,
  createUser,
  PASSWORD,
  type TestUser,
} from '../../support/factories';
import { createLoopWorld, type LoopWorld } from '../../support/loop-world';
import { binaryParser } from '../../support/test-app';
import { testDialect } from '../../support/test-db';
import { registerAs } from '../../support/verified';

type Row = Record<string, unknown>;
/** The address the requests come from, through the loopback proxy the API trusts. */
const CLIENT = '203.0.113.7';

describe(`what the audit log records on ${testDialect()}`, () => {
  let w: LoopWorld;
  let seq = 0;
  const from = () => ({ 'X-Forwarded-For': CLIENT, 'X-Request-Id': `audit-test-${process.pid}-${++seq}` });
  const events = async (action: AuditAction, requestId?: string): Promise<Row[]> => {
    const rows: Row[] = await w.t.ds.query(
      `SELECT * FROM audit_events WHERE action = ?${requestId ? ' AND request_id = ?' : ''} ORDER BY id`,
      requestId ? [action, requestId] : [action],
    );
    return rows.map((r) => ({ ...r, detail: r.detail ? JSON.parse(String(r.detail)) : null }));
  };
  const one = async (action: AuditAction, requestId: string): Promise<Row> => {
    const rows = await events(action, requestId);
    expect(rows).toHaveLength(1);
    return rows[0];
  };
  const pending = async (): Promise<number> => {
    const u = await createUser(w.t);
    return (await registerAs(w.t, u, aRegistration(w.city.a))).body.id;
  };

  beforeAll(async () => {
    w = await createLoopWorld();
  });
  afterAll(() => w.t.close());

  it('records a login with the account, its role and node, the client address and the request id', async () => {
    const h = from();
    const res = await w.t.http().post('/api/auth/login').set(h).send({ phone: w.admin.phone, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe(h['X-Request-Id']);
    expect(await one(AuditAction.Login, h['X-Request-Id'])).toMatchObject({
      actor_user_id: w.admin.id,
      actor_role: Role.CommunityAdmin,
      actor_scope_node_id: w.city.a.id,
      object_type: 'account',
      object_id: String(w.admin.id),
      node_id: w.city.a.id,
      ip: CLIENT,
      detail: { method: 'password' },
    });
  });

  it('records refused logins anonymously, against the account if the phone has one, never with the full phone', async () => {
    const h = from();
    await w.t.http().post('/api/auth/login').set(h).send({ phone: w.admin.phone, password: 'Wrong-pass1' }).expect(401);
    const wrong = await one(AuditAction.LoginFailed, h['X-Request-Id']);
    expect(wrong).toMatchObject({
      actor_user_id: null,
      object_type: 'account',
      object_id: String(w.admin.id),
      node_id: w.city.a.id,
      ip: CLIENT,
      detail: {
        method: 'password',
        reason: 'bad_credentials',
        phone: `${w.admin.phone.slice(0, 3)}****${w.admin.phone.slice(-4)}`,
      },
    });
    const h2 = from();
    await w.t
      .http()
      .post('/api/auth/login')
      .set(h2)
      .send({ phone: '13700001111', password: 'Wrong-pass1' })
      .expect(401);
    expect(await one(AuditAction.LoginFailed, h2['X-Request-Id'])).toMatchObject({
      actor_user_id: null,
      object_id: null,
      node_id: null,
      ip: CLIENT,
      detail: { reason: 'bad_credentials', phone: '137****1111' },
    });
    const all = JSON.stringify(await w.t.ds.query('SELECT * FROM audit_events'));
    expect(all).not.toContain('13700001111');
    expect(all).not.toContain(w.admin.phone);
  });

  it('records approving a registration and the member role it grants, with the approval, and nothing for a refusal', async () => {
    const id = await pending();
    const h = from();
    const approved = await w.t.http().post(`/api/registrations/${id}/approve`).set(w.admin.auth).set(h).send({});
    expect(approved.status).toBe(200);
    const common = { actor_user_id: w.admin.id, actor_role: Role.CommunityAdmin, node_id: w.city.a.id, ip: CLIENT };
    expect(await one(AuditAction.RegistrationApprove, h['X-Request-Id'])).toMatchObject({
      ...common,
      object_type: 'registration',
      object_id: String(id),
      detail: { userId: approved.body.userId, cardNo: expect.stringMatching(/^SBD/) },
    });
    expect(await one(AuditAction.RoleGrant, h['X-Request-Id'])).toMatchObject({
      ...common,
      object_type: 'account',
      object_id: String(approved.body.userId),
      detail: { role: Role.Member, scopeNodeId: w.city.a.id, registrationId: id },
    });
    const again = from();
    await w.t.http().post(`/api/registrations/${id}/approve`).set(w.admin.auth).set(again).send({}).expect(409);
    expect(await events(AuditAction.RegistrationApprove, again['X-Request-Id'])).toEqual([]);
  });

  it('records rejecting a registration with its reason', async () => {
    const id = await pending();
    const h = from();
    await w.t
      .http()
      .post(`/api/registrations/${id}/reject`)
      .set(w.admin.auth)
      .set(h)
      .send({ reason: '住址不在本社区' })
      .expect(200);
    expect(await one(AuditAction.RegistrationReject, h['X-Request-Id'])).toMatchObject({
      actor_user_id: w.admin.id,
      object_type: 'registration',
      object_id: String(id),
      node_id: w.city.a.id,
      ip: CLIENT,
      detail: { reason: '住址不在本社区' },
    });
  });

  it('records verifying a member’s hours, with the points it earned', async () => {
    const { claim, member } = await w.claimIn('checked_out');
    const h = from();
    await w.t.http().post(`/api/claims/${claim.id}/verify`).set(w.admin.auth).set(h).send({}).expect(200);
    expect(await one(AuditAction.AttendanceVerify, h['X-Request-Id'])).toMatchObject({
      actor_user_id: w.admin.id,
      actor_role: Role.CommunityAdmin,
      object_type: 'claim',
      object_id: String(claim.id),
      node_id: w.city.a.id,
      ip: CLIENT,
      detail: { taskId: claim.taskId, memberUserId: member.id, hours: expect.any(Number), points: expect.any(Number) },
    });
  });

  it('records a manual points adjustment with its delta and reason', async () => {
    const h = from();
    const res = await w.t
      .http()
      .post('/api/points/adjustments')
      .set(w.admin.auth)
      .set(h)
      .send({ userId: w.memberA.id, communityId: w.city.a.id, delta: -5, note: '重复记分更正' });
    expect(res.status).toBe(201);
    expect(await one(AuditAction.PointsAdjust, h['X-Request-Id'])).toMatchObject({
      actor_user_id: w.admin.id,
      object_type: 'points_entry',
      object_id: String(res.body.id),
      node_id: w.city.a.id,
      ip: CLIENT,
      detail: { memberUserId: w.memberA.id, delta: -5, note: '重复记分更正' },
    });
  });

  describe('exports', () => {
    let unitAdmin: TestUser;
    let unitMember: TestUser;
    const download = async (u: TestUser, path: string): Promise<Row> => {
      const h = from();
      const res = await w.t.http().get(path).set(u.auth).set(h).buffer(true).parse(binaryParser);
      expect(res.status).toBe(200);
      return one(AuditAction.ExportDownload, h['X-Request-Id']);
    };

    beforeAll(async () => {
      unitAdmin = await createUser(w.t, { roles: [{ role: Role.UnitAdmin, scopeNodeId: w.city.unitA }] });
      [unitMember] = await createApprovedMembers(w.t, w.city.a, 1, { unitId: w.city.unitA });
    });

    it('records who downloaded which list, exactly as filtered', async () => {
      const a = w.city.a.id;
      expect(await download(w.admin, `/api/communities/${a}/registrations/export.xlsx?status=approved`)).toMatchObject({
        actor_user_id: w.admin.id,
        object_type: 'org_node',
        object_id: String(a),
        node_id: a,
        ip: CLIENT,
        detail: { export: 'registrations', filter: { status: 'approved' }, rows: expect.any(Number) },
      });
      expect((await download(w.admin, `/api/communities/${a}/needs/export.xlsx?category=repair`)).detail).toMatchObject(
        {
          export: 'needs',
          filter: { category: 'repair' },
        },
      );
      expect((await download(w.admin, `/api/communities/${a}/tasks/export.xlsx`)).detail).toMatchObject({
        export: 'tasks',
        filter: {},
      });
      expect(await download(w.admin, `/api/stats/nodes/${a}/export.xlsx?from=2026-01-01`)).toMatchObject({
        object_id: String(a),
        detail: { export: 'stats', filter: { from: '2026-01-01' } },
      });
    });

    it('records a unit’s member records and a member’s annual report', async () => {
      const u = w.city.unitA;
      expect(await download(unitAdmin, `/api/units/${u}/member-records/export.xlsx?flag=honours`)).toMatchObject({
        actor_user_id: unitAdmin.id,
        actor_role: Role.UnitAdmin,
        object_type: 'org_node',
        object_id: String(u),
        node_id: u,
        detail: { export: 'member_records', filter: { flag: 'honours' } },
      });
      for (const format of ['xlsx', 'html']) {
        expect(
          await download(unitAdmin, `/api/units/${u}/members/${unitMember.id}/annual-report.${format}?year=2026`),
        ).toMatchObject({
          object_type: 'account',
          object_id: String(unitMember.id),
          node_id: u,
          detail: { export: 'annual_report', year: 2026, format },
        });
      }
    });

    it('records the emergency muster list', async () => {
      const callup = (await w.t.http().post('/api/callups').set(w.admin.auth).send(aCallup(w.city.a)).expect(201))
        .body as CallupDto;
      expect(await download(w.admin, `/api/callups/${callup.id}/muster.xlsx`)).toMatchObject({
        actor_user_id: w.admin.id,
        object_type: 'callup',
        object_id: String(callup.id),
        node_id: w.city.a.id,
        detail: { export: 'muster' },
      });
    });
  });

  it('records deleting an account, with the roles it had', async () => {
    const [member] = await createApprovedMembers(w.t, w.city.a, 1);
    const h = from();
    await w.t.http().delete('/api/me').set(member.auth).set(h).expect(204);
    expect(await one(AuditAction.AccountDelete, h['X-Request-Id'])).toMatchObject({
      actor_user_id: member.id,
      object_type: 'account',
      object_id: String(member.id),
      node_id: w.city.a.id,
      ip: CLIENT,
      detail: { rolesRevoked: [`member@${w.city.a.id}`] },
    });
  });
});
