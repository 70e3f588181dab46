/**
 * Property: whatever malformed body reaches a needs route (点单, duplicate check, release, accept,
 * reject, merge, withdraw, fulfil, 评单, "+1"), the API answers 400 with a Chinese message — never
 * a 5xx, never a 2xx — the database is exactly as it was, and nothing is sent to WeChat.
 */
import { aNeed } from '../../support/factories';
import { loopSuite } from '../../support/loop-malformed';
import { createLoopWorld, type LoopWorld } from '../../support/loop-world';
import { describeIdsInPath, describeMalformedRoutes } from '../../support/malformed-routes';
import { needsMalformedRoutes } from './needs.malformed';

describe('should refuse malformed needs, and malformed decisions on them', () => {
  let w: LoopWorld;
  beforeAll(async () => {
    w = await createLoopWorld();
  });
  afterAll(() => w.t.close());

  const routes = needsMalformedRoutes(() => w);
  describeMalformedRoutes(
    loopSuite(() => w, ['needs']),
    routes,
  );
  describeIdsInPath({ app: () => w.t }, routes);

  /** Bugs the properties found, kept as regression tests. */
  describe('regressions found by the properties', () => {
    it('POST /api/needs refuses an expectedAt new Date() cannot read (was a 500 on SQLite, NULL stored on MySQL)', async () => {
      const before = await w.t.counts();
      for (const expectedAt of ['2030-W01-1', '2030-032', '9999-12-31T23:00:00-05:00']) {
        const res = await w.t.http().post('/api/needs').set(w.resident.auth).send(aNeed(w.city.a, { expectedAt }));
        expect({ expectedAt, status: res.status, details: res.body.details }).toEqual({
          expectedAt,
          status: 400,
          details: [{ field: 'expectedAt', message: '期望时间必须是有效的日期时间' }],
        });
      }
      expect(await w.t.counts()).toEqual(before);
    });
  });
});
