/**
 * Property: whatever malformed body reaches a write route of staff appointment, the API answers
 * 400 with a Chinese message and writes nothing; so does an id in the path that is not a number.
 */
import { FOUNDATION_RUNS } from '../../support/foundation-world';
import { itRefusesNonNumericIds } from '../../support/ids-in-path';
import { describeMalformedRoutes } from '../../support/malformed-routes';
import { staffIdRoutes, staffMalformedRoutes } from './staff.malformed';
import { createStaffWorld, type StaffWorld } from './staff-world';

describe('should refuse malformed bodies on staff appointment', () => {
  let w: StaffWorld;
  beforeAll(async () => {
    w = await createStaffWorld();
  });
  afterAll(() => w.t.close());

  describeMalformedRoutes(
    { app: () => w.t, tags: ['staff'], ...FOUNDATION_RUNS },
    staffMalformedRoutes(() => w),
  );

  describe('ids in the path', () => {
    itRefusesNonNumericIds(
      () => w.t,
      () => w.streetA,
      staffIdRoutes,
    );
  });
});
