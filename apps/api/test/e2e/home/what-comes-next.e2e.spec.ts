/**
 * GET /api/me/next: the home page's one read. Each part only for a role the caller holds and only
 * about the caller (or the community they administer): the member's next service and a waitlist
 * place to confirm, a pending registration (报到审核中), the resident's needs to rate, and the
 * needs waiting for triage (待分拣 N) for community staff.
 */
import { ClaimStatus, NeedStatus, RegistrationStatus, Role, type MeNextDto } from '@sbd/contracts';
import { ClaimEntity } from '../../../src/loop/claims/entities/claim.entity';
import { aRegistration, createUser, type TestUser } from '../../support/factories';
import { createLoopWorld, type LoopWorld } from '../../support/loop-world';
import { registerAs } from '../../support/verified';

describe('what comes next (GET /api/me/next)', () => {
  let w: LoopWorld;
  const next = async (u: TestUser): Promise<MeNextDto> =>
    (await w.t.http().get('/api/me/next').set(u.auth).expect(200)).body as MeNextDto;

  beforeAll(async () => {
    w = await createLoopWorld();
  });
  afterAll(() => w.t.close());

  it('should answer 401 without a login', async () => {
    await w.t.http().get('/api/me/next').expect(401);
  });

  it('gives a member their next service, with when check-in opens', async () => {
    const { claim, member } = await w.claimIn('claimed');
    const body = await next(member);
    expect(body.nextService).toEqual({
      claimId: claim.id,
      taskId: claim.taskId,
      title: claim.taskTitle,
      place: claim.taskPlace,
      startAt: claim.taskStartAt,
      endAt: claim.taskEndAt,
      status: ClaimStatus.Claimed,
      checkInOpensAt: claim.checkInOpensAt,
    });
    expect(body).toMatchObject({ claimToConfirm: null, triage: null, needToRate: null, hasCommunity: true });
    expect(body.registration?.status).toBe(RegistrationStatus.Approved);
  });

  it('keeps a checked-in service as the next one, and drops it once checked out', async () => {
    const checkedIn = await w.claimIn('checked_in');
    expect((await next(checkedIn.member)).nextService).toMatchObject({ status: ClaimStatus.CheckedIn });
    const out = await w.claimIn('checked_out');
    expect((await next(out.member)).nextService).toBeNull();
  });

  it('puts a waitlist place that waits for confirmation apart from the next service', async () => {
    const { claim, member } = await w.claimIn('claimed');
    const hold = new Date(Date.now() + 60 * 60_000);
    await w.t.ds.getRepository(ClaimEntity).update({ id: claim.id }, { holdExpiresAt: hold });
    const body = await next(member);
    expect(body.claimToConfirm).toEqual({
      claimId: claim.id,
      taskId: claim.taskId,
      title: claim.taskTitle,
      holdExpiresAt: hold.toISOString(),
    });
    expect(body.nextService).toBeNull();
  });

  it('says a registration is pending, with the community', async () => {
    const pending = await createUser(w.t);
    await registerAs(w.t, pending, aRegistration(w.city.a));
    const body = await next(pending);
    expect(body.registration).toEqual({ status: RegistrationStatus.Pending, communityName: '甲社区' });
    expect(body).toMatchObject({ nextService: null, hasCommunity: false });
  });

  it('counts a resident’s fulfilled needs to rate, oldest first, and only theirs', async () => {
    const before = await next(w.resident);
    const first = await w.needIn('fulfilled');
    await w.needIn('fulfilled');
    const body = await next(w.resident);
    expect(body.needToRate).toEqual({
      needId: before.needToRate?.needId ?? first.id,
      title: before.needToRate?.title ?? first.title,
      count: (before.needToRate?.count ?? 0) + 2,
    });
    expect((await next(w.h5Resident)).needToRate).toBeNull();
    expect(first.status).toBe(NeedStatus.Fulfilled);
  });

  it('gives community staff 待分拣 N of their own community only', async () => {
    const before = (await next(w.admin)).triage;
    expect(before).toMatchObject({ communityId: w.city.a.id, communityName: '甲社区' });
    await w.needIn('held');
    await w.needIn('submitted');
    await w.needIn('accepted');
    expect((await next(w.admin)).triage?.waiting).toBe((before?.waiting ?? 0) + 2);

    const adminB = await createUser(w.t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: w.city.b.id }] });
    expect((await next(adminB)).triage).toEqual({ communityId: w.city.b.id, communityName: '乙社区', waiting: 0 });
    // Residents and members learn nothing of the triage queue.
    expect((await next(w.resident)).triage).toBeNull();
    expect((await next(w.memberA)).triage).toBeNull();
  });

  it('says who has no community yet', async () => {
    const nobody = await createUser(w.t);
    expect(await next(nobody)).toEqual({
      registration: null,
      nextService: null,
      claimToConfirm: null,
      needToRate: null,
      triage: null,
      hasCommunity: false,
    });
  });
});
