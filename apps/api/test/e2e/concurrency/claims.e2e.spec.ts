/**
 * Members claiming the same task at once, and claiming while others withdraw: never a 5xx, never
 * more claimed than places, one claim per member, and every claimed slot has its reminders.
 */
import { ClaimStatus } from '@sbd/contracts';
import { ClaimEntity } from '../../../src/loop/claims/entities/claim.entity';
import { createConcurrencyWorld, expectNo5xx, together, type ConcurrencyWorld } from './concurrency-world';

describe('should keep a task within its places when many members claim and withdraw at once', () => {
  let w: ConcurrencyWorld;

  beforeAll(async () => {
    w = await createConcurrencyWorld();
  });
  afterAll(() => w.t.close());

  it('40 members claim a 15-place task starting in 3 hours at once: 15 claimed with reminders, 25 waiting', async () => {
    const task = await w.taskStartingIn(3, 15);
    const claims = await w.claimAll(await w.members(40), task.id);
    const claimed = claims.filter((c) => c.status === ClaimStatus.Claimed).map((c) => c.id);
    expect(claimed).toHaveLength(15);
    expect(claims.filter((c) => c.status === ClaimStatus.Waitlisted)).toHaveLength(25);
    await w.countersMatchRows(task.id);
    // Only the 2 h reminder: the 24 h one would be in the past.
    expect(await w.notificationsOf(claimed)).toEqual({ pendingReminders: 15, total: 15 });
  });

  it('30 members claim a task starting in 2 days at once without a waitlist: the rest get a clear 409', async () => {
    const task = await w.taskStartingIn(48, 10, false);
    const members = await w.members(30);
    const results = await together(members.map((m) => () => w.claim(m, task.id)));
    expectNo5xx(results, [409]);
    const ok = results.filter((r) => r.status === 201).map((r) => r.body.id as number);
    expect(ok).toHaveLength(10);
    await w.countersMatchRows(task.id);
    expect(await w.t.ds.getRepository(ClaimEntity).countBy({ taskId: task.id })).toBe(10);
    expect(await w.notificationsOf(ok)).toEqual({ pendingReminders: 20, total: 20 });
  });

  it('20 new claims while 20 claimed members withdraw, all at once: no 5xx and the counter matches the claims', async () => {
    const task = await w.taskStartingIn(6, 20);
    const leaving = await w.members(20);
    const mine = await w.claimAll(leaving, task.id);
    const arriving = await w.members(20);
    const results = await together([
      ...leaving.map((m, i) => () => w.withdraw(m, mine[i].id)),
      ...arriving.map((m) => () => w.claim(m, task.id)),
    ]);
    expectNo5xx(results);
    expect(results.slice(0, 20).map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(results.slice(20).map((r) => r.status)).toEqual(Array(20).fill(201));
    await w.countersMatchRows(task.id);
    const rows = await w.t.ds.getRepository(ClaimEntity).findBy({ taskId: task.id });
    const holding = rows.filter((c) => c.status === ClaimStatus.Claimed);
    // Every arriving member got a place: at once, or promoted from the waitlist as places freed up.
    expect(holding.map((c) => c.memberUserId).sort()).toEqual(arriving.map((m) => m.id).sort());
    expect(await w.notificationsOf(holding.map((c) => c.id))).toMatchObject({ pendingReminders: 20 });
    expect((await w.notificationsOf(mine.map((c) => c.id))).pendingReminders).toBe(0);
  });

  it('a member claiming, withdrawing and claiming again in a burst ends with at most one live claim', async () => {
    const task = await w.taskStartingIn(4, 5);
    const [m] = await w.members(1);
    const [first] = await w.claimAll([m], task.id);
    const results = await together([
      ...Array.from({ length: 10 }, () => () => w.withdraw(m, first.id)),
      ...Array.from({ length: 10 }, () => () => w.claim(m, task.id)),
    ]);
    expectNo5xx(results, [409]);
    const rows = await w.t.ds.getRepository(ClaimEntity).findBy({ taskId: task.id, memberUserId: m.id });
    expect(rows).toHaveLength(1);
    await w.countersMatchRows(task.id);
    const live = rows[0].status === ClaimStatus.Claimed ? 1 : 0;
    expect((await w.notificationsOf([first.id])).pendingReminders).toBe(live);
  });
});
