/**
 * Property: whatever malformed body reaches a pairing route (pair a unit with a community, add or
 * change an item of its lists), the API answers 400 with a Chinese message and writes nothing.
 */
import { createFoundationWorld, FOUNDATION_RUNS, type FoundationWorld } from '../../support/foundation-world';
import { itRefusesNonNumericIds } from '../../support/ids-in-path';
import { describeMalformedRoutes } from '../../support/malformed-routes';
import { unitsIdRoutes, unitsMalformedRoutes } from './units.malformed';

describe('should refuse malformed pairings and pairing items', () => {
  let w: FoundationWorld;
  beforeAll(async () => {
    w = await createFoundationWorld();
  });
  afterAll(() => w.t.close());

  describeMalformedRoutes(
    { app: () => w.t, tags: ['units'], ...FOUNDATION_RUNS },
    unitsMalformedRoutes(() => w),
  );

  describe('ids in the path', () => {
    itRefusesNonNumericIds(
      () => w.t,
      () => w.platform,
      unitsIdRoutes(() => w),
    );
  });
});
