/**
 * The member's task feed (own community first, keyset paging, forged cursors) and claims racing for the same places.
 */
import { ClaimStatus, Role, type TaskDto } from '@sbd/contracts';
import { ClaimEntity } from '../../../src/loop/claims/entities/claim.entity';
import { aTask, createApprovedMembers, createUser } from '../../support/factories';
import { createServiceLoopWorld, type ServiceLoopWorld } from './service-loop-world';

describe('should page the member feed without gaps and keep simultaneous claims within the places', () => {
  let t: ServiceLoopWorld['t'];
  let city: ServiceLoopWorld['city'];
  let publish: ServiceLoopWorld['publish'];
  let claim: ServiceLoopWorld['claim'];
  let countersMatchRows: ServiceLoopWorld['countersMatchRows'];

  beforeAll(async () => {
    ({ t, city, publish, claim, countersMatchRows } = await createServiceLoopWorld());
  });
  afterAll(() => t.close());

  describe('the member feed', () => {
    it('lists open tasks of the own community first, then the street, paging by keyset without gaps or repeats', async () => {
      // A second community in street A, with its own admin.
      const otherId = await t.ds.transaction(async (m) => {
        const { insertOrgNode } = await import('../../../src/org/org-tree');
        return (
          await insertOrgNode(m, {
            type: 'community' as never,
            name: '丙社区',
            parentId: city.streetA,
            code: `FEED${Date.now() % 100000}`,
          })
        ).id;
      });
      const otherAdmin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: otherId }] });
      const base = Date.now() + 30 * 24 * 3600_000;
      const mine: number[] = [];
      const street: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = new Date(base + i * 3600_000);
        mine.push(
          (
            await publish({
              title: `本社区${i}`,
              startAt: start.toISOString(),
              endAt: new Date(start.getTime() + 1800_000).toISOString(),
            })
          ).id,
        );
        const res = await t
          .http()
          .post('/api/tasks')
          .set(otherAdmin.auth)
          .send(
            aTask(
              { ...city.a, id: otherId },
              {
                title: `街道${i}`,
                startAt: new Date(start.getTime() - 7 * 24 * 3600_000).toISOString(),
                endAt: new Date(start.getTime() - 7 * 24 * 3600_000 + 1800_000).toISOString(),
              },
            ),
          )
          .expect(201);
        street.push(res.body.id);
      }
      const [m] = await createApprovedMembers(t, city.a, 1);
      const seen: TaskDto[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: TaskDto[]; nextCursor: string | null } } = await t
          .http()
          .get(`/api/tasks/feed?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
          .set(m.auth)
          .expect(200);
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
      expect(Math.max(...ours.map((id) => ids.indexOf(id)))).toBeLessThan(
        Math.min(...theirs.map((id) => ids.indexOf(id))),
      );
      const [bMember] = await createApprovedMembers(t, city.b, 1);
      const bFeed = (await t.http().get('/api/tasks/feed?limit=50').set(bMember.auth).expect(200)).body.items.map(
        (x: TaskDto) => x.id,
      );
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
});
