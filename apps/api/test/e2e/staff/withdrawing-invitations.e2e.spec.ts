/**
 * 撤销邀请: an invitation sent to a wrong number, or no longer wanted, is withdrawn by an admin who
 * may appoint that role there; the invitee then neither sees it nor can accept it.
 */
import {
  AuditAction,
  ErrorCode,
  Role,
  RoleInvitationStatus,
  type AuditEventDto,
  type NodeStaffDto,
} from '@sbd/contracts';
import type { TestUser } from '../../support/factories';
import { createStaffWorld, type StaffWorld } from './staff-world';

describe('withdrawing a role invitation', () => {
  let w: StaffWorld;
  beforeAll(async () => {
    w = await createStaffWorld();
  });
  afterAll(() => w.t.close());

  const cancel = (who: TestUser, id: number, status: number) =>
    w.t.http().post(`/api/role-invitations/${id}/cancel`).set(who.auth).send({}).expect(status);
  const pendingOf = async (nodeId: number): Promise<number[]> =>
    (
      (await w.t.http().get(`/api/nodes/${nodeId}/staff`).set(w.platform.auth).expect(200)).body as NodeStaffDto
    ).pendingInvitations.map((i) => i.id);

  it('should let the street admin withdraw an invitation that the invitee then can neither see nor accept', async () => {
    const person = await w.invitee();
    const invited = await w.invite(w.streetA, { phone: person.phone, role: Role.CommunityAdmin, nodeId: w.city.a.id });
    expect(await pendingOf(w.city.a.id)).toContain(invited.body.id);

    const res = await cancel(w.streetA, invited.body.id, 200);
    expect(res.body).toMatchObject({ id: invited.body.id, status: RoleInvitationStatus.Cancelled });
    expect(await pendingOf(w.city.a.id)).not.toContain(invited.body.id);
    expect(await w.mine(person)).toEqual([]);
    const refused = await w.answer(person, invited.body.id, 'accept', 409);
    expect(refused.body.code).toBe(ErrorCode.IllegalTransition);
    const me = await w.t.http().get('/api/me').set(person.auth).expect(200);
    expect(me.body.roles.map((r: { role: Role }) => r.role)).not.toContain(Role.CommunityAdmin);

    const audit = await w.t
      .http()
      .get(`/api/audit-events?action=${AuditAction.RoleInviteCancel}`)
      .set(w.platform.auth)
      .expect(200);
    expect((audit.body.items as AuditEventDto[]).find((e) => e.objectId === String(invited.body.id))).toMatchObject({
      actorUserId: w.streetA.id,
      nodeId: w.city.a.id,
      detail: { role: Role.CommunityAdmin, invitedById: w.streetA.id },
    });
  });

  it('should let an admin above the sender withdraw it too, but not an admin of another street', async () => {
    const invited = await w.invite(w.streetA, { role: Role.CommunityAdmin, nodeId: w.city.a.id });
    const other = await cancel(w.streetB, invited.body.id, 403);
    expect(other.body.message).toBe('只能撤销本辖区内的社区管理员');
    await cancel(w.communityA, invited.body.id, 403);
    await cancel(w.district, invited.body.id, 200);
  });

  it('should not withdraw an invitation already answered, nor twice, and answer 404 for none', async () => {
    const person = await w.invitee();
    const accepted = await w.invite(w.communityA, {
      phone: person.phone,
      role: Role.GridLeader,
      nodeId: w.city.a.gridId,
    });
    await w.answer(person, accepted.body.id, 'accept');
    const late = await cancel(w.communityA, accepted.body.id, 409);
    expect(late.body.message).toBe('该邀请已被处理或已过期，不能撤销');

    const once = await w.invite(w.communityA, { role: Role.GridLeader, nodeId: w.city.a.gridId });
    await cancel(w.communityA, once.body.id, 200);
    await cancel(w.communityA, once.body.id, 409);
    await cancel(w.communityA, 987654321, 404);
  });
});
