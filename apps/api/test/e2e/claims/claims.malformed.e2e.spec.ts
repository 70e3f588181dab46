/**
 * Property: whatever malformed body reaches a claims route (接单, withdraw, confirm, check in and
 * out, verify, reject, no-show, rate, back-fill), the API answers 400 with a Chinese message —
 * never a 5xx, never a 2xx — the database is exactly as it was, and nothing is sent to WeChat.
 * Each route is called by the member or admin allowed to, on a claim in the state it needs.
 */
import { AT_THE_TASK } from '../../support/factories';
import { loopSuite } from '../../support/loop-malformed';
import { createLoopWorld, type LoopWorld } from '../../support/loop-world';
import { describeIdsInPath, describeMalformedRoutes, must } from '../../support/malformed-routes';
import { claimsMalformedRoutes } from './claims.malformed';

describe('should refuse malformed bodies when members claim, check in and are verified', () => {
  let w: LoopWorld;
  beforeAll(async () => {
    w = await createLoopWorld();
  });
  afterAll(() => w.t.close());

  const routes = claimsMalformedRoutes(() => w);
  describeMalformedRoutes(
    loopSuite(() => w, ['claims']),
    routes,
  );
  describeIdsInPath({ app: () => w.t }, routes);

  /** Bugs the properties found, kept as regression tests. */
  describe('regressions found by the properties', () => {
    const backfill = (taskId: number) => ({
      userId: w.memberA.id,
      communityId: w.city.a.id,
      taskId,
      hours: 1,
      reason: '线下服务',
    });

    it('POST /api/backfills refuses a taskId beyond INT with 400 (was a 500 on MySQL, stored on SQLite)', async () => {
      const before = await w.t.counts();
      const res = await w.t
        .http()
        .post('/api/backfills')
        .set(w.admin.auth)
        .send(backfill(2 ** 31));
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'taskId', message: 'taskId不能大于2147483647' }]);
      expect(await w.t.counts()).toEqual(before);
    });

    /**
     * Found by this suite (now fixed): back-filling stored dto.taskId without looking it up, so a task
     * that does not exist, or a task of another community, was recorded against the member's hours.
     */
    it('POST /api/backfills refuses a taskId that is not a task of the community', async () => {
      const before = await w.t.counts();
      const res = await w.t.http().post('/api/backfills').set(w.admin.auth).send(backfill(99_999_999));
      expect(res.status).toBe(400);
      expect(await w.t.counts()).toEqual(before);
    });

    it('POST /api/claims/:id/check-in refuses null coordinates with 400 (was a 500: invalid first latitude)', async () => {
      const { claim: c, member } = await w.claimIn('claimed');
      const res = await w.t
        .http()
        .post(`/api/claims/${c.id}/check-in`)
        .set(member.auth)
        .send({ latitude: null, longitude: null });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining(['latitude', 'longitude']),
      );
      await must(w.t.http().post(`/api/claims/${c.id}/check-in`).set(member.auth).send(AT_THE_TASK), 200);
    });

    it('POST /api/claims/:id/verify refuses score: null with 400 (was a 500: NOT NULL ratings.score)', async () => {
      const { claim: c } = await w.claimIn('checked_out');
      const before = await w.t.counts();
      const res = await w.t.http().post(`/api/claims/${c.id}/verify`).set(w.admin.auth).send({ score: null });
      expect(res.status).toBe(400);
      expect(res.body.details.every((d: { field: string }) => d.field === 'score')).toBe(true);
      expect(await w.t.counts()).toEqual(before);
      await must(w.t.http().post(`/api/claims/${c.id}/verify`).set(w.admin.auth).send({}), 200);
    });
  });
});
