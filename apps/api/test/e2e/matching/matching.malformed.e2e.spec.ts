/**
 * Property: whatever malformed body reaches a matching route (invite members to a task, decline
 * an invitation, set the community's recommendation weights), the API answers 400 with a Chinese
 * message — never a 5xx, never a 2xx — and the database is exactly as it was.
 */
import { loopSuite } from '../../support/loop-malformed';
import { createLoopWorld, type LoopWorld } from '../../support/loop-world';
import { describeIdsInPath, describeMalformedRoutes, must } from '../../support/malformed-routes';
import { snapshotRows } from '../../support/malformed';
import { matchingMalformedRoutes } from './matching.malformed';

describe('should refuse malformed invitations and recommendation weights', () => {
  let w: LoopWorld;
  beforeAll(async () => {
    w = await createLoopWorld();
  });
  afterAll(() => w.t.close());

  const routes = matchingMalformedRoutes(() => w);
  describeMalformedRoutes(
    loopSuite(() => w, ['matching']),
    routes,
  );
  describeIdsInPath({ app: () => w.t }, routes);

  /** Bugs the properties found, kept as regression tests. */
  describe('regressions found by the properties', () => {
    it.each([
      ['[]', []],
      ['[{ position: 1 }]', [{ position: 1 }]],
    ])(
      'PUT /api/communities/:id/matching-weights refuses weights: %s (was 200 and stored, e.g. {"0":{…}})',
      async (_, weights) => {
        const rowsBefore = await snapshotRows(w.t);
        const res = await w.t
          .http()
          .put(`/api/communities/${w.city.a.id}/matching-weights`)
          .set(w.admin.auth)
          .send({ weights });
        expect(res.status).toBe(400);
        expect(res.body.details).toEqual([{ field: 'weights', message: '推荐权重格式不正确' }]);
        expect(await snapshotRows(w.t)).toEqual(rowsBefore);
      },
    );

    it('GET /api/communities/:id/recommendation-stats answers 400 for a from it cannot read, not a 500', async () => {
      const res = await w.t
        .http()
        .get(`/api/communities/${w.city.a.id}/recommendation-stats?from=2030-W01-1`)
        .set(w.admin.auth);
      expect(res.status).toBe(400);
      await must(
        w.t.http().get(`/api/communities/${w.city.a.id}/recommendation-stats?from=2030-01-01`).set(w.admin.auth),
        200,
      );
    });
  });
});
