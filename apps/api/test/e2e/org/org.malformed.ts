/** The malformed-body table of the org routes: org nodes and a community's positions (岗位). */
import { OrgNodeType } from '@sbd/contracts';
import fc from 'fast-check';
import type { FoundationWorld } from '../../support/foundation-world';
import type { IdRoute } from '../../support/ids-in-path';
import {
  badEnum,
  badId,
  badLatitude,
  badLongitude,
  badText,
  nonMatching,
  notABoolean,
  notAString,
  notAnInteger,
  tooLong,
} from '../../support/malformed';
import type { MalformedRoute } from '../../support/malformed-routes';

export function orgMalformedRoutes(w: () => FoundationWorld): MalformedRoute[] {
  return [
    {
      method: 'post',
      path: '/api/org/nodes',
      user: () => w().platform,
      bad: {
        type: badEnum(Object.values(OrgNodeType)),
        name: badText(100, { notBlank: true }),
        parentId: badId({ nullOk: true }),
        code: fc.oneof(notAString, nonMatching(/^[A-Za-z0-9_-]{3,32}$/)),
        address: fc.oneof(notAString, tooLong(255)),
        latitude: badLatitude({ nullOk: true }),
        longitude: badLongitude({ nullOk: true }),
      },
      valid: () => ({
        type: OrgNodeType.Building,
        name: '探针楼',
        parentId: w().city.a.gridId,
        latitude: 31.98,
        longitude: 120.89,
      }),
      validStatus: 201,
    },
    {
      method: 'patch',
      path: '/api/org/nodes/:id',
      id: () => w().city.a.gridId,
      user: () => w().adminA,
      bad: {
        name: badText(100, { notBlank: true }),
        address: fc.oneof(notAString, tooLong(255)),
        latitude: badLatitude({ nullOk: true }),
        longitude: badLongitude({ nullOk: true }),
      },
      valid: () => ({ name: '甲社区一网格', address: '幸福路1号' }),
      validStatus: 200,
    },
    {
      method: 'post',
      path: '/api/communities/:id/positions',
      id: () => w().city.a.id,
      user: () => w().adminA,
      bad: {
        code: fc.oneof(notAString, fc.constant(null), nonMatching(/^[a-z0-9_-]{2,32}$/)),
        name: badText(50, { notBlank: true }),
        description: fc.oneof(notAString, tooLong(500)),
        sortOrder: fc.oneof(notAnInteger, fc.integer({ max: -1 }), fc.integer({ min: 10000 })),
      },
      valid: () => ({ code: 'probe', name: '探针岗', description: '测试', sortOrder: 50 }),
      validStatus: 201,
    },
    {
      method: 'patch',
      path: '/api/positions/:id',
      id: () => w().city.a.positionIds[0],
      user: () => w().adminA,
      bad: {
        name: badText(50, { notBlank: true }),
        description: fc.oneof(notAString, tooLong(500)),
        active: fc.oneof(notABoolean, fc.constant(null)),
        sortOrder: fc.oneof(notAnInteger, fc.integer({ max: -1 }), fc.integer({ min: 10000 }), fc.constant(null)),
      },
      valid: () => ({ name: '政策宣传', active: true, sortOrder: 0 }),
      validStatus: 200,
    },
  ];
}

export const orgIdRoutes: IdRoute[] = [
  ['PATCH /api/org/nodes/:id', 'patch', (id) => `/api/org/nodes/${id}`, () => ({ name: '名称' })],
  [
    'POST /api/communities/:id/positions',
    'post',
    (id) => `/api/communities/${id}/positions`,
    () => ({ code: 'by-id', name: '名称' }),
  ],
  ['PATCH /api/positions/:id', 'patch', (id) => `/api/positions/${id}`, () => ({ name: '名称' })],
];
