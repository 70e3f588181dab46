/**
 * 服务核验: GET /api/communities/:id/claims lists the claims on a community's tasks for its staff
 * (and staff above), filtered by task, status and period, paged newest first, scoped like the API.
 */
import { ClaimStatus, Role, type ClaimDto, type Page } from '@sbd/contracts';
import { chinaDateTime } from '@sbd/domain';
import { createUser, type TestUser } from '../../support/factories';
import { createLoopWorld, type LoopWorld } from '../../support/loop-world';

describe('the community claims list (服务核验)', () => {
  let w: LoopWorld;
  let adminB: TestUser;
  let streetA: TestUser;
  let done: ClaimDto[];
  let verified: ClaimDto;

  const list = (u: TestUser, communityId: number, query: Record<string, unknown> = {}) =>
    w.t.http().get(`/api/communities/${communityId}/claims`).query(query).set(u.auth);

  beforeAll(async () => {
    w = await createLoopWorld();
    adminB = await createUser(w.t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: w.city.b.id }] });
    streetA = await createUser(w.t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: w.city.streetA }] });
    done = [(await w.claimIn('checked_out')).claim, (await w.claimIn('checked_out')).claim];
    verified = (await w.claimIn('verified')).claim;
  });
  afterAll(() => w.t.close());

  it('lists the checked-out claims awaiting verification, newest first, with their hours', async () => {
    const page = (await list(w.admin, w.city.a.id, { status: ClaimStatus.CheckedOut }).expect(200))
      .body as Page<ClaimDto>;
    expect(page.items.map((c) => c.id)).toEqual([done[1].id, done[0].id]);
    expect(page.items.every((c) => c.status === ClaimStatus.CheckedOut && c.creditedHours !== null)).toBe(true);
    expect(page.items[0].allowedActions).toEqual(expect.arrayContaining(['verify', 'reject']));
  });

  it('filters by task and pages with a cursor', async () => {
    const byTask = (await list(w.admin, w.city.a.id, { taskId: verified.taskId }).expect(200)).body;
    expect(byTask.items.map((c: ClaimDto) => c.id)).toEqual([verified.id]);

    const first = (await list(w.admin, w.city.a.id, { limit: 2 }).expect(200)).body as Page<ClaimDto>;
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const rest = (await list(w.admin, w.city.a.id, { limit: 2, cursor: first.nextCursor }).expect(200)).body;
    const ids = [...first.items, ...rest.items].map((c: ClaimDto) => c.id);
    expect(ids).toEqual(expect.arrayContaining([verified.id, done[0].id, done[1].id]));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('filters by the day the service started (China time), the end day included', async () => {
    const day = chinaDateTime(new Date(done[0].taskStartAt)).slice(0, 10);
    const same = (await list(w.admin, w.city.a.id, { from: day, to: day }).expect(200)).body;
    expect(same.items.map((c: ClaimDto) => c.id)).toEqual(expect.arrayContaining([done[0].id, done[1].id]));
    const later = (await list(w.admin, w.city.a.id, { from: '2999-01-01' }).expect(200)).body;
    expect(later.items).toEqual([]);
    const earlier = (await list(w.admin, w.city.a.id, { to: '2000-01-01' }).expect(200)).body;
    expect(earlier.items).toEqual([]);
  });

  it('is scoped: the street above may read, another community and members may not', async () => {
    const street = (await list(streetA, w.city.a.id).expect(200)).body;
    expect(street.items.length).toBeGreaterThanOrEqual(3);
    expect((await list(adminB, w.city.b.id).expect(200)).body.items).toEqual([]);
    await list(adminB, w.city.a.id).expect(403);
    await list(w.memberA, w.city.a.id).expect(403);
  });

  it('answers bad filters with a field-level 400', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ taskId: 'x' }, 'taskId'],
      [{ taskId: 0 }, 'taskId'],
      [{ from: '2030-02-30' }, 'from'],
      [{ to: 'yesterday' }, 'to'],
      [{ status: 'done' }, 'status'],
    ];
    for (const [query, field] of cases) {
      const res = await list(w.admin, w.city.a.id, query).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });
});
