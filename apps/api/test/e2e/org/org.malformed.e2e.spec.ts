/**
 * Property: whatever malformed body reaches a write route of the org tree or of a community's
 * positions, the API answers 400 with a Chinese message and writes nothing; so does an id in the
 * path that is not a positive integer.
 */
import { createFoundationWorld, FOUNDATION_RUNS, type FoundationWorld } from '../../support/foundation-world';
import { itRefusesNonNumericIds } from '../../support/ids-in-path';
import { describeMalformedRoutes } from '../../support/malformed-routes';
import { orgIdRoutes, orgMalformedRoutes } from './org.malformed';

describe('should refuse malformed bodies on org nodes and positions', () => {
  let w: FoundationWorld;
  beforeAll(async () => {
    w = await createFoundationWorld();
  });
  afterAll(() => w.t.close());

  describeMalformedRoutes(
    { app: () => w.t, tags: ['org'], ...FOUNDATION_RUNS },
    orgMalformedRoutes(() => w),
  );

  describe('ids in the path', () => {
    itRefusesNonNumericIds(
      () => w.t,
      () => w.platform,
      orgIdRoutes,
    );
  });

  /** Bugs the properties found once, kept as regression tests. */
  describe('regressions found by the properties', () => {
    it.each(['0', '-1', '0x10', '1e3', '%20'])(
      'refuses the id "%s" with 400 编号必须是正整数 (the global pipe used to coerce it first)',
      async (id) => {
        const res = await w.t.http().patch(`/api/positions/${id}`).set(w.adminA.auth).send({ name: '名称' });
        expect(res.status).toBe(400);
        expect(res.body.message).toBe('编号必须是正整数');
      },
    );
  });
});
