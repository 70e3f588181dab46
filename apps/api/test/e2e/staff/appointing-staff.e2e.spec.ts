/**
 * Appointing staff by invitation (任命): an admin invites a phone number, whoever proves that
 * number accepts or declines in the app, and an accepted role works at once, within its term.
 */
import { ErrorCode, NotificationKind, Role, RoleInvitationStatus, type NodeStaffDto } from '@sbd/contracts';
import { createUser, nextPhone } from '../../support/factories';
import { provePhone } from '../../support/verified';
import { createStaffWorld, MASKED_PHONE, type StaffWorld } from './staff-world';

describe('appointing staff by invitation', () => {
  let w: StaffWorld;
  beforeAll(async () => {
    w = await createStaffWorld();
  });
  afterAll(() => w.t.close());

  const canReadRegistrationsOfA = async (user: { auth: Record<string, string> }) =>
    (await w.t.http().get(`/api/communities/${w.city.a.id}/registrations`).set(user.auth)).status;

  it('should let a street admin appoint a community admin who, once they accept, can act in that community', async () => {
    const candidate = await w.invitee();
    expect(await canReadRegistrationsOfA(candidate)).toBe(403);

    const invited = await w.invite(w.streetA, {
      phone: candidate.phone,
      role: Role.CommunityAdmin,
      nodeId: w.city.a.id,
    });
    expect(invited.body).toMatchObject({
      role: Role.CommunityAdmin,
      nodeId: w.city.a.id,
      nodeName: '甲社区',
      status: RoleInvitationStatus.Pending,
      invitedByName: '甲街道管理员',
    });
    expect(invited.body.phone).toMatch(MASKED_PHONE);

    const mine = await w.mine(candidate);
    expect(mine.map((i) => i.id)).toEqual([invited.body.id]);
    expect(mine[0].phone).toMatch(MASKED_PHONE);

    const accepted = await w.answer(candidate, invited.body.id, 'accept');
    expect(accepted.body.status).toBe(RoleInvitationStatus.Accepted);
    expect(await canReadRegistrationsOfA(candidate)).toBe(200);
    expect(await w.mine(candidate)).toEqual([]);

    const staff: NodeStaffDto = (
      await w.t.http().get(`/api/nodes/${w.city.a.id}/staff`).set(w.streetA.auth).expect(200)
    ).body;
    const grant = staff.grants.find((g) => g.userId === candidate.id);
    expect(grant).toMatchObject({ role: Role.CommunityAdmin, grantedByName: '甲街道管理员', endsAt: null });
    expect(grant?.phone).toMatch(MASKED_PHONE);
  });

  it('should tell the invitee in their inbox, in Chinese, what they are invited to', async () => {
    const candidate = await w.invitee();
    await w.invite(w.communityA, { phone: candidate.phone, role: Role.GridLeader, nodeId: w.city.a.gridId });
    const inbox = await w.t.http().get('/api/inbox').set(candidate.auth).expect(200);
    const notice = inbox.body.items.find((n: { kind: string }) => n.kind === NotificationKind.RoleInvited);
    expect(notice).toMatchObject({ title: '任命邀请', path: '/pages/invitations/index' });
    expect(notice.body).toContain('「甲社区一网格」网格长');
  });

  it('should keep an invitation to an unknown phone until someone with that phone signs up and proves it', async () => {
    const phone = nextPhone();
    const invited = await w.invite(w.district, { phone, role: Role.StreetAdmin, nodeId: w.city.streetA });

    const newcomer = await createUser(w.t, { phone, name: '新来的' });
    // Signing up with a number does not prove it: the invitation waits for the proof.
    expect(await w.mine(newcomer)).toEqual([]);
    await w.answer(newcomer, invited.body.id, 'accept', 404);

    await provePhone(w.t, newcomer, phone);
    expect((await w.mine(newcomer)).map((i) => i.id)).toEqual([invited.body.id]);
    await w.answer(newcomer, invited.body.id, 'accept');
    const me = await w.t.http().get('/api/me').set(newcomer.auth).expect(200);
    expect(me.body.roles).toContainEqual({ role: Role.StreetAdmin, scopeNodeId: w.city.streetA, scopeName: '甲街道' });
  });

  it('should let the invitee decline, leaving them without the role and the invitation answered', async () => {
    const candidate = await w.invitee();
    const invited = await w.invite(w.streetA, { phone: candidate.phone });
    const declined = await w.answer(candidate, invited.body.id, 'decline');
    expect(declined.body.status).toBe(RoleInvitationStatus.Declined);
    expect(await canReadRegistrationsOfA(candidate)).toBe(403);
    expect(await w.mine(candidate)).toEqual([]);

    const again = await w.answer(candidate, invited.body.id, 'accept', 409);
    expect(again.body).toMatchObject({ code: ErrorCode.IllegalTransition, message: '该邀请已处理，请刷新后查看' });
  });

  it('should not let anyone but the owner of the phone see or answer an invitation', async () => {
    const candidate = await w.invitee();
    const stranger = await w.invitee();
    const invited = await w.invite(w.streetA, { phone: candidate.phone });
    expect(await w.mine(stranger)).toEqual([]);
    const res = await w.answer(stranger, invited.body.id, 'accept', 404);
    expect(res.body.message).toBe('邀请不存在，或不是发给您验证过的手机号的');
    expect(await canReadRegistrationsOfA(stranger)).toBe(403);
  });

  it('should refuse a second identical invitation while the first waits', async () => {
    const phone = nextPhone();
    await w.invite(w.streetA, { phone });
    const res = await w.invite(w.streetA, { phone }, 409);
    expect(res.body.message).toBe('已向该手机号发出相同的任命邀请，请等待对方确认');
  });

  it('should end the role when its term ends', async () => {
    const candidate = await w.invitee();
    const termEndsAt = new Date(Date.now() + 24 * 3600_000).toISOString();
    const invited = await w.invite(w.streetA, { phone: candidate.phone, termEndsAt });
    expect(invited.body.termEndsAt).toBe(termEndsAt);
    await w.answer(candidate, invited.body.id, 'accept');
    expect(await canReadRegistrationsOfA(candidate)).toBe(200);

    // The term ran out (as if a day had passed): the role stops working at once.
    const past = new Date(Date.now() - 1000).toISOString().replace('T', ' ').replace('Z', '');
    await w.t.ds.query('UPDATE user_roles SET ends_at = ? WHERE user_id = ?', [past, candidate.id]);
    expect(await canReadRegistrationsOfA(candidate)).toBe(403);
  });

  it('should refuse a term that has already ended', async () => {
    const res = await w.invite(w.streetA, { termEndsAt: '2020-01-01T00:00:00.000Z' }, 400);
    expect(res.body.details).toEqual([{ field: 'termEndsAt', message: '任期结束时间必须晚于现在' }]);
  });

  it('should let a platform admin appoint another platform admin, held over no node', async () => {
    const candidate = await w.invitee();
    const invited = await w.invite(w.platform, { phone: candidate.phone, role: Role.PlatformAdmin, nodeId: undefined });
    expect(invited.body).toMatchObject({ nodeId: null, nodeName: null });
    await w.answer(candidate, invited.body.id, 'accept');
    const me = await w.t.http().get('/api/me').set(candidate.auth).expect(200);
    expect(me.body.roles).toContainEqual({ role: Role.PlatformAdmin, scopeNodeId: null, scopeName: null });
  });

  it('should not let an admin accept an invitation they sent to their own phone', async () => {
    await provePhone(w.t, w.streetA, w.streetA.phone);
    const invited = await w.invite(w.streetA, { phone: w.streetA.phone });
    const res = await w.answer(w.streetA, invited.body.id, 'accept', 403);
    expect(res.body.message).toBe('不能接受或拒绝自己发出的任命邀请');
  });
});
