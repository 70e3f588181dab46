import {
  InviteStatus,
  NotificationKind,
  Role,
  type InviteCandidateDto,
  type TaskDto,
  type TaskRecommendationDto,
} from '@sbd/contracts';
import { NotificationEntity } from '../../src/messaging/notifications/entities/notification.entity';
import { ImpressionsService } from '../../src/loop/tasks/impressions.service';
import { buildCity, aTask, createApprovedMembers, createUser, type City, type TestUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

describe('matching 群众所需 ↔ 党员所能', () => {
  let t: TestApp;
  let city: City;
  let admin: TestUser;
  const legal = () => city.a.positionIds[1]; // 法律援助
  const health = () => city.a.positionIds[7]; // 医疗健康

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
    admin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
  });
  afterAll(() => t.close());

  const day = (d: number, hourCn: number) => {
    const base = new Date();
    base.setUTCHours(hourCn - 8, 0, 0, 0);
    return new Date(base.getTime() + d * 24 * 3600_000);
  };
  const publish = async (o: Record<string, unknown>): Promise<TaskDto> => {
    const start = (o.start as Date) ?? day(2, 9);
    const { start: _s, ...rest } = o;
    return (
      await t
        .http()
        .post('/api/tasks')
        .set(admin.auth)
        .send(
          aTask(city.a, {
            startAt: start.toISOString(),
            endAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
            ...rest,
          }),
        )
        .expect(201)
    ).body;
  };
  const recommend = async (m: TestUser): Promise<TaskRecommendationDto[]> =>
    (await t.http().get('/api/recommendations/tasks?limit=20').set(m.auth).expect(200)).body;

  it('offers a member holding 法律援助岗 the legal-aid task first, with that reason', async () => {
    const [lawyer] = await createApprovedMembers(t, city.a, 1, { positionIds: [legal()] });
    const healthTask = await publish({ title: '义诊', positionIds: [health()] });
    const legalTask = await publish({ title: '法律咨询进社区', positionIds: [legal()] });
    const recs = await recommend(lawyer);
    expect(recs[0].task.id).toBe(legalTask.id);
    expect(recs[0].reasons[0]).toBe('你有法律援助岗');
    const healthRank = recs.findIndex((r) => r.task.id === healthTask.id);
    expect(healthRank === -1 || healthRank > 0).toBe(true);
    expect(recs[0].score).toBeGreaterThan(0);
    expect(recs[0].score).toBeLessThanOrEqual(1);
  });

  it('never offers a task overlapping one the member already holds', async () => {
    const [m] = await createApprovedMembers(t, city.a, 1);
    const held = await publish({ title: '周末巡逻', start: day(3, 9) });
    const overlapping = await publish({ title: '同时段宣讲', start: day(3, 10) });
    const later = await publish({ title: '下午活动', start: day(3, 14) });
    await t.http().post('/api/claims').set(m.auth).send({ taskId: held.id }).expect(201);
    const ids = (await recommend(m)).map((r) => r.task.id);
    expect(ids).not.toContain(held.id);
    expect(ids).not.toContain(overlapping.id);
    expect(ids).toContain(later.id);
  });

  it('never offers a full task', async () => {
    const [m1, m2] = await createApprovedMembers(t, city.a, 2);
    const full = await publish({ title: '只需一人', capacity: 1, start: day(4, 9) });
    await t.http().post('/api/claims').set(m1.auth).send({ taskId: full.id }).expect(201);
    expect((await recommend(m2)).map((r) => r.task.id)).not.toContain(full.id);
  });

  it('never offers a task that became full after it was last recommended (the cache is revalidated)', async () => {
    const [m1, m2] = await createApprovedMembers(t, city.a, 2);
    const task = await publish({ title: '刚好一个名额', capacity: 1, start: day(4, 15) });
    expect((await recommend(m2)).map((r) => r.task.id)).toContain(task.id);
    await t.http().post('/api/claims').set(m1.auth).send({ taskId: task.id }).expect(201);
    expect((await recommend(m2)).map((r) => r.task.id)).not.toContain(task.id);
    // And offered again once the slot is freed.
    const claim = (await t.http().get('/api/claims/mine').set(m1.auth)).body.items.find(
      (c: { taskId: number }) => c.taskId === task.id,
    );
    await t.ds.query('UPDATE tasks SET withdraw_cutoff_minutes = 0 WHERE id = ?', [task.id]);
    await t.http().post(`/api/claims/${claim.id}/withdraw`).set(m1.auth).expect(200);
    expect((await recommend(m2)).map((r) => r.task.id)).toContain(task.id);
  });

  it('never offers a branch-only task to an individual, nor a task of another street', async () => {
    const [m] = await createApprovedMembers(t, city.a, 1);
    const branchTask = await publish({ title: '支部专项', target: 'branches', start: day(5, 9) });
    const [bMember] = await createApprovedMembers(t, city.b, 1);
    expect((await recommend(m)).map((r) => r.task.id)).not.toContain(branchTask.id);
    const bIds = (await recommend(bMember)).map((r) => r.task.id);
    expect(bIds.every((id) => id !== branchTask.id)).toBe(true);
    expect(bIds).toHaveLength(0);
  });

  it('gives reasons about free time, in Chinese', async () => {
    const [m] = await createApprovedMembers(t, city.a, 1);
    await t.ds.query('UPDATE registrations SET free_time = ? WHERE user_id = ?', [
      JSON.stringify([{ weekday: 6, period: 'morning' }]),
      m.id,
    ]);
    const saturday = (() => {
      let d = day(1, 9);
      while ((d.getUTCDay() + (d.getUTCHours() + 8 >= 24 ? 1 : 0)) % 7 !== 6) d = new Date(d.getTime() + 24 * 3600_000);
      return d;
    })();
    const task = await publish({ title: '周六上午的活动', start: saturday });
    const rec = (await recommend(m)).find((r) => r.task.id === task.id)!;
    expect(rec.reasons).toContain('周六上午你有空');
  });

  it('staff see members to invite, excluding those who cannot take the task; invites notify and accept on claim', async () => {
    const [free, busy, lawyer] = await createApprovedMembers(t, city.a, 3);
    await t.ds.query(
      'INSERT INTO registration_positions (registration_id, position_id) SELECT id, ? FROM registrations WHERE user_id = ?',
      [legal(), lawyer.id],
    );
    const [outsider] = await createApprovedMembers(t, city.b, 1);
    const blocker = await publish({ title: '占用时段', start: day(6, 9) });
    await t.http().post('/api/claims').set(busy.auth).send({ taskId: blocker.id }).expect(201);
    const task = await publish({ title: '需要法律援助', positionIds: [legal()], start: day(6, 10) });

    const candidates = (
      await t.http().get(`/api/tasks/${task.id}/invite-candidates?limit=50`).set(admin.auth).expect(200)
    ).body as InviteCandidateDto[];
    const ids = candidates.map((c) => c.userId);
    expect(ids).toContain(free.id);
    expect(ids).not.toContain(busy.id);
    expect(ids).not.toContain(outsider.id);
    // Position holders first (another holder from an earlier test ties with ours).
    const holders = candidates.filter((c) => c.reasons[0] === '该党员有法律援助岗').map((c) => c.userId);
    expect(holders).toContain(lawyer.id);
    expect(
      candidates
        .slice(0, holders.length)
        .map((c) => c.userId)
        .sort(),
    ).toEqual([...holders].sort());

    await t
      .http()
      .post(`/api/tasks/${task.id}/invites`)
      .set(admin.auth)
      .send({ userIds: [busy.id] })
      .expect(400);
    const invites = (
      await t
        .http()
        .post(`/api/tasks/${task.id}/invites`)
        .set(admin.auth)
        .send({ userIds: [lawyer.id, free.id] })
        .expect(201)
    ).body;
    expect(invites.map((i: { status: string }) => i.status)).toEqual([InviteStatus.Pending, InviteStatus.Pending]);
    const told = await t.ds
      .getRepository(NotificationEntity)
      .findOneByOrFail({ userId: lawyer.id, dedupeKey: `invite:${task.id}:${lawyer.id}` });
    expect(told.kind).toBe(NotificationKind.TaskPublished);

    await t.http().post('/api/claims').set(lawyer.auth).send({ taskId: task.id }).expect(201);
    const freeInvite = invites.find((i: { userId: number }) => i.userId === free.id);
    await t.http().post(`/api/invites/${freeInvite.id}/decline`).set(lawyer.auth).expect(403);
    await t.http().post(`/api/invites/${freeInvite.id}/decline`).set(free.auth).expect(200);
    const after = (await t.http().get(`/api/tasks/${task.id}/invites`).set(admin.auth).expect(200)).body;
    expect(Object.fromEntries(after.map((i: { userId: number; status: string }) => [i.userId, i.status]))).toEqual({
      [lawyer.id]: InviteStatus.Accepted,
      [free.id]: InviteStatus.Declined,
    });
    const adminB = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }] });
    await t.http().get(`/api/tasks/${task.id}/invite-candidates`).set(adminB.auth).expect(403);
  });

  it('weights are per community and a weight of 0 removes a factor', async () => {
    const res = await t
      .http()
      .put(`/api/communities/${city.a.id}/matching-weights`)
      .set(admin.auth)
      .send({ weights: { position: 5, urgency: 0 } })
      .expect(200);
    expect(res.body).toMatchObject({ position: 5, urgency: 0, skill: 1.5 });
    await t
      .http()
      .put(`/api/communities/${city.a.id}/matching-weights`)
      .set(admin.auth)
      .send({ weights: { position: -1 } })
      .expect(400);
    const adminB = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }] });
    await t
      .http()
      .put(`/api/communities/${city.a.id}/matching-weights`)
      .set(adminB.auth)
      .send({ weights: { position: 1 } })
      .expect(403);
  });

  it('measures acceptance of recommended tasks against the plain feed, and time to full', async () => {
    const [m1, m2] = await createApprovedMembers(t, city.a, 2);
    const task = await publish({ title: '统计用任务', capacity: 1, start: day(8, 15) });
    await recommend(m1); // m1 sees it recommended
    await t.http().get('/api/tasks/feed').set(m2.auth).expect(200); // m2 sees it in the feed
    await t.http().post('/api/claims').set(m1.auth).send({ taskId: task.id }).expect(201);
    const stats = (await t.http().get(`/api/communities/${city.a.id}/recommendation-stats`).set(admin.auth).expect(200))
      .body;
    expect(stats.recommended.claims).toBeGreaterThanOrEqual(1);
    expect(stats.recommended.impressions).toBeGreaterThanOrEqual(stats.recommended.claims);
    expect(stats.feed.impressions).toBeGreaterThanOrEqual(1);
    expect(stats.tasksFilled).toBeGreaterThanOrEqual(1);
    expect(stats.medianHoursToFull).not.toBeNull();
    // Seeing the same task again the same day does not add an impression.
    const impressions = t.app.get(ImpressionsService);
    await impressions.flush();
    const before = (await t.ds.query('SELECT COUNT(*) AS n FROM rec_impressions WHERE user_id = ?', [m2.id]))[0].n;
    expect(Number(before)).toBeGreaterThan(0);
    await t.http().get('/api/tasks/feed').set(m2.auth).expect(200);
    await impressions.flush();
    const after = (await t.ds.query('SELECT COUNT(*) AS n FROM rec_impressions WHERE user_id = ?', [m2.id]))[0].n;
    expect(Number(after)).toBe(Number(before));
  });
});
