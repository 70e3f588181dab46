/**
 * Property: whatever malformed body reaches an emergency route (call up, respond, form groups,
 * close), the API answers 400 with a Chinese message — never a 5xx, never a 2xx — the database is
 * exactly as it was, and nothing is sent to WeChat.
 */
import type { CallupDto } from '@sbd/contracts';
import { aCallup } from '../../support/factories';
import { loopSuite } from '../../support/loop-malformed';
import { createLoopWorld, type LoopWorld } from '../../support/loop-world';
import { describeIdsInPath, describeMalformedRoutes, must } from '../../support/malformed-routes';
import { emergencyMalformedRoutes } from './emergency.malformed';

describe('should refuse malformed call-ups, answers and groupings', () => {
  let w: LoopWorld;
  let callup: CallupDto;
  beforeAll(async () => {
    w = await createLoopWorld();
    callup = (await must(w.t.http().post('/api/callups').set(w.admin.auth).send(aCallup(w.city.a)), 201))
      .body as CallupDto;
  });
  afterAll(() => w.t.close());

  const routes = emergencyMalformedRoutes(
    () => w,
    () => callup,
  );
  describeMalformedRoutes(
    loopSuite(() => w, ['emergency']),
    routes,
  );
  describeIdsInPath({ app: () => w.t }, routes);

  /** Bugs the properties found, kept as regression tests. */
  describe('regressions found by the properties', () => {
    it('POST /api/callups refuses musterAt 2030-02-30 (was moved to March 2) and a week date (was a 500 and "0NaN-aN-aN" stored)', async () => {
      const before = await w.t.counts();
      for (const musterAt of ['2030-02-30', '2030-02-30T09:00:00Z', '2030-W01-1']) {
        const body = aCallup(w.city.a, { title: '集结', description: '描述', place: '地点', musterAt });
        const res = await w.t.http().post('/api/callups').set(w.admin.auth).send(body);
        expect({ musterAt, status: res.status, details: res.body.details }).toEqual({
          musterAt,
          status: 400,
          details: [{ field: 'musterAt', message: '集合时间必须是有效的日期时间' }],
        });
      }
      expect(await w.t.counts()).toEqual(before);
    });
  });
});
