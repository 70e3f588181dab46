/**
 * A service record says what happened: check-in opens CHECKIN_EARLY_MINUTES (here configured to
 * 45) before the start and closes at the end, check-out is never before check-in, and the
 * community's verification and the resident's rating wait for the end of the service.
 */
import { ClaimStatus, ErrorCode, NeedStatus, Role, type ClaimDto, type NeedDto, type TaskDto } from '@sbd/contracts';
import {
  aNeed,
  aTask,
  AT_THE_TASK,
  buildCity,
  createApprovedMembers,
  createResident,
  createUser,
  startingIn,
  type City,
  type TestUser,
} from '../../support/factories';
import { serviceEnds, timePasses } from '../../support/task-clock';
import { createTestApp, type TestApp } from '../../support/test-app';
import { toDbDate } from '../../../src/platform/database/sql';

const MIN = 60_000;

describe('should keep service records honest in time', () => {
  let t: TestApp;
  let city: City;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ CHECKIN_EARLY_MINUTES: '45' });
    city = await buildCity(t);
    admin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
  });
  afterAll(() => t.close());

  /** A published task of A starting `inMinutes` from now, and a fresh member's claim on it. */
  async function claimed(inMinutes: number): Promise<{ task: TaskDto; claim: ClaimDto; member: TestUser }> {
    const task = (
      await t
        .http()
        .post('/api/tasks')
        .set(admin.auth)
        .send(aTask(city.a, startingIn(inMinutes * MIN, 2)))
        .expect(201)
    ).body as TaskDto;
    const [member] = await createApprovedMembers(t, city.a, 1);
    const claim = (await t.http().post('/api/claims').set(member.auth).send({ taskId: task.id }).expect(201))
      .body as ClaimDto;
    return { task, claim, member };
  }

  const act = (u: TestUser, claimId: number, action: string, body: object = AT_THE_TASK) =>
    t.http().post(`/api/claims/${claimId}/${action}`).set(u.auth).send(body);

  it('should not let a member check in before the configured 45 minutes, and tells them from when', async () => {
    const { task, claim, member } = await claimed(50);
    const opens = Date.parse(task.startAt) - 45 * MIN;
    expect(claim.checkInOpensAt).toBe(new Date(opens).toISOString());

    const early = await act(member, claim.id, 'check-in').expect(409);
    expect(early.body).toEqual({
      code: ErrorCode.IllegalTransition,
      message: expect.stringMatching(/^还没到签到时间，活动开始前45分钟起可签到（\d{1,2}月\d{1,2}日 \d\d:\d\d起）$/),
      details: [],
    });
    const still = (await t.http().get(`/api/claims/${claim.id}`).set(member.auth).expect(200)).body as ClaimDto;
    expect(still).toMatchObject({ status: ClaimStatus.Claimed, checkInAt: null });

    // Ten minutes later the task starts in 40 minutes: check-in is open.
    await timePasses(t, task.id, 10 * MIN);
    expect((await act(member, claim.id, 'check-in').expect(200)).body.status).toBe(ClaimStatus.CheckedIn);
  });

  it('should not let a member check in once the service has ended', async () => {
    const { task, claim, member } = await claimed(10);
    await serviceEnds(t, task.id);
    const res = await act(member, claim.id, 'check-in').expect(409);
    expect(res.body.message).toBe('活动已结束，不能签到');
  });

  it('should not let a check-out come before the check-in (another process’s clock ahead)', async () => {
    const { claim, member } = await claimed(10);
    await act(member, claim.id, 'check-in').expect(200);
    await t.ds.query('UPDATE claims SET checked_in_at = ? WHERE id = ?', [
      toDbDate(new Date(Date.now() + 5 * MIN)),
      claim.id,
    ]);
    const res = await act(member, claim.id, 'check-out').expect(409);
    expect(res.body.message).toBe('签退时间不能早于签到时间');
    const after = (await t.http().get(`/api/claims/${claim.id}`).set(member.auth).expect(200)).body as ClaimDto;
    expect(after).toMatchObject({ status: ClaimStatus.CheckedIn, checkOutAt: null });
  });

  it('should not let the community verify or rate a service before it has ended', async () => {
    const { task, claim, member } = await claimed(10);
    await act(member, claim.id, 'check-in').expect(200);
    await act(member, claim.id, 'check-out').expect(200);

    const before = await t.counts();
    const early = await act(admin, claim.id, 'verify', { score: 5, comment: '很好' }).expect(409);
    expect(early.body).toEqual({
      code: ErrorCode.IllegalTransition,
      message: expect.stringMatching(/^服务还没结束（\d{1,2}月\d{1,2}日 \d\d:\d\d结束），结束后才能核验服务时长$/),
      details: [],
    });
    expect(await t.counts()).toEqual(before);

    await serviceEnds(t, task.id);
    const verified = await act(admin, claim.id, 'verify', { score: 5 }).expect(200);
    expect(verified.body).toMatchObject({ status: ClaimStatus.Verified, serviceRating: { score: 5 } });
  });

  it('should not let a resident rate a need’s service before it has ended, even if the task was completed early', async () => {
    const resident = await createResident(t, city.a.id, { wechat: true });
    let need = (await t.http().post('/api/needs').set(resident.auth).send(aNeed(city.a)).expect(201)).body as NeedDto;
    await t.http().post(`/api/needs/${need.id}/accept`).set(admin.auth).expect(200);
    const task = (
      await t
        .http()
        .post('/api/tasks')
        .set(admin.auth)
        .send(aTask(city.a, { ...startingIn(10 * MIN, 2), needIds: [need.id] }))
        .expect(201)
    ).body as TaskDto;
    await t.http().post(`/api/tasks/${task.id}/start`).set(admin.auth).expect(200);
    await t.http().post(`/api/tasks/${task.id}/complete`).set(admin.auth).expect(200);
    need = (await t.http().get(`/api/needs/${need.id}`).set(resident.auth).expect(200)).body as NeedDto;
    expect(need).toMatchObject({ status: NeedStatus.Fulfilled, serviceEndsAt: task.endAt });

    const rate = () =>
      t.http().post(`/api/needs/${need.id}/rate`).set(resident.auth).send({ score: 5, resolved: true });
    const early = await rate().expect(409);
    expect(early.body.message).toMatch(/^服务还没结束（\d{1,2}月\d{1,2}日 \d\d:\d\d结束），结束后才能评价$/);

    await serviceEnds(t, task.id);
    expect((await rate().expect(200)).body.status).toBe(NeedStatus.Rated);
  });
});
