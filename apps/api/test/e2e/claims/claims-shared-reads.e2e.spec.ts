/**
 * A burst of claims reads its task, the members' registrations and the written claims, and settles
 * its waitlisted claims, in shared statements on MySQL (KeyedReads): each member still gets their
 * own answer, as if alone.
 */
import { ClaimStatus, type ClaimDto } from '@sbd/contracts';
import type { QueryRunner } from 'typeorm';
import { ClaimEntity } from '../../../src/loop/claims/entities/claim.entity';
import { ClaimsService } from '../../../src/loop/claims/claims.service';
import { WaitlistService } from '../../../src/loop/claims/waitlist.service';
import { TaskEntity } from '../../../src/loop/tasks/entities/task.entity';
import { PrincipalLoader } from '../../../src/platform/auth/principal-loader';
import { createApprovedMembers, type TestUser } from '../../support/factories';
import { createServiceLoopWorld, type ServiceLoopWorld } from '../tasks/service-loop-world';

const TASK_READ = /FROM `tasks` `TaskEntity`|FROM "tasks" "TaskEntity"/;
const REGISTRATION_READ = /FROM `registrations` `RegistrationEntity`|FROM "registrations" "RegistrationEntity"/;
const STILL_FULL_BUMP = /UPDATE tasks SET updated_at = \? WHERE id = \? AND claimed_count >= capacity/;

/** A task's times `days` from now, so that claims on it do not clash with the other tests' claims. */
const laterThanTheRest = (days: number) => {
  const start = new Date(Date.now() + days * 24 * 3600_000);
  return { startAt: start.toISOString(), endAt: new Date(start.getTime() + 3600_000).toISOString() };
};

