/**
 * Members withdrawing from the same task at once (tasks starting within 24 h have a 2 h reminder
 * but no 24 h one): every withdrawal answers 200, never 500, and the task's counter, the waitlist
 * and the reminders agree with the claims afterwards.
 */
import { ClaimStatus, NotificationKind } from '@sbd/contracts';
import { ClaimEntity } from '../../../src/loop/claims/entities/claim.entity';
import { createConcurrencyWorld, expectNo5xx, together, type ConcurrencyWorld } from './concurrency-world';

describe('should let many members withdraw from one task at once without a server error', () => {
  let w: ConcurrencyWorld;

  beforeAll(async () => {
    w = await createConcurrencyWorld();
  });
  afterAll(() => w.t.close());

  it('50 members of a task starting in 10 hours withdraw at once: all 200, slots and reminders released', async () => {
    const task = await w.taskStartingIn(10, 50);
    const members = await w.members(50);
    const claims = await w.claimAll(members, task.id);
    expect(claims.every((c) => c.status === ClaimStatus.Claimed)).toBe(true);
    expect((await w.notificationsOf(claims.map((c) => c.id))).pendingReminders).toBe(50);

    const results = await together(members.map((m, i) => () => w.withdraw(m, claims[i].id)));
    expectNo5xx(results);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    await w.countersMatchRows(task.id);
    expect(await w.t.ds.getRepository(ClaimEntity).countBy({ taskId: task.id, status: ClaimStatus.Withdrawn })).toBe(
      50,
    );
    expect((await w.notificationsOf(claims.map((c) => c.id))).pendingReminders).toBe(0);
    // The organiser is told once per withdrawal.
    expect(await w.noticesAbout(NotificationKind.ClaimWithdrawn, [task.id])).toEqual([50]);
  });

  it('10 claimed members withdraw at once while 20 wait: the first 10 on the waitlist are promoted', async () => {
    const task = await w.taskStartingIn(5, 10);
    const members = await w.members(30);
    const claims = [...(await w.claimAll(members.slice(0, 10), task.id))];
    claims.push(...(await w.claimAll(members.slice(10), task.id)));
    expect(claims.filter((c) => c.status === ClaimStatus.Waitlisted)).toHaveLength(20);

    const results = await together(members.slice(0, 10).map((m, i) => () => w.withdraw(m, claims[i].id)));
    expectNo5xx(results);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    await w.countersMatchRows(task.id);
    const rows = await w.t.ds.getRepository(ClaimEntity).findBy({ taskId: task.id });
    expect(rows.filter((c) => c.status === ClaimStatus.Claimed)).toHaveLength(10);
    expect(rows.filter((c) => c.status === ClaimStatus.Waitlisted)).toHaveLength(10);
    const promoted = rows.filter((c) => c.status === ClaimStatus.Claimed).map((c) => c.id);
    expect((await w.notificationsOf(promoted)).pendingReminders).toBe(10);
    expect(await w.noticesAbout(NotificationKind.ClaimPromoted, promoted)).toEqual(Array(10).fill(1));
    expect(await w.noticesAbout(NotificationKind.ClaimWithdrawn, [task.id])).toEqual([10]);
  });

  it('a member withdrawing the same claim 20 times at once: one 200, the rest a clear 409', async () => {
    const task = await w.taskStartingIn(3, 5);
    const [m] = await w.members(1);
    const [c] = await w.claimAll([m], task.id);
    const results = await together(Array.from({ length: 20 }, () => () => w.withdraw(m, c.id)));
    expectNo5xx(results, [409]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    await w.countersMatchRows(task.id);
    expect(await w.noticesAbout(NotificationKind.ClaimWithdrawn, [task.id])).toEqual([1]);
  });
});
