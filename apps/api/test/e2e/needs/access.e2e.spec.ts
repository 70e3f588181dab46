/**
 * Who may read, list, summarise, decide on and rate needs: community scope and roles.
 */
import { ErrorCode, NeedStatus, type NeedDto } from '@sbd/contracts';
import { RatingEntity } from '../../../src/loop/needs/entities/rating.entity';
import { NeedEntity } from '../../../src/loop/needs/entities/need.entity';
import { type City, type TestUser } from '../../support/factories';
import type { TestApp } from '../../support/test-app';
import { createNeedsWorld, type NeedsWorld } from './needs-world';

describe('should not let anyone outside a need’s community, or without the role, read or decide on it', () => {
  let t: TestApp;
  let city: City;
  let adminA: TestUser;
  let adminB: TestUser;
  let streetAdminA: TestUser;
  let streetAdminB: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let memberA: TestUser;
  let residentB: TestUser;
  let body: NeedsWorld['body'];
  let post: NeedsWorld['post'];
  let act: NeedsWorld['act'];
  let linkTask: NeedsWorld['linkTask'];

  beforeAll(async () => {
    ({
      t,
      city,
      adminA,
      adminB,
      streetAdminA,
      streetAdminB,
      alice,
      bob,
      memberA,
      residentB,
      body,
      post,
      act,
      linkTask,
    } = await createNeedsWorld());
  });
  afterAll(() => t.close());

  describe('authorization', () => {
    let need: NeedDto;

    beforeAll(async () => {
      need = await post(alice);
      await linkTask(need.id);
    });

    it('should not let a resident rate a need they did not post', async () => {
      await act(adminA, need.id, 'accept').expect(200);
      await act(adminA, need.id, 'fulfil').expect(200);
      const res = await act(bob, need.id, 'rate', { score: 1, resolved: true }).expect(403);
      expect(res.body).toMatchObject({ code: ErrorCode.Forbidden, message: '只能评价自己提出的需求' });
      await act(adminA, need.id, 'rate', { score: 5, resolved: true }).expect(403);
      expect(await t.ds.getRepository(RatingEntity).countBy({ needId: need.id })).toBe(0);
    });

    it('should not let a community admin of B read, list, summarise or decide on A’s needs', async () => {
      const open = await post(alice);
      await t.http().get(`/api/needs/${open.id}`).set(adminB.auth).expect(403);
      await t.http().get(`/api/communities/${city.a.id}/needs`).set(adminB.auth).expect(403);
      await t.http().get(`/api/communities/${city.a.id}/needs/summary?period=day`).set(adminB.auth).expect(403);
      for (const [action, payload] of [
        ['accept', {}],
        ['reject', { reason: '不是本社区' }],
        ['merge', { targetNeedId: need.id }],
        ['fulfil', {}],
        ['release', {}],
        ['withdraw', {}],
      ] as const) {
        const res = await act(adminB, open.id, action, payload).expect(403);
        expect(res.body.code).toBe(ErrorCode.Forbidden);
      }
      const needB = await post(residentB, { communityId: city.b.id, buildingId: city.b.buildingId });
      const cross = await act(adminB, needB.id, 'merge', { targetNeedId: open.id }).expect(400);
      expect(cross.body.details[0].field).toBe('targetNeedId');
      expect((await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: open.id })).status).toBe(NeedStatus.Submitted);
    });

    it('should not let a resident read another resident’s need, nor the community’s list', async () => {
      const res = await t.http().get(`/api/needs/${need.id}`).set(bob.auth).expect(403);
      expect(res.body.message).toBe('无权查看该需求');
      await t.http().get(`/api/needs/${need.id}`).set(memberA.auth).expect(403);
      await t.http().get(`/api/communities/${city.a.id}/needs`).set(bob.auth).expect(403);
      await t.http().get(`/api/communities/${city.a.id}/needs/summary?period=week`).set(bob.auth).expect(403);
      const mine = await t.http().get('/api/needs/mine?limit=100').set(bob.auth).expect(200);
      expect(mine.body.items.every((n: NeedDto) => n.createdByUserId === bob.id)).toBe(true);
      await t.http().get(`/api/needs/${need.id}`).set(alice.auth).expect(200);
    });

    it('should not let residents decide, nor street admins (who only read)', async () => {
      const open = await post(alice);
      await act(alice, open.id, 'accept').expect(403);
      await act(bob, open.id, 'withdraw').expect(403);
      await act(streetAdminA, open.id, 'accept').expect(403);
      await t.http().get(`/api/needs/${open.id}`).set(streetAdminA.auth).expect(200);
      await t.http().get(`/api/needs/${open.id}`).set(streetAdminB.auth).expect(403);
      await act(adminA, open.id, 'withdraw').expect(403);
    });

    it('answers 404 for a need that does not exist and 400 for a bad id', async () => {
      await t.http().get('/api/needs/99999999').set(alice.auth).expect(404);
      const res = await t.http().get('/api/needs/abc').set(alice.auth).expect(400);
      expect(res.body.details).toEqual([{ field: 'id', message: '编号必须是正整数' }]);
    });

    it('requires a login', async () => {
      await t.http().get('/api/needs/mine').expect(401);
      await t.http().post('/api/needs').send(body()).expect(401);
    });
  });
});
