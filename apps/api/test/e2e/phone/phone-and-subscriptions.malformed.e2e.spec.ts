/**
 * Property: whatever malformed body reaches a phone check (WeChat's button, sending or checking an
 * SMS code) or the subscribe-message choices, the API answers 400 with a Chinese message, sends
 * nothing to WeChat and writes nothing. The harness is test/support/malformed-routes.ts.
 */
import { createFoundationWorld, FOUNDATION_RUNS, type FoundationWorld } from '../../support/foundation-world';
import { describeMalformedRoutes } from '../../support/malformed-routes';
import { phoneAndSubscriptionMalformedRoutes } from './phone-and-subscriptions.malformed';

describe('should refuse malformed phone checks and subscription choices', () => {
  let w: FoundationWorld;
  beforeAll(async () => {
    w = await createFoundationWorld();
  });
  afterAll(() => w.t.close());

  describeMalformedRoutes(
    { app: () => w.t, tags: ['phone', 'subscriptions'], ...FOUNDATION_RUNS },
    phoneAndSubscriptionMalformedRoutes(() => w),
  );
});
