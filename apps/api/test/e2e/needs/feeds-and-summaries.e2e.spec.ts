/**
 * My needs and a community's list (keyset pages, filters), and the 日汇总、周研判、月总结 reports.
 */
import { ErrorCode, NeedCategory, Role, type NeedDto, type Page } from '@sbd/contracts';
import { toDbDate } from '../../../src/platform/database/sql';
import { buildCity, createUser, type City, type TestUser } from '../../support/factories';
import type { TestApp } from '../../support/test-app';
import { createNeedsWorld, type NeedsWorld } from './needs-world';

describe('should list needs to their posters and staff, and sum them up by day, week and month', () => {
  let t: TestApp;
  let streetAdminA: TestUser;
  let resident: NeedsWorld['resident'];
  let post: NeedsWorld['post'];
  let act: NeedsWorld['act'];

  beforeAll(async () => {
    ({ t, streetAdminA, resident, post, act } = await createNeedsWorld());
  });
  afterAll(() => t.close());

  describe('feeds', () => {
    let city3: City;
    let admin3: TestUser;
    let poster: TestUser;
    const ids: number[] = [];

    beforeAll(async () => {
      city3 = await buildCity(t);
      admin3 = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city3.a.id }] });
      poster = await resident(city3.a.id);
      const categories = [
        NeedCategory.Repair,
        NeedCategory.Elderly,
        NeedCategory.Repair,
        NeedCategory.Policy,
        NeedCategory.Repair,
      ];
      for (const [i, category] of categories.entries()) {
        const n = await post(poster, {
          communityId: city3.a.id,
          buildingId: i % 2 ? undefined : city3.a.buildingId,
          category,
          title: `需求${i}`,
        });
        ids.push(n.id);
      }
      await act(admin3, ids[0], 'accept').expect(200);
    });

    it('pages through my needs newest first by keyset', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: Page<NeedDto> } = await t
          .http()
          .get(`/api/needs/mine?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(poster.auth)
          .expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((n: NeedDto) => n.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...ids].reverse());
    });

    it('lists a community’s needs for its staff, filtered by status, category and building', async () => {
      const all = await t.http().get(`/api/communities/${city3.a.id}/needs?limit=3`).set(admin3.auth).expect(200);
      expect(all.body.items.map((n: NeedDto) => n.id)).toEqual([ids[4], ids[3], ids[2]]);
      expect(all.body.nextCursor).toBe(String(ids[2]));
      const rest = await t
        .http()
        .get(`/api/communities/${city3.a.id}/needs?limit=3&cursor=${all.body.nextCursor}`)
        .set(admin3.auth)
        .expect(200);
      expect(rest.body).toMatchObject({ nextCursor: null });
      expect(rest.body.items.map((n: NeedDto) => n.id)).toEqual([ids[1], ids[0]]);
      const repairs = await t
        .http()
        .get(`/api/communities/${city3.a.id}/needs?category=repair&status=submitted`)
        .set(admin3.auth)
        .expect(200);
      expect(repairs.body.items.map((n: NeedDto) => n.id)).toEqual([ids[4], ids[2]]);
      const building = await t
        .http()
        .get(`/api/communities/${city3.a.id}/needs?buildingId=${city3.a.buildingId}`)
        .set(admin3.auth)
        .expect(200);
      expect(building.body.items.map((n: NeedDto) => n.id)).toEqual([ids[4], ids[2], ids[0]]);
      const street = await t.http().get(`/api/communities/${city3.a.id}/needs`).set(streetAdminA.auth).expect(403);
      expect(street.body.code).toBe(ErrorCode.Forbidden);
    });

    it('refuses bad filters with Chinese messages', async () => {
      const res = await t
        .http()
        .get(`/api/communities/${city3.a.id}/needs?status=done&cursor=x&limit=0`)
        .set(admin3.auth)
        .expect(400);
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          { field: 'status', message: '需求状态的取值不在允许范围内' },
          { field: 'cursor', message: '分页游标无效' },
          { field: 'limit', message: '每页条数不能小于1' },
        ]),
      );
    });
  });

  describe('日汇总、周研判、月总结', () => {
    let city4: City;
    let admin4: TestUser;

    const at = (iso: string) => toDbDate(new Date(iso));

    beforeAll(async () => {
      city4 = await buildCity(t);
      admin4 = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city4.a.id }] });
      const poster = await resident(city4.a.id);
      const make = async (category: NeedCategory, createdAt: string, action?: string) => {
        const n = await post(poster, {
          communityId: city4.a.id,
          buildingId: city4.a.buildingId,
          category,
          title: `${category}${createdAt}`,
        });
        if (action === 'accept') await act(admin4, n.id, 'accept').expect(200);
        if (action === 'reject') await act(admin4, n.id, 'reject', { reason: '不受理' }).expect(200);
        await t.ds.query('UPDATE needs SET created_at = ? WHERE id = ?', [at(createdAt), n.id]);
        return n.id;
      };
      // Wednesday 2025-03-12 in Shanghai: 00:00 is 2025-03-11T16:00Z.
      await make(NeedCategory.Repair, '2025-03-11T16:00:00.000Z'); // day, first instant
      await make(NeedCategory.Repair, '2025-03-12T15:59:59.999Z', 'accept'); // day, last instant
      await make(NeedCategory.Elderly, '2025-03-12T08:00:00.000Z', 'reject'); // day
      await make(NeedCategory.Elderly, '2025-03-11T15:59:59.999Z'); // Tuesday: week, not day
      await make(NeedCategory.Health, '2025-03-09T16:00:00.000Z'); // Monday 00:00: week
      await make(NeedCategory.Health, '2025-03-09T15:59:59.999Z'); // Sunday before: month only
      await make(NeedCategory.Policy, '2025-02-28T16:00:00.000Z'); // 1 March 00:00: month
      await make(NeedCategory.Policy, '2025-02-28T15:59:59.999Z'); // February
    });

    const summary = (q: string) => t.http().get(`/api/communities/${city4.a.id}/needs/summary?${q}`).set(admin4.auth);

    it('counts the day by category and status, in Shanghai time, with GROUP BY', async () => {
      const res = await summary('period=day&date=2025-03-12').expect(200);
      expect(res.body).toMatchObject({
        communityId: city4.a.id,
        period: 'day',
        date: '2025-03-12',
        from: '2025-03-11T16:00:00.000Z',
        to: '2025-03-12T16:00:00.000Z',
        total: 3,
      });
      expect(res.body.byCategory).toMatchObject({ repair: 2, elderly: 1, health: 0, other: 0 });
      expect(Object.keys(res.body.byCategory)).toHaveLength(Object.values(NeedCategory).length);
      expect(res.body.byStatus).toMatchObject({ submitted: 1, accepted: 1, rejected: 1, held: 0 });
    });

    it('counts the week from Monday and the month from the 1st', async () => {
      const week = await summary('period=week&date=2025-03-12').expect(200);
      expect(week.body).toMatchObject({ from: '2025-03-09T16:00:00.000Z', to: '2025-03-16T16:00:00.000Z', total: 5 });
      expect(week.body.byCategory).toMatchObject({ repair: 2, elderly: 2, health: 1 });
      const month = await summary('period=month&date=2025-03-31').expect(200);
      expect(month.body).toMatchObject({ from: '2025-02-28T16:00:00.000Z', to: '2025-03-31T16:00:00.000Z', total: 7 });
      const feb = await summary('period=month&date=2025-02-01').expect(200);
      expect(feb.body.total).toBe(1);
    });

    it('lists needs not accepted within 48 hours, oldest first', async () => {
      const res = await summary('period=day').expect(200);
      expect(res.body.total).toBe(0);
      // Submitted and still waiting: everything but the accepted and the rejected one.
      expect(res.body.overdueCount).toBe(6);
      const first = res.body.overdue[0];
      expect(first).toMatchObject({ title: 'policy2025-02-28T15:59:59.999Z', category: 'policy', status: 'submitted' });
      expect(first.hoursWaiting).toBeGreaterThan(48);
      const times = res.body.overdue.map((o: { createdAt: string }) => o.createdAt);
      expect([...times].sort()).toEqual(times);
    });

    it('refuses a bad period or date', async () => {
      const res = await summary('period=year&date=2025-02-30').expect(400);
      expect(res.body.details).toEqual([{ field: 'period', message: '统计周期只能是 day、week 或 month' }]);
      const bad = await summary('period=day&date=2025-02-30').expect(400);
      expect(bad.body.details).toEqual([{ field: 'date', message: '日期无效' }]);
      const format = await summary('period=day&date=20250301').expect(400);
      expect(format.body.details).toEqual([{ field: 'date', message: '日期格式应为 YYYY-MM-DD' }]);
    });
  });
});
