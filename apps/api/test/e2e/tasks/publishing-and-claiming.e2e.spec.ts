import { ClaimStatus, ErrorCode, NotificationKind, Role, TaskStatus, type ClaimDto, type TaskDto } from '@sbd/contracts';
import { checkinCode } from '@sbd/domain';
import { ClaimEntity } from '../../src/loop/claims/entities/claim.entity';
import { NotificationEntity } from '../../src/messaging/notifications/entities/notification.entity';
import { NotificationsService } from '../../src/messaging/notifications/notifications.service';
import { ClaimsService } from '../../src/loop/claims/claims.service';
import { TaskEntity } from '../../src/loop/tasks/entities/task.entity';
import { toDbDate } from '../../src/platform/database/sql';
import { buildCity, aTask, createApprovedMembers, createUser, type City, type TestUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

describe('the service loop: 社区下单 → 党员接单 → 签到签退 → 核验', () => {
  let t: TestApp;
  let city: City;
  let adminA: TestUser;
  let adminB: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
    adminA = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    adminB = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }] });
  });
  afterAll(() => t.close());

  const publish = async (overrides: Record<string, unknown> = {}): Promise<TaskDto> =>
    (await t.http().post('/api/tasks').set(adminA.auth).send(aTask(city.a, overrides)).expect(201)).body;

  const claim = (member: TestUser, taskId: number, extra: Record<string, unknown> = {}) =>
    t.http().post('/api/claims').set(member.auth).send({ taskId, ...extra });

  /** Moves a task (and its claims) so that it started `minutesAgo` minutes ago. */
  async function startedAgo(taskId: number, minutesAgo: number, lengthMinutes = 180): Promise<void> {
    const start = new Date(Date.now() - minutesAgo * 60_000);
    const end = new Date(start.getTime() + lengthMinutes * 60_000);
    await t.ds.query('UPDATE tasks SET starts_at = ?, ends_at = ?, claim_deadline = ? WHERE id = ?', [toDbDate(start), toDbDate(end), toDbDate(end), taskId]);
    await t.ds.query('UPDATE claims SET starts_at = ?, ends_at = ? WHERE task_id = ?', [toDbDate(start), toDbDate(end), taskId]);
  }

  async function secretOf(taskId: number): Promise<string> {
    const row = await t.ds.getRepository(TaskEntity).createQueryBuilder('t').addSelect('t.checkinSecret').where('t.id = :id', { id: taskId }).getOneOrFail();
    return row.checkinSecret;
  }

  async function countersMatchRows(taskId: number): Promise<void> {
    const task = await t.ds.getRepository(TaskEntity).findOneByOrFail({ id: taskId });
    const holding = await t.ds.getRepository(ClaimEntity).countBy({ taskId });
    const [row] = await t.ds.query(
      "SELECT COUNT(*) AS n FROM claims WHERE task_id = ? AND status IN ('claimed', 'checked_in', 'checked_out', 'verified')",
      [taskId],
    );
    expect(task.claimedCount).toBe(Number(row.n));
    expect(task.claimedCount).toBeLessThanOrEqual(task.capacity);
    expect(holding).toBeGreaterThanOrEqual(task.claimedCount);
  }

  describe('publishing (下单)', () => {
    it('publishes a task with places, time window and points rule', async () => {
      const task = await publish({ capacity: 5, pointsRule: { perHour: 20, minimum: 5, max: 60 } });
      expect(task).toMatchObject({ status: TaskStatus.Published, capacity: 5, claimedCount: 0, pointsRule: { perHour: 20, minimum: 5, max: 60 } });
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
      const draft = (await t.http().post('/api/tasks').set(adminA.auth).send(aTask(city.a, { publish: false })).expect(201)).body as TaskDto;
      expect(draft.status).toBe(TaskStatus.Draft);
      const bad = await t.http().post(`/api/tasks/${draft.id}/complete`).set(adminA.auth).expect(409);
      expect(bad.body).toEqual({ code: ErrorCode.IllegalTransition, message: '任务尚未发布，不能完成' });
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
      expect(first.body).toMatchObject({ taskPlace: '甲社区1号楼', taskLatitude: 32.0123, taskLongitude: 120.8642 });
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
      const a = await publish({ title: '周六上午义诊', startAt: new Date(start).toISOString(), endAt: new Date(start + 2 * 3600_000).toISOString() });
      const b = await publish({ title: '周六上午巡逻', startAt: new Date(start + 3600_000).toISOString(), endAt: new Date(start + 3 * 3600_000).toISOString() });
      const c = await publish({ title: '周六下午宣讲', startAt: new Date(start + 2 * 3600_000).toISOString(), endAt: new Date(start + 4 * 3600_000).toISOString() });
      await claim(m, a.id).expect(201);
      const res = await claim(m, b.id).expect(409);
      expect(res.body.message).toBe('与已报名的任务「周六上午义诊」时间冲突');
      await claim(m, c.id).expect(201); // touching windows do not overlap
    });

    it('withdrawing before the cut-off gives the slot to the first on the waitlist, who is told', async () => {
      const task = await publish({ capacity: 1, startAt: new Date(Date.now() + 5 * 3600_000).toISOString(), endAt: new Date(Date.now() + 6 * 3600_000).toISOString() });
      const [m1, m2, m3] = await createApprovedMembers(t, city.a, 3);
      const c1 = (await claim(m1, task.id).expect(201)).body as ClaimDto;
      const c2 = (await claim(m2, task.id).expect(201)).body as ClaimDto;
      await claim(m3, task.id).expect(201);
      await t.http().post(`/api/claims/${c1.id}/withdraw`).set(m2.auth).expect(403);
      await t.http().post(`/api/claims/${c1.id}/withdraw`).set(m1.auth).expect(200);
      const promoted = (await t.http().get(`/api/claims/${c2.id}`).set(m2.auth).expect(200)).body as ClaimDto;
      expect(promoted.status).toBe(ClaimStatus.Claimed);
      expect(promoted.holdExpiresAt).not.toBeNull();
      const note = await t.ds.getRepository(NotificationEntity).findOneBy({ userId: m2.id, kind: NotificationKind.ClaimPromoted });
      expect(note?.body).toMatch(/候补转为报名/);
      const staffNote = await t.ds.getRepository(NotificationEntity).findOneBy({ userId: adminA.id, kind: NotificationKind.ClaimWithdrawn });
      expect(staffNote).not.toBeNull();
      await countersMatchRows(task.id);
      await t.http().post(`/api/claims/${c2.id}/confirm`).set(m2.auth).expect(200);
    });

    it('a member who leaves the waitlist and joins again queues behind everyone already waiting', async () => {
      const task = await publish({ capacity: 1, startAt: new Date(Date.now() + 5 * 3600_000).toISOString(), endAt: new Date(Date.now() + 6 * 3600_000).toISOString() });
      const [holder, early, late] = await createApprovedMembers(t, city.a, 3);
      const held = (await claim(holder, task.id).expect(201)).body as ClaimDto;
      const first = (await claim(early, task.id).expect(201)).body as ClaimDto;
      const second = (await claim(late, task.id).expect(201)).body as ClaimDto;
      expect([first.waitlistPosition, second.waitlistPosition]).toEqual([1, 2]);
      await t.http().post(`/api/claims/${first.id}/withdraw`).set(early.auth).expect(200);
      const again = (await claim(early, task.id).expect(201)).body as ClaimDto;
      expect(again.id).toBe(first.id); // the claim row is reused...
      expect(again.waitlistPosition).toBe(2); // ...but the place in the queue is not
      expect(((await t.http().get(`/api/claims/${second.id}`).set(late.auth).expect(200)).body as ClaimDto).waitlistPosition).toBe(1);
      await t.http().post(`/api/claims/${held.id}/withdraw`).set(holder.auth).expect(200);
      expect(((await t.http().get(`/api/claims/${second.id}`).set(late.auth).expect(200)).body as ClaimDto).status).toBe(ClaimStatus.Claimed);
      expect(((await t.http().get(`/api/claims/${first.id}`).set(early.auth).expect(200)).body as ClaimDto).waitlistPosition).toBe(1);
      await t.http().post(`/api/claims/${second.id}/confirm`).set(late.auth).expect(200);
    });

    it('an unconfirmed hold expires and the slot moves on down the waitlist', async () => {
      const task = await publish({ capacity: 1, startAt: new Date(Date.now() + 5 * 3600_000).toISOString(), endAt: new Date(Date.now() + 6 * 3600_000).toISOString() });
      const [m1, m2, m3] = await createApprovedMembers(t, city.a, 3);
      const c1 = (await claim(m1, task.id).expect(201)).body as ClaimDto;
      const c2 = (await claim(m2, task.id).expect(201)).body as ClaimDto;
      const c3 = (await claim(m3, task.id).expect(201)).body as ClaimDto;
      await t.http().post(`/api/claims/${c1.id}/withdraw`).set(m1.auth).expect(200);
      // Time passes beyond the hold.
      const expired = await t.app.get(ClaimsService).expireHolds(new Date(Date.now() + 3 * 3600_000));
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
      const task = await publish({ target: 'branches', branchIds: [city.a.branchId], capacity: 5 });
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
      expect(res.body.every((c: ClaimDto) => c.branchId === city.a.branchId && c.claimedByUserId === secretary.id)).toBe(true);
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
      const task = await publish({ positionIds: [legal], startAt: new Date(Date.now() + 5 * 3600_000).toISOString(), endAt: new Date(Date.now() + 6 * 3600_000).toISOString() });
      const refused = await claim(other, task.id).expect(409);
      expect(refused.body.message).toMatch(/^该任务优先向相关岗位的党员开放，\d{2}:\d{2}后开放报名$/);
      await claim(holder, task.id).expect(201);
      const told = await t.ds.getRepository(NotificationEntity).findOneBy({ userId: holder.id, kind: NotificationKind.TaskPublished });
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

  describe('the member feed', () => {
    it('lists open tasks of the own community first, then the street, paging by keyset without gaps or repeats', async () => {
      // A second community in street A, with its own admin.
      const otherId = await t.ds.transaction(async (m) => {
        const { insertOrgNode } = await import('../../src/org/org-tree');
        return (await insertOrgNode(m, { type: 'community' as never, name: '丙社区', parentId: city.streetA, code: `FEED${Date.now() % 100000}` })).id;
      });
      const otherAdmin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: otherId }] });
      const base = Date.now() + 30 * 24 * 3600_000;
      const mine: number[] = [];
      const street: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = new Date(base + i * 3600_000);
        mine.push((await publish({ title: `本社区${i}`, startAt: start.toISOString(), endAt: new Date(start.getTime() + 1800_000).toISOString() })).id);
        const res = await t
          .http()
          .post('/api/tasks')
          .set(otherAdmin.auth)
          .send(aTask({ ...city.a, id: otherId }, { title: `街道${i}`, startAt: new Date(start.getTime() - 7 * 24 * 3600_000).toISOString(), endAt: new Date(start.getTime() - 7 * 24 * 3600_000 + 1800_000).toISOString() }))
          .expect(201);
        street.push(res.body.id);
      }
      const [m] = await createApprovedMembers(t, city.a, 1);
      const seen: TaskDto[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: TaskDto[]; nextCursor: string | null } } = await t.http().get(`/api/tasks/feed?limit=3${cursor ? `&cursor=${cursor}` : ''}`).set(m.auth).expect(200);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      const ids = seen.map((x) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
      const ours = ids.filter((id) => mine.includes(id));
      const theirs = ids.filter((id) => street.includes(id));
      expect(ours).toEqual(mine);
      expect(theirs).toEqual(street);
      // Every task of the own community comes before any task of the rest of the street,
      // although the street's tasks start earlier.
      expect(Math.max(...ours.map((id) => ids.indexOf(id)))).toBeLessThan(Math.min(...theirs.map((id) => ids.indexOf(id))));
      const [bMember] = await createApprovedMembers(t, city.b, 1);
      const bFeed = (await t.http().get('/api/tasks/feed?limit=50').set(bMember.auth).expect(200)).body.items.map((x: TaskDto) => x.id);
      expect(bFeed.some((id: number) => mine.includes(id) || street.includes(id))).toBe(false);
    });

    it('refuses a forged cursor with a Chinese message', async () => {
      const [m] = await createApprovedMembers(t, city.a, 1);
      const res = await t.http().get('/api/tasks/feed?cursor=9.x.1').set(m.auth).expect(400);
      expect(res.body.message).toBe('分页游标无效');
    });
  });

  describe('concurrency', () => {
    it('200 simultaneous claims on a 10-slot task: exactly 10 claimed, the rest waitlisted, no 5xx', async () => {
      const task = await publish({ capacity: 10 });
      const members = await createApprovedMembers(t, city.a, 200);
      const results = await Promise.all(members.map((m) => claim(m, task.id)));
      expect(results.filter((r) => r.status >= 500)).toEqual([]);
      expect(results.every((r) => r.status === 201)).toBe(true);
      const statuses = results.map((r) => r.body.status);
      expect(statuses.filter((s) => s === ClaimStatus.Claimed)).toHaveLength(10);
      expect(statuses.filter((s) => s === ClaimStatus.Waitlisted)).toHaveLength(190);
      await countersMatchRows(task.id);
      expect(await t.ds.getRepository(ClaimEntity).countBy({ taskId: task.id })).toBe(200);
    });

    it('50 simultaneous repeats by one member make one claim', async () => {
      const task = await publish({ capacity: 10 });
      const [m] = await createApprovedMembers(t, city.a, 1);
      const results = await Promise.all(Array.from({ length: 50 }, () => claim(m, task.id)));
      expect(results.filter((r) => r.status >= 500)).toEqual([]);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(await t.ds.getRepository(ClaimEntity).countBy({ taskId: task.id })).toBe(1);
      await countersMatchRows(task.id);
    });
  });

  describe('check-in, check-out and verification', () => {
    it('checks in with the rotating code, checks out, and the admin verifies: hours and points follow', async () => {
      const task = await publish({ capacity: 2, pointsRule: { perHour: 10, minimum: 5, max: 100 } });
      const [m, other] = await createApprovedMembers(t, city.a, 2);
      const c = (await claim(m, task.id).expect(201)).body as ClaimDto;
      await startedAgo(task.id, 90);

      const code = (await t.http().get(`/api/tasks/${task.id}/checkin-code`).set(adminA.auth).expect(200)).body;
      expect(code.code).toMatch(/^\d{6}$/);
      const wrong = await t.http().post(`/api/claims/${c.id}/check-in`).set(m.auth).send({ code: code.code === '000000' ? '111111' : '000000' }).expect(400);
      expect(wrong.body.details[0].field).toBe('code');
      await t.http().post(`/api/claims/${c.id}/check-in`).set(other.auth).send({ code: code.code }).expect(403);
      const inRes = await t.http().post(`/api/claims/${c.id}/check-in`).set(m.auth).send({ code: code.code }).expect(200);
      expect(inRes.body.status).toBe(ClaimStatus.CheckedIn);
      expect((await t.ds.getRepository(TaskEntity).findOneByOrFail({ id: task.id })).status).toBe(TaskStatus.InProgress);

      // 65 minutes of service: 1 hour credited (rounded down to the half hour).
      await t.ds.query('UPDATE claims SET checked_in_at = ? WHERE id = ?', [toDbDate(new Date(Date.now() - 65 * 60_000)), c.id]);
      const secret = await secretOf(task.id);
      await t.http().post(`/api/claims/${c.id}/check-out`).set(other.auth).send({ code: checkinCode(secret, Date.now()) }).expect(403);
      const out = await t.http().post(`/api/claims/${c.id}/check-out`).set(m.auth).send({ code: checkinCode(secret, Date.now()) }).expect(200);
      expect(out.body).toMatchObject({ status: ClaimStatus.CheckedOut, creditedHours: 1 });

      const verified = await t.http().post(`/api/claims/${c.id}/verify`).set(adminA.auth).send({ score: 5, comment: '认真负责' }).expect(200);
      expect(verified.body).toMatchObject({ status: ClaimStatus.Verified, pointsAwarded: 15, serviceRating: { score: 5 } });
      await t.http().post(`/api/claims/${c.id}/verify`).set(adminA.auth).send({}).expect(409);

      const hours = await t.http().get('/api/me/hours').set(m.auth).expect(200);
      expect(hours.body).toEqual({ userId: m.id, verifiedHours: 1, backfilledHours: 0, services: 1 });
      const points = await t.http().get('/api/me/points').set(m.auth).expect(200);
      expect(points.body).toEqual({ userId: m.id, balance: 15, earned: 15, deducted: 0 });
    });

    it('checks in by location inside the radius, and refuses outside it', async () => {
      const task = await publish({ checkinRadiusM: 200 });
      const [m] = await createApprovedMembers(t, city.a, 1);
      const c = (await claim(m, task.id).expect(201)).body as ClaimDto;
      await startedAgo(task.id, 5);
      const far = await t.http().post(`/api/claims/${c.id}/check-in`).set(m.auth).send({ latitude: 32.0223, longitude: 120.8642 }).expect(400);
      expect(far.body.message).toMatch(/^您不在签到范围内（距离约1112米，需在200米内）$/);
      await t.http().post(`/api/claims/${c.id}/check-in`).set(m.auth).send({ latitude: 32.0124, longitude: 120.8643 }).expect(200);
    });

    it('refuses check-in long before the start', async () => {
      const task = await publish({ startAt: new Date(Date.now() + 5 * 3600_000).toISOString(), endAt: new Date(Date.now() + 6 * 3600_000).toISOString() });
      const [m] = await createApprovedMembers(t, city.a, 1);
      const c = (await claim(m, task.id).expect(201)).body as ClaimDto;
      const code = (await t.http().get(`/api/tasks/${task.id}/checkin-code`).set(adminA.auth)).body.code;
      const res = await t.http().post(`/api/claims/${c.id}/check-in`).set(m.auth).send({ code }).expect(409);
      expect(res.body.message).toBe('还没到签到时间（开始前30分钟可签到）');
    });

    it('nobody verifies their own hours', async () => {
      const task = await publish();
      // A community admin who is also an approved member of the community.
      const [adminMember] = await createApprovedMembers(t, city.a, 1);
      await t.ds.query('INSERT INTO user_roles (user_id, role, scope_node_id, created_at) VALUES (?, ?, ?, ?)', [adminMember.id, Role.CommunityAdmin, city.a.id, toDbDate(new Date())]);
      const c = (await claim(adminMember, task.id).expect(201)).body as ClaimDto;
      await startedAgo(task.id, 30);
      const secret = await secretOf(task.id);
      await t.http().post(`/api/claims/${c.id}/check-in`).set(adminMember.auth).send({ code: checkinCode(secret, Date.now()) }).expect(200);
      await t.http().post(`/api/claims/${c.id}/check-out`).set(adminMember.auth).send({ code: checkinCode(secret, Date.now()) }).expect(200);
      const res = await t.http().post(`/api/claims/${c.id}/verify`).set(adminMember.auth).send({}).expect(403);
      expect(res.body.message).toBe('不能核验自己的服务时长');
      await t.http().post(`/api/claims/${c.id}/verify`).set(adminB.auth).send({}).expect(403);
      await t.http().post(`/api/claims/${c.id}/verify`).set(adminA.auth).send({}).expect(200);
    });

    it('completing a task marks members who never checked in as no-shows, with a deduction', async () => {
      const task = await publish({ capacity: 2 });
      const [m] = await createApprovedMembers(t, city.a, 1);
      const c = (await claim(m, task.id).expect(201)).body as ClaimDto;
      await t.http().post(`/api/tasks/${task.id}/start`).set(adminA.auth).expect(200);
      await t.http().post(`/api/tasks/${task.id}/complete`).set(adminA.auth).expect(200);
      const after = (await t.http().get(`/api/claims/${c.id}`).set(m.auth)).body as ClaimDto;
      expect(after).toMatchObject({ status: ClaimStatus.NoShow, pointsAwarded: -10 });
      await countersMatchRows(task.id);
    });

    it('cancelling a task tells everyone who claimed and frees every slot', async () => {
      const task = await publish({ capacity: 1 });
      const [m1, m2] = await createApprovedMembers(t, city.a, 2);
      await claim(m1, task.id).expect(201);
      await claim(m2, task.id).expect(201);
      await t.http().post(`/api/tasks/${task.id}/cancel`).set(adminA.auth).send({ reason: '暴雨预警，活动取消' }).expect(200);
      for (const m of [m1, m2]) {
        const n = await t.ds.getRepository(NotificationEntity).findOneByOrFail({ userId: m.id, kind: NotificationKind.TaskCancelled });
        expect(n.body).toMatch(/暴雨预警，活动取消/);
      }
      const pending = await t.ds.getRepository(NotificationEntity).countBy({ userId: m1.id, kind: NotificationKind.TaskReminder, status: 'pending' });
      expect(pending).toBe(0);
      await countersMatchRows(task.id);
    });

    it('back-filled hours carry a reason and are kept apart from credit hours', async () => {
      const [m] = await createApprovedMembers(t, city.a, 1);
      await t.http().post('/api/backfills').set(adminA.auth).send({ userId: m.id, communityId: city.a.id, hours: 1.25, reason: '线下' }).expect(400);
      await t.http().post('/api/backfills').set(adminA.auth).send({ userId: m.id, communityId: city.a.id, hours: 2.5, reason: '系统上线前的线下服务' }).expect(201);
      await t.http().post('/api/backfills').set(adminB.auth).send({ userId: m.id, communityId: city.a.id, hours: 1, reason: 'x' }).expect(403);
      const hours = await t.http().get(`/api/members/${m.id}/hours`).set(adminA.auth).expect(200);
      expect(hours.body).toEqual({ userId: m.id, verifiedHours: 0, backfilledHours: 2.5, services: 0 });
    });
  });

  describe('points and notifications', () => {
    it('manual adjustments need a reason, never one’s own, and the balance is the sum of the ledger', async () => {
      const [m] = await createApprovedMembers(t, city.a, 1);
      await t.http().post('/api/points/adjustments').set(adminA.auth).send({ userId: m.id, communityId: city.a.id, delta: 5, note: ' ' }).expect(400);
      await t.http().post('/api/points/adjustments').set(adminA.auth).send({ userId: m.id, communityId: city.a.id, delta: 8, note: '组织重阳节活动' }).expect(201);
      await t.http().post('/api/points/adjustments').set(adminA.auth).send({ userId: m.id, communityId: city.a.id, delta: -3, note: '更正' }).expect(201);
      await t.http().post('/api/points/adjustments').set(adminA.auth).send({ userId: adminA.id, communityId: city.a.id, delta: 3, note: '自己' }).expect(403);
      const balance = await t.http().get(`/api/members/${m.id}/points`).set(adminA.auth).expect(200);
      const [sum] = await t.ds.query('SELECT SUM(delta) AS s FROM points_ledger WHERE member_user_id = ?', [m.id]);
      expect(balance.body.balance).toBe(Number(sum.s));
      expect(balance.body).toMatchObject({ balance: 5, earned: 8, deducted: 3 });
      const ranking = await t.http().get(`/api/points/ranking?scope=member&communityId=${city.a.id}`).set(adminA.auth).expect(200);
      const mine = ranking.body.find((r: { id: number }) => r.id === m.id);
      expect(mine.points).toBe(5);
    });

    it('the dispatcher delivers through WeChat, falls back to the inbox on 43101, and does each once', async () => {
      const notifications = t.app.get(NotificationsService);
      const [m1, m2] = await createApprovedMembers(t, city.a, 2);
      await t.ds.query('UPDATE users SET openid = ? WHERE id = ?', ['openid-m1', m1.id]);
      await t.ds.query('UPDATE users SET openid = ? WHERE id = ?', ['openid-m2', m2.id]);
      t.wechat.unsubscribed.add('openid-m2');
      t.config.wechat.templateIds[NotificationKind.PointsChanged] = 'tmpl-points';
      await t.ds.transaction(async (m) => {
        for (const u of [m1, m2]) {
          await notifications.enqueue(m, { userId: u.id, kind: NotificationKind.PointsChanged, title: '积分变动', body: '增加5分', dedupeKey: `test:${u.id}` });
          await notifications.enqueue(m, { userId: u.id, kind: NotificationKind.PointsChanged, title: '积分变动', body: '增加5分', dedupeKey: `test:${u.id}` });
        }
      });
      const [a, b] = await Promise.all([notifications.dispatchDue(), notifications.dispatchDue()]);
      expect(a.sent + b.sent).toBeGreaterThanOrEqual(1);
      const rows = await t.ds.getRepository(NotificationEntity).findBy({ dedupeKey: `test:${m1.id}` });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'sent', channel: 'wechat', attempts: 1 });
      const fallback = await t.ds.getRepository(NotificationEntity).findOneByOrFail({ dedupeKey: `test:${m2.id}` });
      expect(fallback).toMatchObject({ status: 'inbox', channel: 'inbox' });
      expect(t.wechat.sentMessages.filter((s) => s.touser === 'openid-m1')).toHaveLength(1);
      const inbox = await t.http().get('/api/inbox').set(m2.auth).expect(200);
      expect(inbox.body.items.map((n: { title: string }) => n.title)).toContain('积分变动');
      const summary = await t.http().post('/api/inbox/read').set(m2.auth).send({ all: true }).expect(200);
      expect(summary.body).toEqual({ unread: 0 });
    });

    it('reminders are queued for 24 h and 2 h before the service and are not delivered early', async () => {
      const start = Date.now() + 48 * 3600_000;
      const task = await publish({ startAt: new Date(start).toISOString(), endAt: new Date(start + 3600_000).toISOString() });
      const [m] = await createApprovedMembers(t, city.a, 1);
      await claim(m, task.id).expect(201);
      const reminders = await t.ds.getRepository(NotificationEntity).find({ where: { userId: m.id, kind: NotificationKind.TaskReminder }, order: { notBefore: 'ASC' } });
      expect(reminders.map((r) => Math.round((start - r.notBefore.getTime()) / 3600_000))).toEqual([24, 2]);
      await t.app.get(NotificationsService).dispatchDue();
      const still = await t.ds.getRepository(NotificationEntity).countBy({ userId: m.id, kind: NotificationKind.TaskReminder, status: 'pending' });
      expect(still).toBe(2);
      const inbox = await t.http().get('/api/inbox').set(m.auth).expect(200);
      expect(inbox.body.items).toHaveLength(0);
    });
  });

});
