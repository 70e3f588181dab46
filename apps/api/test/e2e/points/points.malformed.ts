/** The malformed-body table of the points routes: a manual adjustment by the community's admin. */
import fc from 'fast-check';
import type { LoopWorld } from '../../support/loop-world';
import { badId, badText, notAnInteger } from '../../support/malformed';
import type { MalformedRoute } from '../../support/malformed-routes';

export function pointsMalformedRoutes(w: () => LoopWorld): MalformedRoute[] {
  return [
    {
      method: 'post',
      path: '/api/points/adjustments',
      user: () => w().admin,
      bad: {
        userId: badId(),
        communityId: badId(),
        delta: fc.oneof(
          notAnInteger,
          fc.constant(0),
          fc.integer({ max: -1001 }),
          fc.integer({ min: 1001 }),
          fc.constant(null),
        ),
        note: badText(200, { notBlank: true }),
      },
      valid: () => ({ userId: w().memberA.id, communityId: w().city.a.id, delta: 5, note: '协助组织重阳节活动' }),
      validStatus: 201,
    },
  ];
}
