import { ClaimStatus, Role, TaskKind, type ClaimDto, type Page, type TaskDto } from '@sbd/contracts';
import { toDbDate } from '../../src/platform/database/sql';
import { insertOrgNode } from '../../src/org/org-tree';
import { feedSql, type FeedFilters } from '../../src/loop/tasks/feed-page';
import {
  buildCity,
  aTask,
  createApprovedMembers,
  createUser,
  type City,
  type CommunityFixture,
  type TestUser,
} from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

type Http = TestApp['http'];

/** Every page of a member's feed for these filters: the items and the cursors in between. */
async function walk(
  http: Http,
  member: TestUser,
  filters: Record<string, string | number>,
  limit: number,
): Promise<{ items: TaskDto[]; cursors: string[] }> {
  const items: TaskDto[] = [];
  const cursors: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    const query = new URLSearchParams({
      ...Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)])),
      limit: String(limit),
    });
    if (cursor) query.set('cursor', cursor);
    const page = (await http().get(`/api/tasks/feed?${query}`).set(member.auth).expect(200)).body as Page<TaskDto>;
    items.push(...page.items);
    if (!page.nextCursor) return { items, cursors };
    cursor = page.nextCursor;
    cursors.push(cursor);
  }
  throw new Error('the feed did not end');
}

