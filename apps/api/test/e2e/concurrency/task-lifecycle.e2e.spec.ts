/**
 * The organiser moves a task while its members act on it: cancelling while members withdraw and
 * claim, completing while members check in. Never a 5xx, and every claim ends in exactly one state
 * that agrees with the task's counter, the reminders and the points.
 */
import { ClaimStatus, PointsReason, TaskStatus } from '@sbd/contracts';
import { ClaimEntity } from '../../../src/loop/claims/entities/claim.entity';
import { PointsEntryEntity } from '../../../src/loop/points/entities/points-entry.entity';
import { TaskEntity } from '../../../src/loop/tasks/entities/task.entity';
import { AT_THE_TASK, type TestUser } from '../../support/factories';
import { createConcurrencyWorld, expectNo5xx, together, type ConcurrencyWorld } from './concurrency-world';

describe('should let the organiser move a task while its members act on it, without a server error', () => {
  let w: ConcurrencyWorld;

  beforeAll(async () => {
    w = await createConcurrencyWorld();
  });
  afterAll(() => w.t.close());

  const taskAction = (id: number, action: string, body: object = {}) =>
    w.t.http().post(`/api/tasks/${id}/${action}`).set(w.adminA.auth).send(body);

  it('cancelling a task while 20 members withdraw and 10 claim: every claim ends cancelled or withdrawn', async () => {
    const task = await w.taskStartingIn(8, 25);
    const leaving = await w.members(20);
    const mine = await w.claimAll(leaving, task.id);
    const arriving = await w.members(10);
    const withdraw = (m: TestUser, i: number) => () => w.withdraw(m, mine[i].id);
    const results = await together([
      ...leaving.slice(0, 10).map(withdraw),
      () => taskAction(task.id, 'cancel', { reason: '暴雨预警，活动取消' }),
      ...leaving.slice(10).map((m, i) => withdraw(m, i + 10)),
      ...arriving.map((m) => () => w.claim(m, task.id)),
    ]);
    expectNo5xx(results, [409]);
    expect(results[10].status).toBe(200);
    const rows = await w.t.ds.getRepository(ClaimEntity).findBy({ taskId: task.id });
    expect(rows.every((c) => [ClaimStatus.Cancelled, ClaimStatus.Withdrawn].includes(c.status))).toBe(true);
    const t = await w.t.ds.getRepository(TaskEntity).findOneByOrFail({ id: task.id });
    expect(t).toMatchObject({ status: TaskStatus.Cancelled, claimedCount: 0 });
    expect((await w.notificationsOf(rows.map((c) => c.id))).pendingReminders).toBe(0);
  });

  it('cancelling a full task while 20 members join its waitlist: none is left waiting on a cancelled task', async () => {
    const task = await w.taskStartingIn(8, 5);
    await w.claimAll(await w.members(5), task.id);
    const arriving = await w.members(20);
    const results = await together([
      ...arriving.slice(0, 10).map((m) => () => w.claim(m, task.id)),
      () => taskAction(task.id, 'cancel', { reason: '场地临时征用' }),
      ...arriving.slice(10).map((m) => () => w.claim(m, task.id)),
    ]);
    expectNo5xx(results, [409]);
    expect(results[10].status).toBe(200);
    const rows = await w.t.ds.getRepository(ClaimEntity).findBy({ taskId: task.id });
    expect(rows.filter((c) => c.status !== ClaimStatus.Cancelled)).toEqual([]);
    const t = await w.t.ds.getRepository(TaskEntity).findOneByOrFail({ id: task.id });
    expect(t).toMatchObject({ status: TaskStatus.Cancelled, claimedCount: 0 });
  });

  it('completing a task while 20 members check in: each is checked in or a no-show, penalised once', async () => {
    const task = await w.publish({ capacity: 20 });
    const team = await w.members(20);
    const claims = await w.claimAll(team, task.id);
    await w.startedAgo(task.id, 30);
    await taskAction(task.id, 'start').expect(200);
    const checkIn = (m: TestUser, i: number) => () =>
      w.t.http().post(`/api/claims/${claims[i].id}/check-in`).set(m.auth).send(AT_THE_TASK);
    const results = await together([
      ...team.slice(0, 10).map(checkIn),
      () => taskAction(task.id, 'complete'),
      ...team.slice(10).map((m, i) => checkIn(m, i + 10)),
    ]);
    expectNo5xx(results, [409]);
    expect(results[10].status).toBe(200);
    const rows = await w.t.ds.getRepository(ClaimEntity).findBy({ taskId: task.id });
    const noShows = rows.filter((c) => c.status === ClaimStatus.NoShow).map((c) => c.id);
    expect(rows.filter((c) => c.status === ClaimStatus.CheckedIn).length + noShows.length).toBe(20);
    const penalties = await w.t.ds.getRepository(PointsEntryEntity).findBy({ reason: PointsReason.NoShowPenalty });
    expect(
      penalties
        .filter((p) => claims.some((c) => c.id === p.claimId))
        .map((p) => p.claimId)
        .sort(),
    ).toEqual(noShows.sort());
    await w.countersMatchRows(task.id);
  });
});
