/**
 * Property: whatever malformed body reaches signup, login, WeChat login, refresh, logout or the
 * privacy consent, the API answers 400 with a Chinese message — never a 5xx, never a 2xx — and
 * the database is exactly as it was. The harness is test/support/malformed-routes.ts.
 */
import { createFoundationWorld, FOUNDATION_RUNS, type FoundationWorld } from '../../support/foundation-world';
import { describeMalformedRoutes } from '../../support/malformed-routes';
import { authMalformedRoutes } from './auth.malformed';

describe('should refuse malformed bodies when signing up, logging in and consenting', () => {
  let w: FoundationWorld;
  beforeAll(async () => {
    w = await createFoundationWorld();
  });
  afterAll(() => w.t.close());

  describeMalformedRoutes(
    { app: () => w.t, tags: ['auth', 'me'], ...FOUNDATION_RUNS },
    authMalformedRoutes(() => w),
  );
});