describe('a burst of claims reads in shared statements, each member their own answer', () => {
  let w: ServiceLoopWorld;
  let members: TestUser[];
  const statements: string[] = [];
  const onMysql = () => w.t.ds.options.type === 'mysql';

  beforeAll(async () => {
    w = await createServiceLoopWorld();
    members = await createApprovedMembers(w.t, w.city.a, 16);
    // Every statement, whichever way it is sent (repositories and DataSource.query make runners;
    // SQLite hands out the same runner each time, counted once).
    const create = w.t.ds.createQueryRunner.bind(w.t.ds);
    const counting = new WeakSet<QueryRunner>();
    jest.spyOn(w.t.ds, 'createQueryRunner').mockImplementation((mode) => {
      const runner: QueryRunner = create(mode);
      if (counting.has(runner)) return runner;
      counting.add(runner);
      const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
      runner.query = ((sql: string, ...rest: unknown[]) => {
        statements.push(sql);
        return query(sql, ...rest);
      }) as QueryRunner['query'];
      return runner;
    });
  });
  afterAll(() => w.t.close());

  it('should give 16 members claiming a 4-slot task at once 4 places and a waitlist in order, each their own', async () => {
    const task = await w.publish({ title: '合读抢单', capacity: 4, waitlist: true });
    const answers = await Promise.all(members.map((m) => w.claim(m, task.id)));

    expect(answers.map((a) => a.status)).toEqual(members.map(() => 201));
    const claims = answers.map((a) => a.body as ClaimDto);
    // Each answer is the caller's own claim on the task.
    expect(claims.map((c) => c.userId)).toEqual(members.map((m) => m.id));
    expect(claims.every((c) => c.taskId === task.id)).toBe(true);
    expect(new Set(claims.map((c) => c.id)).size).toBe(members.length);
    expect(claims.filter((c) => c.status === ClaimStatus.Claimed)).toHaveLength(4);
    const waiting = claims.filter((c) => c.status === ClaimStatus.Waitlisted);
    expect(waiting.every((c) => Number(c.waitlistPosition) >= 1)).toBe(true);
    // Once the burst is over the places are 1..12, each member's claim read as its owner reads it.
    const places = await Promise.all(
      waiting.map(async (c) => {
        const owner = members.find((m) => m.id === c.userId)!;
        return (await w.t.http().get(`/api/claims/${c.id}`).set(owner.auth).expect(200)).body.waitlistPosition;
      }),
    );
    expect(places.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    await w.countersMatchRows(task.id);
  });

  it('should read the task and the registrations of claims made together in one statement each on MySQL', async () => {
    const task = await w.publish({ title: '合读同批', capacity: 2, waitlist: true, ...laterThanTheRest(50) });
    const principals = await Promise.all(members.map((m) => w.t.app.get(PrincipalLoader).load(m.id)));
    const claims = w.t.app.get(ClaimsService);
    statements.length = 0;
    const results = await Promise.all(principals.map((p) => claims.claim(p!, { taskId: task.id })));
    expect(results.map(([r]) => r.claim.userId)).toEqual(members.map((m) => m.id));
    expect(results.filter(([r]) => r.claim.status === ClaimStatus.Claimed)).toHaveLength(2);
    const count = (re: RegExp) => statements.filter((s) => re.test(s)).length;
    // SQLite runs in-process: nothing to save, each read on its own.
    const expected = onMysql() ? 1 : members.length;
    expect({ task: count(TASK_READ), registration: count(REGISTRATION_READ) }).toEqual({
      task: expected,
      registration: expected,
    });
    await w.countersMatchRows(task.id);
  });

  it('should answer a repeat claim with the same claim, and a claim on a missing task with 404', async () => {
    const task = await w.publish({ title: '合读重复', capacity: 2, ...laterThanTheRest(40) });
    const [first, again, missing] = await Promise.all([
      w.claim(members[0], task.id),
      w.claim(members[0], task.id),
      w.claim(members[1], 987654321),
    ]);
    expect(new Set([first.status, again.status])).toEqual(new Set([200, 201]));
    expect(first.body.id).toBe(again.body.id);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('任务不存在');
  });

  /** A full 1-slot task with a waitlist: members[0] holds the slot, members 1..5 wait (each settled alone). */
  async function fullTaskWithWaitlist(days: number) {
    const task = await w.publish({ title: '合读候补', capacity: 1, waitlist: true, ...laterThanTheRest(days) });
    await w.claim(members[0], task.id).expect(201);
    const waiting: ClaimDto[] = [];
    for (const m of members.slice(1, 6)) waiting.push((await w.claim(m, task.id).expect(201)).body);
    expect(waiting.map((c) => c.status)).toEqual(waiting.map(() => ClaimStatus.Waitlisted));
    const settle = () =>
      Promise.all(
        waiting.map((c) =>
          w.t.app
            .get(WaitlistService)
            .settleUnlockedJoin({ id: c.id, created: true, taskId: task.id, unlockedWaitlist: true }),
        ),
      );
    return { task, waiting, settle };
  }

  it('should settle waitlisted claims on a still-full task that ask together in one statement on MySQL', async () => {
    const { task, settle } = await fullTaskWithWaitlist(60);
    const before = (await w.t.ds.getRepository(TaskEntity).findOneByOrFail({ id: task.id })).updatedAt;
    await new Promise((r) => setTimeout(r, 5));
    statements.length = 0;
    await settle();
    expect(statements.filter((s) => STILL_FULL_BUMP.test(s))).toHaveLength(onMysql() ? 1 : 5);
    // Nothing else to do: no fallback bump, no read of the task.
    expect(statements.filter((s) => /^\s*(UPDATE|SELECT)[\s\S]*\btasks\b/.test(s))).toHaveLength(onMysql() ? 1 : 5);
    // The version moved (the feed's cache sees the new waitlist).
    const after = (await w.t.ds.getRepository(TaskEntity).findOneByOrFail({ id: task.id })).updatedAt;
    expect(after.getTime()).toBeGreaterThan(before.getTime());
    await w.countersMatchRows(task.id);
  });

  it('should give a slot freed meanwhile to the first on the waitlist when those asking together settle', async () => {
    const { task, waiting, settle } = await fullTaskWithWaitlist(70);
    // The slot holder's claim is cancelled and its slot given back, nobody promoted yet.
    await w.t.ds.getRepository(ClaimEntity).update(
      { taskId: task.id, memberUserId: members[0].id },
      {
        status: ClaimStatus.Cancelled,
      },
    );
    await w.t.ds.getRepository(TaskEntity).update({ id: task.id }, { claimedCount: 0 });
    await settle();
    const rows = await w.t.ds.getRepository(ClaimEntity).findBy(waiting.map((c) => ({ id: c.id })));
    const statusOf = new Map(rows.map((c) => [c.id, c.status]));
    // The first to have joined the waitlist holds the slot; the others still wait, in order.
    expect(waiting.map((c) => statusOf.get(c.id))).toEqual([
      ClaimStatus.Claimed,
      ...waiting.slice(1).map(() => ClaimStatus.Waitlisted),
    ]);
    await w.countersMatchRows(task.id);
  });
});
