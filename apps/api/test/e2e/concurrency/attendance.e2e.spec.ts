/**
 * A whole team at the same service at once: everyone checks in and out together (each tapping
 * twice), two admins verify and rate the same claims at the same moment. Never a 5xx; every claim
 * moves once, earns its points once and gets one rating.
 */
import { ClaimStatus, NotificationKind, PointsReason, Role } from '@sbd/contracts';
import type { Response } from 'supertest';
import { NotificationEntity } from '../../../src/messaging/notifications/entities/notification.entity';
import { ClaimEntity } from '../../../src/loop/claims/entities/claim.entity';
import { RatingEntity } from '../../../src/loop/needs/entities/rating.entity';
import { PointsEntryEntity } from '../../../src/loop/points/entities/points-entry.entity';
import { toDbDate } from '../../../src/platform/database/sql';
import { AT_THE_TASK, createUser, type TestUser } from '../../support/factories';
import { serviceEnds } from '../../support/task-clock';
import { createConcurrencyWorld, expectNo5xx, together, type ConcurrencyWorld } from './concurrency-world';

const TEAM = 25;

describe('should check in, check out, verify and rate a whole team at once without a server error', () => {
  let w: ConcurrencyWorld;
  let secondAdmin: TestUser;
  let team: TestUser[];
  let claimIds: number[];
  let taskId: number;

  beforeAll(async () => {
    w = await createConcurrencyWorld();
    secondAdmin = await createUser(w.t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: w.city.a.id }] });
    // Claimed before it starts, then under way since 90 minutes.
    taskId = (await w.publish({ capacity: TEAM, pointsRule: { perHour: 10, minimum: 5, max: 50 } })).id;
    team = await w.members(TEAM);
    claimIds = (await w.claimAll(team, taskId)).map((c) => c.id);
    await w.startedAgo(taskId, 90);
  });
  afterAll(() => w.t.close());

  /** Each member (or admin) sends the same request twice at once: one moves the claim, the other is refused. */
  async function twice(send: (i: number) => PromiseLike<Response>): Promise<void> {
    const results = await together(claimIds.flatMap((_, i) => [() => send(i), () => send(i)]));
    expectNo5xx(results, [409]);
    for (let i = 0; i < claimIds.length; i++) {
      expect([results[2 * i].status, results[2 * i + 1].status].sort()).toEqual([200, 409]);
    }
  }

  const statuses = async () =>
    (await w.t.ds.getRepository(ClaimEntity).findBy({ taskId })).map((c) => c.status as ClaimStatus);

  it('the team checks in at once, each member tapping twice: every claim checked in once, reminders cancelled', async () => {
    await twice((i) => w.t.http().post(`/api/claims/${claimIds[i]}/check-in`).set(team[i].auth).send(AT_THE_TASK));
    expect(await statuses()).toEqual(Array(TEAM).fill(ClaimStatus.CheckedIn));
    expect((await w.notificationsOf(claimIds)).pendingReminders).toBe(0);
    await w.countersMatchRows(taskId);
  });

  it('the team checks out at once, each member tapping twice: an hour each is credited', async () => {
    await w.t.ds.query('UPDATE claims SET checked_in_at = ? WHERE task_id = ?', [
      toDbDate(new Date(Date.now() - 65 * 60_000)),
      taskId,
    ]);
    await twice((i) => w.t.http().post(`/api/claims/${claimIds[i]}/check-out`).set(team[i].auth).send(AT_THE_TASK));
    expect(await statuses()).toEqual(Array(TEAM).fill(ClaimStatus.CheckedOut));
    const credited = await w.t.ds.getRepository(ClaimEntity).findBy({ taskId });
    expect(credited.map((c) => c.creditHalfHours)).toEqual(Array(TEAM).fill(2));
  });

  it('two admins verify every claim at the same moment: each verified once, points and notice once', async () => {
    await serviceEnds(w.t, taskId); // verification comes only after the service's end
    await twice((i) =>
      w.t
        .http()
        .post(`/api/claims/${claimIds[i]}/verify`)
        .set((i % 2 ? w.adminA : secondAdmin).auth)
        .send({}),
    );
    expect(await statuses()).toEqual(Array(TEAM).fill(ClaimStatus.Verified));
    const points = await w.t.ds.getRepository(PointsEntryEntity).findBy({ reason: PointsReason.ServiceVerified });
    expect(points.filter((p) => claimIds.includes(p.claimId!)).length).toBe(TEAM);
    const notices = await w.t.ds.getRepository(NotificationEntity).findBy({ kind: NotificationKind.ClaimVerified });
    expect(notices).toHaveLength(TEAM);
    await w.countersMatchRows(taskId);
  });

  it('two admins rate every claim at the same moment: one rating and one bonus per claim', async () => {
    const rate = (i: number, admin: TestUser) =>
      w.t.http().post(`/api/claims/${claimIds[i]}/rating`).set(admin.auth).send({ score: 5 });
    const results = await together(claimIds.flatMap((_, i) => [() => rate(i, w.adminA), () => rate(i, secondAdmin)]));
    expectNo5xx(results, [409]);
    for (let i = 0; i < TEAM; i++) {
      expect([results[2 * i].status, results[2 * i + 1].status].sort()).toEqual([200, 409]);
    }
    const ratings = await w.t.ds.getRepository(RatingEntity).findBy({ taskId });
    expect(ratings.map((r) => r.claimId).sort()).toEqual([...claimIds].sort());
    const bonus = await w.t.ds.getRepository(PointsEntryEntity).findBy({ reason: PointsReason.HighRatingBonus });
    expect(bonus.filter((p) => claimIds.includes(p.claimId!)).length).toBe(TEAM);
  });

  it("two admins adjust one member's points 10 times each at once: 20 entries, each answered and notified once", async () => {
    const [member] = team;
    const adjust = (admin: TestUser, i: number) => () =>
      w.t
        .http()
        .post('/api/points/adjustments')
        .set(admin.auth)
        .send({ userId: member.id, communityId: w.city.a.id, delta: i + 1, note: `志愿活动表现突出${i}` });
    const results = await together(
      Array.from({ length: 10 }, (_, i) => [adjust(w.adminA, i), adjust(secondAdmin, i + 10)]).flat(),
    );
    expectNo5xx(results);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    // Each answer is its own entry, with its own delta.
    const ids = results.map((r) => r.body.id as number);
    expect(new Set(ids).size).toBe(20);
    expect(results.map((r) => r.body.delta).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const notices = await w.t.ds
      .getRepository(NotificationEntity)
      .findBy({ kind: NotificationKind.PointsChanged, userId: member.id });
    expect(notices.map((n) => n.payload.entityId).sort()).toEqual([...ids].sort());
  });
});
