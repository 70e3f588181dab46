/**
 * Publishing a task and walking it through its states; claiming, the waitlist, overlaps, withdrawing and holds,
 * branch claims, 岗位式 offers, and who may claim at all.
 */
import {
  ClaimStatus,
  ErrorCode,
  NotificationKind,
  Role,
  TaskStatus,
  TaskTarget,
  type ClaimDto,
  type TaskDto,
} from '@sbd/contracts';
import { NotificationEntity } from '../../../src/messaging/notifications/entities/notification.entity';
import { WaitlistService } from '../../../src/loop/claims/waitlist.service';
import { aTask, createApprovedMembers, createUser } from '../../support/factories';
import { createServiceLoopWorld, type ServiceLoopWorld } from './service-loop-world';

describe('should let a community publish tasks (下单) and its members claim them (接单), waitlist and withdraw', () => {
  let t: ServiceLoopWorld['t'];
  let city: ServiceLoopWorld['city'];
  let adminA: ServiceLoopWorld['adminA'];
  let adminB: ServiceLoopWorld['adminB'];
  let publish: ServiceLoopWorld['publish'];
  let claim: ServiceLoopWorld['claim'];
  let countersMatchRows: ServiceLoopWorld['countersMatchRows'];

  beforeAll(async () => {
    ({ t, city, adminA, adminB, publish, claim, countersMatchRows } = await createServiceLoopWorld());
  });
  afterAll(() => t.close());

  describe('publishing (下单)', () => {
    it('publishes a task with places, time window and points rule', async () => {
      const task = await publish({ capacity: 5, pointsRule: { perHour: 20, minimum: 5, max: 60 } });
      expect(task).toMatchObject({
        status: TaskStatus.Published,
        capacity: 5,
        claimedCount: 0,
        pointsRule: { perHour: 20, minimum: 5, max: 60 },
      });
      expect(task.allowedActions).toEqual(expect.arrayContaining(['start', 'cancel']));
    });

    it('refuses an end before the start, with a field message, and writes nothing', async () => {
      const before = await t.counts();
      const start = new Date(Date.now() + 3600_000);
      const res = await t
        .http()
        .post('/api/tasks')
        .set(adminA.auth)
        .send(aTask(city.a, { startAt: start.toISOString(), endAt: new Date(start.getTime() - 60_000).toISOString() }))
        .expect(400);
      expect(res.body.details).toEqual([{ field: 'endAt', message: '结束时间必须晚于开始时间' }]);
      expect(await t.counts()).toEqual(before);
    });

    it('should not let a community admin of B publish or manage tasks of A', async () => {
      await t.http().post('/api/tasks').set(adminB.auth).send(aTask(city.a)).expect(403);
      const task = await publish();
      await t.http().post(`/api/tasks/${task.id}/cancel`).set(adminB.auth).send({ reason: '不是我的' }).expect(403);
      await t.http().get(`/api/tasks/${task.id}/checkin-code`).set(adminB.auth).expect(403);
      await t.http().get(`/api/tasks/${task.id}/claims`).set(adminB.auth).expect(403);
    });

    it('walks a draft through every task state and refuses what the state forbids', async () => {
      const draft = (
        await t
          .http()
          .post('/api/tasks')
          .set(adminA.auth)
          .send(aTask(city.a, { publish: false }))
          .expect(201)
      ).body as TaskDto;
      expect(draft.status).toBe(TaskStatus.Draft);
      const bad = await t.http().post(`/api/tasks/${draft.id}/complete`).set(adminA.auth).expect(409);
      expect(bad.body).toEqual({ code: ErrorCode.IllegalTransition, message: '任务尚未发布，不能完成', details: [] });
      await t.http().post(`/api/tasks/${draft.id}/publish`).set(adminA.auth).expect(200);
      await t.http().post(`/api/tasks/${draft.id}/publish`).set(adminA.auth).expect(409);
      await t.http().post(`/api/tasks/${draft.id}/start`).set(adminA.auth).expect(200);
      await t.http().post(`/api/tasks/${draft.id}/complete`).set(adminA.auth).expect(200);
      await t.http().post(`/api/tasks/${draft.id}/cancel`).set(adminA.auth).send({ reason: '晚了' }).expect(409);
      const closed = await t.http().post(`/api/tasks/${draft.id}/close`).set(adminA.auth).expect(200);
      expect(closed.body.status).toBe(TaskStatus.Closed);
      await t.http().post(`/api/tasks/${draft.id}/start`).set(adminA.auth).expect(409);
    });
  });

  describe('claiming (接单)', () => {
    it('claims, is idempotent for the same member, and keeps the counter equal to the rows', async () => {
      const task = await publish({ capacity: 2 });
      const [m1] = await createApprovedMembers(t, city.a, 1);
      const first = await claim(m1, task.id).expect(201);
      const again = await claim(m1, task.id).expect(200);
      expect(again.body.id).toBe(first.body.id);
      expect(first.body.status).toBe(ClaimStatus.Claimed);
      // The member gets the place's name and a rounded map position, never the exact point.
      expect(first.body).toMatchObject({ taskPlace: '甲社区1号楼', taskLatitude: 32.01, taskLongitude: 120.86 });
      await countersMatchRows(task.id);
    });

    it('puts members on the waitlist when full, and refuses when asked not to wait', async () => {
      const task = await publish({ capacity: 1 });
      const [m1, m2, m3] = await createApprovedMembers(t, city.a, 3);
      await claim(m1, task.id).expect(201);
      const waiting = await claim(m2, task.id).expect(201);
      expect(waiting.body).toMatchObject({ status: ClaimStatus.Waitlisted, waitlistPosition: 1 });
      const full = await claim(m3, task.id, { joinWaitlist: false }).expect(409);
      expect(full.body.message).toBe('名额已满');
    });

    it('refuses a claim whose time overlaps another claim, naming the other task', async () => {
      const [m] = await createApprovedMembers(t, city.a, 1);
      const start = Date.now() + 24 * 3600_000;
      const a = await publish({
        title: '周六上午义诊',
        startAt: new Date(start).toISOString(),
        endAt: new Date(start + 2 * 3600_000).toISOString(),
      });
      const b = await publish({
        title: '周六上午巡逻',
        startAt: new Date(start + 3600_000).toISOString(),
        endAt: new Date(start + 3 * 3600_000).toISOString(),
      });
      const c = await publish({
        title: '周六下午宣讲',
        startAt: new Date(start + 2 * 3600_000).toISOString(),
        endAt: new Date(start + 4 * 3600_000).toISOString(),
      });
      await claim(m, a.id).expect(201);
      const res = await claim(m, b.id).expect(409);
      expect(res.body.message).toBe('与已报名的任务「周六上午义诊」时间冲突');
      await claim(m, c.id).expect(201); // touching windows do not overlap
    });

    it('withdrawing before the cut-off gives the slot to the first on the waitlist, who is told', async () => {
      const task = await publish({
        capacity: 1,
        startAt: new Date(Date.now() + 5 * 3600_000).toISOString(),
        endAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
      });
      const [m1, m2, m3] = await createApprovedMembers(t, city.a, 3);
      const c1 = (await claim(m1, task.id).expect(201)).body as ClaimDto;
      const c2 = (await claim(m2, task.id).expect(201)).body as ClaimDto;
      await claim(m3, task.id).expect(201);
      await t.http().post(`/api/claims/${c1.id}/withdraw`).set(m2.auth).expect(403);
      await t.http().post(`/api/claims/${c1.id}/withdraw`).set(m1.auth).expect(200);
      const promoted = (await t.http().get(`/api/claims/${c2.id}`).set(m2.auth).expect(200)).body as ClaimDto;
      expect(promoted.status).toBe(ClaimStatus.Claimed);
      expect(promoted.holdExpiresAt).not.toBeNull();
      const note = await t.ds
        .getRepository(NotificationEntity)
        .findOneBy({ userId: m2.id, kind: NotificationKind.ClaimPromoted });
      expect(note?.body).toMatch(/候补转为报名/);
      const staffNote = await t.ds
        .getRepository(NotificationEntity)
        .findOneBy({ userId: adminA.id, kind: NotificationKind.ClaimWithdrawn });
      expect(staffNote).not.toBeNull();
      await countersMatchRows(task.id);
      await t.http().post(`/api/claims/${c2.id}/confirm`).set(m2.auth).expect(200);
    });

    it('a member who leaves the waitlist and joins again queues behind everyone already waiting', async () => {
      const task = await publish({
        capacity: 1,
        startAt: new Date(Date.now() + 5 * 3600_000).toISOString(),
        endAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
      });
      const [holder, early, late] = await createApprovedMembers(t, city.a, 3);
      const held = (await claim(holder, task.id).expect(201)).body as ClaimDto;
      const first = (await claim(early, task.id).expect(201)).body as ClaimDto;
      const second = (await claim(late, task.id).expect(201)).body as ClaimDto;
      expect([first.waitlistPosition, second.waitlistPosition]).toEqual([1, 2]);
      await t.http().post(`/api/claims/${first.id}/withdraw`).set(early.auth).expect(200);
      const again = (await claim(early, task.id).expect(201)).body as ClaimDto;
      expect(again.id).toBe(first.id); // the claim row is reused...
      expect(again.waitlistPosition).toBe(2); // ...but the place in the queue is not
      expect(
        ((await t.http().get(`/api/claims/${second.id}`).set(late.auth).expect(200)).body as ClaimDto).waitlistPosition,
      ).toBe(1);
      await t.http().post(`/api/claims/${held.id}/withdraw`).set(holder.auth).expect(200);
      expect(
        ((await t.http().get(`/api/claims/${second.id}`).set(late.auth).expect(200)).body as ClaimDto).status,
      ).toBe(ClaimStatus.Claimed);
      expect(
        ((await t.http().get(`/api/claims/${first.id}`).set(early.auth).expect(200)).body as ClaimDto).waitlistPosition,
      ).toBe(1);
      await t.http().post(`/api/claims/${second.id}/confirm`).set(late.auth).expect(200);
    });

    it('an unconfirmed hold expires and the slot moves on down the waitlist', async () => {
      const task = await publish({
        capacity: 1,
        startAt: new Date(Date.now() + 5 * 3600_000).toISOString(),
        endAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
      });
      const [m1, m2, m3] = await createApprovedMembers(t, city.a, 3);
      const c1 = (await claim(m1, task.id).expect(201)).body as ClaimDto;
      const c2 = (await claim(m2, task.id).expect(201)).body as ClaimDto;
      const c3 = (await claim(m3, task.id).expect(201)).body as ClaimDto;
      await t.http().post(`/api/claims/${c1.id}/withdraw`).set(m1.auth).expect(200);
      // Time passes beyond the hold.
      const expired = await t.app.get(WaitlistService).expireHolds(new Date(Date.now() + 3 * 3600_000));
      expect(expired).toBe(1);
      const s2 = (await t.http().get(`/api/claims/${c2.id}`).set(m2.auth)).body as ClaimDto;
      const s3 = (await t.http().get(`/api/claims/${c3.id}`).set(m3.auth)).body as ClaimDto;
      expect(s2.status).toBe(ClaimStatus.Expired);
      expect(s3.status).toBe(ClaimStatus.Claimed);
      await countersMatchRows(task.id);
    });

    it('refuses withdrawal after the cut-off', async () => {
      const task = await publish({ capacity: 1, withdrawCutoffMinutes: 120 });
      const [m] = await createApprovedMembers(t, city.a, 1);
      const c = (await claim(m, task.id).expect(201)).body as ClaimDto;
      const res = await t.http().post(`/api/claims/${c.id}/withdraw`).set(m.auth).expect(409);
      expect(res.body.message).toBe('活动开始前2小时内不能退出报名，请联系社区');
    });

    it('lets a branch secretary claim for the branch and assign its members, but not others', async () => {
      const task = await publish({ target: TaskTarget.Branches, branchIds: [city.a.branchId], capacity: 5 });
      const secretary = await createUser(t, { roles: [{ role: Role.BranchSecretary, scopeNodeId: city.a.branchId }] });
      const members = await createApprovedMembers(t, city.a, 2, { branchId: city.a.branchId });
      const [outsider] = await createApprovedMembers(t, city.a, 1);
      const individual = await claim(members[0], task.id).expect(409);
      expect(individual.body.message).toBe('该任务面向支部，请由支部书记统一报名');
      const res = await t
        .http()
        .post('/api/claims')
        .set(secretary.auth)
        .send({ taskId: task.id, branchId: city.a.branchId, memberUserIds: members.map((m) => m.id) })
        .expect(201);
      expect(res.body.map((c: ClaimDto) => c.userId).sort()).toEqual(members.map((m) => m.id).sort());
      expect(
        res.body.every((c: ClaimDto) => c.branchId === city.a.branchId && c.claimedByUserId === secretary.id),
      ).toBe(true);
      await t
        .http()
        .post('/api/claims')
        .set(secretary.auth)
        .send({ taskId: task.id, branchId: city.a.branchId, memberUserIds: [outsider.id] })
        .expect(400);
      await t
        .http()
        .post('/api/claims')
        .set(members[0].auth)
        .send({ taskId: task.id, branchId: city.a.branchId, memberUserIds: [members[1].id] })
        .expect(403);
    });

    it('offers a task needing a position to its holders first (岗位式)', async () => {
      const legal = city.a.positionIds[1];
      const [holder] = await createApprovedMembers(t, city.a, 1, { positionIds: [legal] });
      const [other] = await createApprovedMembers(t, city.a, 1);
      const task = await publish({
        positionIds: [legal],
        startAt: new Date(Date.now() + 5 * 3600_000).toISOString(),
        endAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
      });
      const refused = await claim(other, task.id).expect(409);
      expect(refused.body.message).toMatch(/^该任务优先向相关岗位的党员开放，\d{2}:\d{2}后开放报名$/);
      await claim(holder, task.id).expect(201);
      const told = await t.ds
        .getRepository(NotificationEntity)
        .findOneBy({ userId: holder.id, kind: NotificationKind.TaskPublished });
      expect(told?.title).toBe('有与您岗位相关的新任务');
    });

    it('should not let an unregistered user, or a member of another street, claim', async () => {
      const task = await publish();
      const resident = await createUser(t, { roles: [{ role: Role.Resident, scopeNodeId: city.a.id }] });
      await claim(resident, task.id).expect(403);
      const [bMember] = await createApprovedMembers(t, city.b, 1);
      const res = await claim(bMember, task.id).expect(403);
      expect(res.body.message).toBe('只能报名本社区或本街道的任务');
    });
  });
});
