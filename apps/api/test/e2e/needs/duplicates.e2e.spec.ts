/**
 * Duplicate suggestions while posting, "同一件事 +1" from neighbours, and merging a duplicate into
 * the need it repeats.
 */
import {
  ErrorCode,
  NeedCategory,
  NeedStatus,
  NotificationKind,
  OrgNodeType,
  Role,
  type NeedDto,
  type NeedDuplicateSuggestionDto,
} from '@sbd/contracts';
import { NeedPlusOneEntity } from '../../../src/loop/needs/entities/need-plus-one.entity';
import { NeedEntity } from '../../../src/loop/needs/entities/need.entity';
import { insertOrgNode } from '../../../src/org/org-tree';
import { toDbDate } from '../../../src/platform/database/sql';
import { buildCity, createUser, type City, type TestUser } from '../../support/factories';
import type { TestApp } from '../../support/test-app';
import { createNeedsWorld, type NeedsWorld } from './needs-world';

describe('should suggest duplicates, count "同一件事 +1" once per person, and merge', () => {
  let t: TestApp;
  let alice: TestUser;
  let residentB: TestUser;
  let resident: NeedsWorld['resident'];
  let post: NeedsWorld['post'];
  let act: NeedsWorld['act'];
  let notificationsOf: NeedsWorld['notificationsOf'];

  beforeAll(async () => {
    ({ t, alice, residentB, resident, post, act, notificationsOf } = await createNeedsWorld());
  });
  afterAll(() => t.close());

  describe('duplicates and "同一件事 +1"', () => {
    let city2: City;
    let admin2: TestUser;
    let poster: TestUser;
    let neighbour: TestUser;
    let original: NeedDto;
    let nearBuilding: number;
    let farBuilding: number;

    beforeAll(async () => {
      // A community of its own, so the suggestions are exactly what these tests posted.
      city2 = await buildCity(t);
      admin2 = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city2.a.id }] });
      poster = await resident(city2.a.id, { name: '赵大妈' });
      neighbour = await resident(city2.a.id);
      const ids = await t.ds.transaction(async (m) => {
        const near = await insertOrgNode(m, {
          type: OrgNodeType.Building,
          name: '甲社区2号楼',
          parentId: city2.a.gridId,
        });
        const grid2 = await insertOrgNode(m, { type: OrgNodeType.Grid, name: '甲社区二网格', parentId: city2.a.id });
        const far = await insertOrgNode(m, { type: OrgNodeType.Building, name: '甲社区9号楼', parentId: grid2.id });
        return { near: near.id, far: far.id };
      });
      nearBuilding = ids.near;
      farBuilding = ids.far;
      original = await post(poster, {
        communityId: city2.a.id,
        buildingId: city2.a.buildingId,
        title: '3号楼楼道灯坏了',
      });
    });

    const check = (u: TestUser, overrides: object = {}) =>
      t
        .http()
        .post('/api/needs/duplicates')
        .set(u.auth)
        .send({
          communityId: city2.a.id,
          category: NeedCategory.Repair,
          title: '三号楼的楼道灯坏了',
          buildingId: city2.a.buildingId,
          ...overrides,
        });

    it('suggests an open need of the same community and category that reads alike, with no personal data', async () => {
      const res = await check(neighbour).expect(200);
      expect(res.body).toHaveLength(1);
      const s = res.body[0] as NeedDuplicateSuggestionDto;
      expect(Object.keys(s).sort()).toEqual([
        'buildingName',
        'category',
        'createdAt',
        'id',
        'plusOneCount',
        'similarity',
        'status',
        'title',
      ]);
      expect(s).toMatchObject({
        id: original.id,
        title: '3号楼楼道灯坏了',
        buildingName: '甲社区1号楼',
        status: NeedStatus.Submitted,
        plusOneCount: 0,
      });
      expect(s.similarity).toBeGreaterThanOrEqual(0.35);
      expect(JSON.stringify(res.body)).not.toContain('赵大妈');
    });

    it('counts a building of the same grid as nearby, not one of another grid', async () => {
      expect((await check(neighbour, { buildingId: nearBuilding }).expect(200)).body).toHaveLength(1);
      expect((await check(neighbour, { buildingId: farBuilding }).expect(200)).body).toHaveLength(0);
    });

    it('suggests nothing for another category, unlike text, or another community', async () => {
      expect((await check(neighbour, { category: NeedCategory.Elderly }).expect(200)).body).toHaveLength(0);
      expect((await check(neighbour, { title: '想报名社区书法班' }).expect(200)).body).toHaveLength(0);
      const other = await resident(city2.b.id);
      const res = await t
        .http()
        .post('/api/needs/duplicates')
        .set(other.auth)
        .send({ communityId: city2.b.id, category: NeedCategory.Repair, title: '三号楼的楼道灯坏了' })
        .expect(200);
      expect(res.body).toHaveLength(0);
    });

    it('never suggests held needs, nor needs older than the window', async () => {
      const held = await post(await resident(city2.a.id, { wechat: false }), {
        communityId: city2.a.id,
        buildingId: city2.a.buildingId,
        category: NeedCategory.Environment,
        title: '垃圾桶满了没人清',
      });
      expect(held.status).toBe(NeedStatus.Held);
      const old = await post(poster, {
        communityId: city2.a.id,
        buildingId: city2.a.buildingId,
        category: NeedCategory.Environment,
        title: '垃圾桶满了没人清理',
      });
      await t.ds.query('UPDATE needs SET created_at = ? WHERE id = ?', [
        toDbDate(new Date(Date.now() - 20 * 86_400_000)),
        old.id,
      ]);
      const res = await check(neighbour, { category: NeedCategory.Environment, title: '垃圾桶满了' }).expect(200);
      expect(res.body).toEqual([]);
    });

    it('refuses residents of other communities, and bad input', async () => {
      await check(residentB).expect(403);
      const res = await check(neighbour, { title: '' }).expect(400);
      expect(res.body.details).toContainEqual({ field: 'title', message: '请填写需求标题' });
    });

    it('counts a "+1" once per person, also when repeated at once', async () => {
      const target = await post(poster, {
        communityId: city2.a.id,
        buildingId: city2.a.buildingId,
        category: NeedCategory.Safety,
        title: '小区门禁坏了',
      });
      const first = await act(neighbour, target.id, 'plus-one').expect(200);
      expect(first.body).toEqual({ needId: target.id, plusOneCount: 1, added: true });
      const again = await act(neighbour, target.id, 'plus-one').expect(200);
      expect(again.body).toEqual({ needId: target.id, plusOneCount: 1, added: false });
      const others = await Promise.all([1, 2, 3].map(() => resident(city2.a.id)));
      const burst = await Promise.all([...others, others[0], others[0]].map((u) => act(u, target.id, 'plus-one')));
      expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      const row = await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: target.id });
      expect(row.plusCount).toBe(4);
      expect(await t.ds.getRepository(NeedPlusOneEntity).countBy({ needId: target.id })).toBe(4);
      const suggestion = (await check(neighbour, { category: NeedCategory.Safety, title: '小区门禁坏了' }).expect(200))
        .body[0];
      expect(suggestion.plusOneCount).toBe(4);
    });

    it('refuses a "+1" from the poster, from another community, and on a closed need', async () => {
      const target = await post(poster, {
        communityId: city2.a.id,
        buildingId: city2.a.buildingId,
        category: NeedCategory.Health,
        title: '想请医生来社区义诊',
      });
      const own = await act(poster, target.id, 'plus-one').expect(409);
      expect(own.body.message).toBe('这是您自己提交的需求，无需 +1');
      await act(residentB, target.id, 'plus-one').expect(403);
      await act(poster, target.id, 'withdraw').expect(200);
      const closed = await act(neighbour, target.id, 'plus-one').expect(409);
      expect(closed.body).toMatchObject({ code: ErrorCode.IllegalTransition, message: '需求已撤回，不能 +1' });
      expect(await t.ds.getRepository(NeedPlusOneEntity).countBy({ needId: target.id })).toBe(0);
    });

    it('merges a duplicate: its requester and its "+1"s count toward the target, once each', async () => {
      const target = await post(poster, {
        communityId: city2.a.id,
        buildingId: city2.a.buildingId,
        category: NeedCategory.Culture,
        title: '希望组织广场舞比赛',
      });
      const other = await resident(city2.a.id);
      const dup = await post(other, {
        communityId: city2.a.id,
        buildingId: city2.a.buildingId,
        category: NeedCategory.Culture,
        title: '组织一次广场舞比赛吧',
      });
      const both = await resident(city2.a.id);
      await act(neighbour, dup.id, 'plus-one').expect(200);
      await act(both, dup.id, 'plus-one').expect(200);
      await act(both, target.id, 'plus-one').expect(200);
      await act(poster, dup.id, 'plus-one').expect(200); // the target's own poster backs the duplicate
      const res = await act(admin2, dup.id, 'merge', { targetNeedId: target.id }).expect(200);
      expect(res.body).toMatchObject({ status: NeedStatus.Merged, mergedIntoId: target.id });
      const row = await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: target.id });
      // both (already counted) + neighbour + the duplicate's requester; the target's poster never counts.
      expect(row.plusCount).toBe(3);
      const backers = (await t.ds.getRepository(NeedPlusOneEntity).findBy({ needId: target.id }))
        .map((x) => x.userId)
        .sort((a, b) => a - b);
      expect(backers).toEqual([neighbour.id, other.id, both.id].sort((a, b) => a - b));
      expect(await notificationsOf(other.id, NotificationKind.NeedMerged)).toHaveLength(1);
    });

    it('refuses to merge into itself, into another community’s need, or into a closed need', async () => {
      const a = await post(poster, {
        communityId: city2.a.id,
        buildingId: city2.a.buildingId,
        category: NeedCategory.Legal,
        title: '咨询房屋继承问题',
      });
      const self = await act(admin2, a.id, 'merge', { targetNeedId: a.id }).expect(400);
      expect(self.body.details).toEqual([{ field: 'targetNeedId', message: '不能合并到需求自身' }]);
      const foreign = await post(alice);
      const cross = await act(admin2, a.id, 'merge', { targetNeedId: foreign.id }).expect(400);
      expect(cross.body.details[0].field).toBe('targetNeedId');
      const closed = await post(poster, {
        communityId: city2.a.id,
        buildingId: city2.a.buildingId,
        category: NeedCategory.Legal,
        title: '咨询房屋继承',
      });
      await act(admin2, closed.id, 'reject', { reason: '已线下解答' }).expect(200);
      const res = await act(admin2, a.id, 'merge', { targetNeedId: closed.id }).expect(409);
      expect(res.body).toMatchObject({
        code: ErrorCode.IllegalTransition,
        message: '目标需求未受理，不能合并到该需求',
      });
      const missing = await act(admin2, a.id, 'merge', {}).expect(400);
      expect(missing.body.details).toContainEqual({ field: 'targetNeedId', message: '请选择要合并到的需求' });
      expect((await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: a.id })).status).toBe(NeedStatus.Submitted);
    });
  });
});