describe('the member feed: cached per street, never out of date', () => {
  let t: TestApp;
  let city: City;
  let adminA: TestUser;
  let neighbour: CommunityFixture;
  let adminNeighbour: TestUser;
  /** A second API process with its own cache. */
  let other: Http;
  /** A second API process that never caches: the feed straight from SQL. */
  let uncached: Http;

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
    adminA = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    const neighbourId = await t.ds.transaction(
      async (m) =>
        (
          await insertOrgNode(m, {
            type: 'community' as never,
            name: '邻社区',
            parentId: city.streetA,
            code: `NB${Date.now() % 100000}`,
          })
        ).id,
    );
    neighbour = { ...city.a, id: neighbourId, positionIds: [] };
    adminNeighbour = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: neighbourId }] });
    other = (await t.sibling()).http;
    uncached = (await t.sibling({ FEED_CACHE_MAX_TASKS: '0' })).http;
  });
  afterAll(() => t.close());

  const publish = async (
    admin: TestUser,
    community: CommunityFixture,
    overrides: Record<string, unknown> = {},
  ): Promise<TaskDto> =>
    (await t.http().post('/api/tasks').set(admin.auth).send(aTask(community, overrides)).expect(201)).body;
  const feedOf = async (http: Http, member: TestUser): Promise<TaskDto[]> =>
    ((await http().get('/api/tasks/feed?limit=50').set(member.auth).expect(200)).body as Page<TaskDto>).items;
  const inFeed = async (http: Http, member: TestUser, taskId: number): Promise<TaskDto | undefined> =>
    (await feedOf(http, member)).find((x) => x.id === taskId);

  it('gives the same pages, cursors and items as the SQL definition, for every filter and page size', async () => {
    // A street of two communities: tasks of every kind, shared start times, positions, drafts,
    // cancelled, completed and already ended tasks.
    const base = Date.now() + 40 * 24 * 3600_000;
    const kinds = [TaskKind.Micro, TaskKind.Project, TaskKind.Activity, TaskKind.Emergency];
    const made: TaskDto[] = [];
    for (let i = 0; i < 28; i++) {
      const ours = i % 3 !== 0;
      const start = new Date(base + ((i * 7) % 6) * 3600_000);
      const positions =
        ours && i % 4 === 1 ? { positionIds: city.a.positionIds.slice(0, 1 + (i % city.a.positionIds.length)) } : {};
      made.push(
        await publish(ours ? adminA : adminNeighbour, ours ? city.a : neighbour, {
          title: `任务${i}`,
          kind: kinds[(i * 5 + Math.floor(i / 4)) % 4],
          startAt: start.toISOString(),
          endAt: new Date(start.getTime() + 3600_000).toISOString(),
          publish: i % 9 !== 4,
          ...positions,
        }),
      );
    }
    const ofA = made.filter((x) => x.communityId === city.a.id && x.status === 'published');
    await t.http().post(`/api/tasks/${ofA[0].id}/cancel`).set(adminA.auth).send({ reason: '天气原因' }).expect(200);
    await t.http().post(`/api/tasks/${ofA[1].id}/start`).set(adminA.auth).expect(200);
    await t.http().post(`/api/tasks/${ofA[1].id}/complete`).set(adminA.auth).expect(200);
    await t.http().post(`/api/tasks/${ofA[2].id}/start`).set(adminA.auth).expect(200);
    // One task already over (a change to a task always moves updated_at, as the API does).
    const past = new Date(Date.now() - 3600_000);
    await t.ds.query('UPDATE tasks SET starts_at = ?, ends_at = ?, updated_at = ? WHERE id = ?', [
      toDbDate(new Date(past.getTime() - 3600_000)),
      toDbDate(past),
      toDbDate(new Date()),
      ofA[3].id,
    ]);
    const [member] = await createApprovedMembers(t, city.a, 1);
    const [neighbourMember] = await createApprovedMembers(t, neighbour, 1);
    await t.http().post('/api/claims').set(member.auth).send({ taskId: ofA[4].id }).expect(201);

    const filterSets: Record<string, string | number>[] = [
      {},
      { kind: TaskKind.Micro },
      { kind: TaskKind.Activity },
      { positionId: city.a.positionIds[0] },
      { from: new Date(base + 2 * 3600_000).toISOString() },
      { to: new Date(base + 3 * 3600_000).toISOString() },
      {
        from: new Date(base + 3600_000).toISOString(),
        to: new Date(base + 5 * 3600_000).toISOString(),
        kind: TaskKind.Project,
      },
    ];
    let compared = 0;
    for (const who of [member, neighbourMember]) {
      const home = { communityId: who === member ? city.a.id : neighbour.id, streetId: city.streetA };
      for (const filters of filterSets) {
        for (const limit of [1, 3, 7, 50]) {
          const cached = await walk(t.http, who, filters, limit);
          const plain = await walk(uncached, who, filters, limit);
          expect(cached).toEqual(plain);
          // The SQL definition, run directly, lists the same tasks in the same order.
          const { sql, params } = feedSql(home, filters as FeedFilters, new Date(), 500);
          const rows = (await t.ds.query(sql, params)) as { id: number }[];
          expect(cached.items.map((x) => x.id)).toEqual(rows.map((r) => Number(r.id)));
          compared += cached.items.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
    const all = await walk(t.http, member, {}, 50);
    expect(all.items.some((x) => x.communityId === neighbour.id)).toBe(true);
    expect(all.items.some((x) => x.positions.length > 0)).toBe(true);
    expect(all.items.find((x) => x.id === ofA[4].id)?.myClaim?.status).toBe(ClaimStatus.Claimed);
    for (const gone of [ofA[0].id, ofA[1].id, ofA[3].id]) expect(all.items.some((x) => x.id === gone)).toBe(false);
  });

  it('shows every change at once, made through whichever API process', async () => {
    const start = new Date(Date.now() + 3 * 24 * 3600_000);
    const task = await publish(adminA, city.a, {
      capacity: 1,
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 3600_000).toISOString(),
    });
    const [viewer, holder, waiter] = await createApprovedMembers(t, city.a, 3);
    // Both processes have the street cached.
    expect(await inFeed(other, viewer, task.id)).toMatchObject({ claimedCount: 0, waitlistCount: 0, myClaim: null });
    expect(await inFeed(t.http, viewer, task.id)).toMatchObject({ claimedCount: 0 });

    const held = (await t.http().post('/api/claims').set(holder.auth).send({ taskId: task.id }).expect(201))
      .body as ClaimDto;
    expect(await inFeed(other, viewer, task.id)).toMatchObject({ claimedCount: 1, waitlistCount: 0 });
    const waiting = (await t.http().post('/api/claims').set(waiter.auth).send({ taskId: task.id }).expect(201))
      .body as ClaimDto;
    expect(await inFeed(other, viewer, task.id)).toMatchObject({ claimedCount: 1, waitlistCount: 1 });
    // The member's own claim in the feed is the claim as its own page shows it.
    const ownView = (await t.http().get(`/api/claims/${waiting.id}`).set(waiter.auth).expect(200)).body as ClaimDto;
    expect((await inFeed(other, waiter, task.id))?.myClaim).toEqual(ownView);
    expect(ownView).toMatchObject({ status: ClaimStatus.Waitlisted, waitlistPosition: 1 });

    await other().post(`/api/claims/${held.id}/withdraw`).set(holder.auth).expect(200);
    expect(await inFeed(t.http, viewer, task.id)).toMatchObject({ claimedCount: 1, waitlistCount: 0 });
    const promoted = (await inFeed(t.http, waiter, task.id))?.myClaim;
    expect(promoted).toEqual((await other().get(`/api/claims/${waiting.id}`).set(waiter.auth).expect(200)).body);
    expect(promoted?.status).toBe(ClaimStatus.Claimed);
    expect((await inFeed(t.http, holder, task.id))?.myClaim?.status).toBe(ClaimStatus.Withdrawn);

    const fresh = await publish(adminA, city.a, { title: '新发布的任务' });
    expect(await inFeed(other, viewer, fresh.id)).toMatchObject({ title: '新发布的任务' });
    await t.http().post(`/api/tasks/${task.id}/cancel`).set(adminA.auth).send({ reason: '场地取消' }).expect(200);
    expect(await inFeed(other, viewer, task.id)).toBeUndefined();
    expect(await inFeed(t.http, viewer, task.id)).toBeUndefined();
  });

  it('should not show a member of street B the tasks of street A, nor anyone else’s claim', async () => {
    const task = await publish(adminA, city.a);
    const [a1, a2] = await createApprovedMembers(t, city.a, 2);
    const [b1] = await createApprovedMembers(t, city.b, 1);
    await t.http().post('/api/claims').set(a1.auth).send({ taskId: task.id }).expect(201);
    expect((await inFeed(t.http, a1, task.id))?.myClaim?.userId).toBe(a1.id);
    expect((await inFeed(t.http, a2, task.id))?.myClaim).toBeNull();
    expect(await inFeed(t.http, b1, task.id)).toBeUndefined();
  });

  it('is refused to an account whose registration is not approved', async () => {
    const stranger = await createUser(t, {});
    const res = await t.http().get('/api/tasks/feed').set(stranger.auth).expect(403);
    expect(res.body.message).toBe('报到审核通过后才能查看任务');
  });
});
