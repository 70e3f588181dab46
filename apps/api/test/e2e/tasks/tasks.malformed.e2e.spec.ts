/**
 * Property: whatever malformed body reaches a tasks route (下单, publish, start, complete, close,
 * cancel), the API answers 400 with a Chinese message — never a 5xx, never a 2xx — the database is
 * exactly as it was, and nothing is sent to WeChat. Each route is called by the community's admin
 * on a task in the state the action needs, so that the request reaches validation.
 */
import { aTask } from '../../support/factories';
import { loopSuite } from '../../support/loop-malformed';
import { createLoopWorld, type LoopWorld } from '../../support/loop-world';
import { describeIdsInPath, describeMalformedRoutes, must } from '../../support/malformed-routes';
import { POINTS_RULE, tasksMalformedRoutes } from './tasks.malformed';

describe('should refuse malformed bodies when publishing and running tasks', () => {
  let w: LoopWorld;
  beforeAll(async () => {
    w = await createLoopWorld();
  });
  afterAll(() => w.t.close());

  const routes = tasksMalformedRoutes(() => w);
  describeMalformedRoutes(
    loopSuite(() => w, ['tasks']),
    routes,
  );
  describeIdsInPath({ app: () => w.t }, routes);

  /** Bugs the properties found, kept as regression tests. */
  describe('regressions found by the properties', () => {
    it.each([
      ['[]', []],
      ['[{…}]', [POINTS_RULE]],
    ])('POST /api/tasks refuses pointsRule: %s with 400 (was a 500: NOT NULL points_per_hour)', async (_, value) => {
      const { t, admin, city } = w;
      const before = await t.counts();
      const res = await t
        .http()
        .post('/api/tasks')
        .set(admin.auth)
        .send({ ...aTask(city.a), pointsRule: value });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'pointsRule', message: '积分规则格式不正确' }]);
      expect(await t.counts()).toEqual(before);
    });

    it('POST /api/tasks refuses a points rule whose minimum is above its cap (was accepted; every verification then answered 500)', async () => {
      const { t, admin, city } = w;
      const before = await t.counts();
      const res = await t
        .http()
        .post('/api/tasks')
        .set(admin.auth)
        .send(aTask(city.a, { pointsRule: { perHour: 10, minimum: 100, max: 5 } }));
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'pointsRule.minimum', message: '起步积分不能大于积分上限' }]);
      expect(await t.counts()).toEqual(before);
      await must(
        t
          .http()
          .post('/api/tasks')
          .set(admin.auth)
          .send(aTask(city.a, { pointsRule: { perHour: 10, minimum: 5, max: 5 } })),
        201,
      );
    });

    it.each([
      ['2030-W01-1', 'a week date (was a 500: Invalid time value)'],
      ['20300601T0900Z', 'the basic format (was a 500)'],
      ['2030-06-01T09:00:00+08', 'an hour-only offset (was a 500)'],
      ['9999-12-31T23:00:00-05:00', 'year 10000 in UTC (was stored as year 0000 on SQLite, a 500 on MySQL)'],
      ['2030-06-01T09:00:00', 'a time without a zone'],
    ])('POST /api/tasks refuses startAt %s — %s', async (startAt) => {
      const { t, admin, city } = w;
      const before = await t.counts();
      const res = await t
        .http()
        .post('/api/tasks')
        .set(admin.auth)
        .send(aTask(city.a, { startAt, publish: false }));
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'startAt', message: '开始时间必须是有效的日期时间' }]);
      expect(await t.counts()).toEqual(before);
    });

    it.each([
      ['/api/tasks/feed?from=2030-W01-1', 'from'],
      ['/api/tasks/feed?to=20300601T0900Z', 'to'],
    ])('GET %s answers 400, not a 500 (toDbDate of an Invalid Date)', async (url, field) => {
      const { t, memberA } = w;
      const res = await t.http().get(url).set(memberA.auth);
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe(field);
      await must(t.http().get('/api/tasks/feed?from=2030-01-01&to=2031-01-01T00:00:00.000Z').set(memberA.auth), 200);
    });

    /**
     * Found by this suite (now fixed in the validation pipe): class-validator's MaxLength does not
     * count U+FE0E/U+FE0F, the database does: 50 "灯️" were 50 characters to MaxLength(50) and 100 to
     * VARCHAR(50) — a 500 on MySQL ("Data too long"), 100 characters stored on SQLite.
     */
    it('POST /api/tasks refuses a title of 50 characters each followed by U+FE0F (100 code points) with 400', async () => {
      const res = await w.t
        .http()
        .post('/api/tasks')
        .set(w.admin.auth)
        .send(aTask(w.city.a, { title: '灯\uFE0F'.repeat(50), publish: false }));
      expect(res.status).toBe(400);
    });

    /**
     * Found by this suite (now fixed in common/validation/validation.ts): for a body that is an
     * array, constraintArgs() finds no metadata, and the MaxLength template said "undefined".
     */
    it('an array body gets field messages without "undefined" in them', async () => {
      const tk = await w.taskIn('published');
      const res = await w.t
        .http()
        .post(`/api/tasks/${tk.id}/cancel`)
        .set(w.admin.auth)
        .set('Content-Type', 'application/json')
        .send('[]');
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toContain('undefined');
    });
  });
});
