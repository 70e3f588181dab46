/** The malformed-body table of the units routes: pairing a work unit with a community, and the pairing's lists. */
import { PairingItemStatus, PairingListType } from '@sbd/contracts';
import fc from 'fast-check';
import type { FoundationWorld } from '../../support/foundation-world';
import type { IdRoute } from '../../support/ids-in-path';
import { badEnum, badId, badText, notAString, tooLong } from '../../support/malformed';
import type { MalformedRoute } from '../../support/malformed-routes';

export function unitsMalformedRoutes(w: () => FoundationWorld): MalformedRoute[] {
  return [
    {
      method: 'post',
      path: '/api/units/:id/pairings',
      id: () => w().city.unitA,
      user: () => w().unitAdminA,
      bad: { communityId: badId(), note: fc.oneof(notAString, tooLong(200)) },
      valid: () => ({ communityId: w().city.b.id, note: '共建' }),
      validStatus: 201,
    },
    {
      method: 'post',
      path: '/api/pairings/:id/items',
      id: () => w().pairingId,
      user: () => w().adminA,
      bad: {
        listType: badEnum(Object.values(PairingListType)),
        title: badText(100, { notBlank: true }),
        description: fc.oneof(notAString, tooLong(1000)),
      },
      valid: () => ({ listType: PairingListType.Projects, title: '共建项目', description: '说明' }),
      validStatus: 201,
    },
    {
      method: 'patch',
      path: '/api/pairing-items/:id',
      id: () => w().itemId,
      user: () => w().adminA,
      bad: {
        title: badText(100, { notBlank: true }),
        description: fc.oneof(notAString, tooLong(1000)),
        status: badEnum(Object.values(PairingItemStatus)),
      },
      valid: () => ({ title: '口袋公园', status: PairingItemStatus.Done }),
      validStatus: 200,
    },
  ];
}

export const unitsIdRoutes = (w: () => FoundationWorld): IdRoute[] => [
  ['POST /api/units/:id/pairings', 'post', (id) => `/api/units/${id}/pairings`, () => ({ communityId: w().city.b.id })],
  [
    'POST /api/pairings/:id/items',
    'post',
    (id) => `/api/pairings/${id}/items`,
    () => ({ listType: PairingListType.Projects, title: '标题' }),
  ],
  ['PATCH /api/pairing-items/:id', 'patch', (id) => `/api/pairing-items/${id}`, () => ({ title: '标题' })],
];
