/**
 * Who may appoint and remove whom, and where (MAY_APPOINT and the org subtree); the last admin of
 * a node stays; every invitation, answer, grant and removal is in the audit log.
 */
import { AuditAction, ErrorCode, Role, type AuditEventDto, type NodeStaffDto } from '@sbd/contracts';
import { createUser, nextPhone, type TestUser } from '../../support/factories';
import { createStaffWorld, type StaffWorld } from './staff-world';

describe('who may appoint and remove staff, and where', () => {
  let w: StaffWorld;
  beforeAll(async () => {
    w = await createStaffWorld();
  });
  afterAll(() => w.t.close());

  const staffOf = async (nodeId: number, who: TestUser): Promise<NodeStaffDto> =>
    (await w.t.http().get(`/api/nodes/${nodeId}/staff`).set(who.auth).expect(200)).body;
  const removeGrant = (who: TestUser, grantId: number, status: number) =>
    w.t.http().delete(`/api/role-grants/${grantId}`).set(who.auth).expect(status);
  const grantOf = async (user: TestUser, nodeId: number) =>
    (await staffOf(nodeId, w.platform)).grants.find((g) => g.userId === user.id);
  /** Appoints a fresh person through the whole flow and answers them. */
  const appoint = async (by: TestUser, role: Role, nodeId: number) => {
    const person = await w.invitee();
    const invited = await w.invite(by, { phone: person.phone, role, nodeId });
    await w.answer(person, invited.body.id, 'accept');
    return person;
  };

  describe('appointing within one’s own subtree', () => {
    it('should not let a street admin appoint in another street', async () => {
      const res = await w.invite(w.streetA, { role: Role.CommunityAdmin, nodeId: w.city.b.id }, 403);
      expect(res.body).toMatchObject({ code: ErrorCode.Forbidden, message: '只能任命本辖区内的社区管理员' });
    });

    it('should not let a community admin appoint a district admin, nor another community admin', async () => {
      const district = await w.invite(w.communityA, { role: Role.DistrictAdmin, nodeId: w.city.districtId }, 403);
      expect(district.body.message).toBe('您无权任命区管理员');
      await w.invite(w.communityA, { role: Role.CommunityAdmin, nodeId: w.city.a.id }, 403);
    });

    it('should not let a community admin appoint a grid leader in another community', async () => {
      await w.invite(w.communityA, { role: Role.GridLeader, nodeId: w.city.b.gridId }, 403);
    });

    it('should let a district admin appoint a unit admin of a unit in the district', async () => {
      const unitAdmin = await appoint(w.district, Role.UnitAdmin, w.city.unitA);
      expect(await grantOf(unitAdmin, w.city.unitA)).toMatchObject({ role: Role.UnitAdmin, grantedByName: '区管理员' });
    });

    it('should hold each role over its own kind of node only', async () => {
      const res = await w.invite(w.platform, { role: Role.StreetAdmin, nodeId: w.city.a.id }, 400);
      expect(res.body.details).toEqual([{ field: 'nodeId', message: '街道管理员只能任命在街道上' }]);
    });

    it('should never appoint members or residents, who join by 报到 and sign-up', async () => {
      const res = await w.invite(w.platform, { role: Role.Member, nodeId: w.city.a.id }, 400);
      expect(res.body.details).toEqual([{ field: 'role', message: '该角色不能通过任命授予' }]);
    });

    it('should not let a member appoint anyone', async () => {
      const member = await createUser(w.t, { roles: [{ role: Role.Member, scopeNodeId: w.city.a.id }] });
      await w.invite(member, { role: Role.GridLeader, nodeId: w.city.a.gridId }, 403);
    });
  });

  describe('reading a node’s staff', () => {
    it('should show a community’s staff to the admins above it and not to another street', async () => {
      const staff = await staffOf(w.city.a.id, w.streetA);
      expect(staff.grants.map((g) => g.userId)).toContain(w.communityA.id);
      await w.t.http().get(`/api/nodes/${w.city.a.id}/staff`).set(w.streetB.auth).expect(403);
    });

    it('should list invitations still waiting for an answer, phones masked', async () => {
      const phone = nextPhone();
      await w.invite(w.communityA, { phone, role: Role.BranchSecretary, nodeId: w.city.a.branchId });
      const staff = await staffOf(w.city.a.branchId, w.communityA);
      expect(staff.pendingInvitations.map((i) => i.phone)).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    });
  });

  describe('removing staff', () => {
    it('should refuse to remove the last admin of a community', async () => {
      const grant = await grantOf(w.communityA, w.city.a.id);
      const res = await removeGrant(w.streetA, grant!.id, 409);
      expect(res.body).toMatchObject({
        code: ErrorCode.Conflict,
        message: '「甲社区」只剩这一位社区管理员，不能移除，请先任命新的社区管理员',
      });
      expect(await grantOf(w.communityA, w.city.a.id)).toBeDefined();
    });

    it('should remove an admin once another remains, and the removed admin loses access at once', async () => {
      const second = await appoint(w.streetA, Role.CommunityAdmin, w.city.a.id);
      const grant = await grantOf(second, w.city.a.id);
      await w.t.http().get(`/api/communities/${w.city.a.id}/registrations`).set(second.auth).expect(200);
      await removeGrant(w.streetA, grant!.id, 204);
      await w.t.http().get(`/api/communities/${w.city.a.id}/registrations`).set(second.auth).expect(403);
      expect(await grantOf(second, w.city.a.id)).toBeUndefined();
    });

    it('should not let a street admin remove an admin in another street', async () => {
      const adminB = await appoint(w.streetB, Role.CommunityAdmin, w.city.b.id);
      await appoint(w.streetB, Role.CommunityAdmin, w.city.b.id);
      const grant = await grantOf(adminB, w.city.b.id);
      const res = await removeGrant(w.streetA, grant!.id, 403);
      expect(res.body.message).toBe('只能移除本辖区内的社区管理员');
    });

    it('should keep one admin when all of a community’s admins are removed at the same moment', async () => {
      await appoint(w.streetB, Role.CommunityAdmin, w.city.b.id);
      await appoint(w.streetB, Role.CommunityAdmin, w.city.b.id);
      const admins = (await staffOf(w.city.b.id, w.platform)).grants.filter((g) => g.role === Role.CommunityAdmin);
      expect(admins.length).toBeGreaterThanOrEqual(2);
      const results = await Promise.all(
        admins.map((g) => w.t.http().delete(`/api/role-grants/${g.id}`).set(w.streetB.auth)),
      );
      const left = (await staffOf(w.city.b.id, w.platform)).grants.filter((g) => g.role === Role.CommunityAdmin);
      expect(left).toHaveLength(1);
      expect(results.filter((r) => r.status === 204)).toHaveLength(admins.length - 1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(1);
    });

    it('should let a community admin remove a grid leader, who needs no successor', async () => {
      const leader = await appoint(w.communityA, Role.GridLeader, w.city.a.gridId);
      const grant = await grantOf(leader, w.city.a.gridId);
      await removeGrant(w.communityA, grant!.id, 204);
    });

    it('should answer 404 for a grant that does not exist', async () => {
      await removeGrant(w.platform, 99_999_999, 404);
    });
  });

  describe('the audit log', () => {
    const events = async (action: AuditAction): Promise<AuditEventDto[]> =>
      (await w.t.http().get(`/api/audit-events?action=${action}&limit=100`).set(w.platform.auth).expect(200)).body
        .items;

    it('should record every invitation, answer, grant and removal with who did it', async () => {
      const accepting = await w.invitee();
      const declining = await w.invitee();
      const accepted = await w.invite(w.communityA, {
        phone: accepting.phone,
        role: Role.GridLeader,
        nodeId: w.city.a.gridId,
      });
      const declined = await w.invite(w.communityA, {
        phone: declining.phone,
        role: Role.GridLeader,
        nodeId: w.city.a.gridId,
      });
      await w.answer(accepting, accepted.body.id, 'accept');
      await w.answer(declining, declined.body.id, 'decline');
      const grant = await grantOf(accepting, w.city.a.gridId);
      await removeGrant(w.communityA, grant!.id, 204);

      const invites = await events(AuditAction.RoleInvite);
      expect(invites.find((e) => e.objectId === String(accepted.body.id))).toMatchObject({
        actorUserId: w.communityA.id,
        actorRole: Role.CommunityAdmin,
        nodeId: w.city.a.gridId,
        detail: { role: Role.GridLeader, phone: `${accepting.phone.slice(0, 3)}****${accepting.phone.slice(-4)}` },
      });
      expect((await events(AuditAction.RoleInviteAccept)).map((e) => e.actorUserId)).toContain(accepting.id);
      expect(
        (await events(AuditAction.RoleInviteDecline)).find((e) => e.objectId === String(declined.body.id)),
      ).toMatchObject({ actorUserId: declining.id });
      expect((await events(AuditAction.RoleGrant)).find((e) => e.detail?.grantId === grant!.id)).toMatchObject({
        objectId: String(accepting.id),
        detail: { role: Role.GridLeader, grantedById: w.communityA.id },
      });
      expect((await events(AuditAction.RoleRevoke)).find((e) => e.detail?.grantId === grant!.id)).toMatchObject({
        actorUserId: w.communityA.id,
        objectId: String(accepting.id),
      });
    });
  });
});
