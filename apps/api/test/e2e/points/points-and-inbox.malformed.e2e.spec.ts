/**
 * Property: whatever malformed body reaches a points adjustment or the inbox's "mark read", the
 * API answers 400 with a Chinese message and writes nothing. (One app for the two small tables.)
 */
import { loopSuite } from '../../support/loop-malformed';
import { createLoopWorld, type LoopWorld } from '../../support/loop-world';
import { describeMalformedRoutes } from '../../support/malformed-routes';
import { inboxMalformedRoutes } from '../inbox/inbox.malformed';
import { pointsMalformedRoutes } from './points.malformed';

describe('should refuse malformed points adjustments and inbox updates', () => {
  let w: LoopWorld;
  beforeAll(async () => {
    w = await createLoopWorld();
  });
  afterAll(() => w.t.close());

  describe('points', () => {
    describeMalformedRoutes(
      loopSuite(() => w, ['points']),
      pointsMalformedRoutes(() => w),
    );
  });

  describe('inbox', () => {
    describeMalformedRoutes(
      loopSuite(() => w, ['inbox']),
      inboxMalformedRoutes(() => w),
    );
  });
});
