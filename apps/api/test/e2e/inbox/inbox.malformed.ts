/** The malformed-body table of the inbox routes: marking notifications read. */
import fc from 'fast-check';
import type { LoopWorld } from '../../support/loop-world';
import { badBoolean, notAnArray, notAnInteger } from '../../support/malformed';
import type { MalformedRoute } from '../../support/malformed-routes';

export function inboxMalformedRoutes(w: () => LoopWorld): MalformedRoute[] {
  return [
    {
      method: 'post',
      path: '/api/inbox/read',
      user: () => w().memberA,
      bad: {
        ids: fc.oneof(
          notAnArray,
          fc
            .tuple(fc.array(fc.integer({ min: 1, max: 1000 }), { maxLength: 3 }), notAnInteger)
            .map(([ok, bad]) => [...ok, bad]),
          fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 201, maxLength: 205 }),
        ),
        all: badBoolean({ nullOk: true }),
      },
      valid: () => ({ all: true }),
      validStatus: 200,
    },
  ];
}
