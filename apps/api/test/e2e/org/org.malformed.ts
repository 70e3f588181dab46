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
  /** A fresh grid of community A for each upkeep action (closed first for reopen). */
  let grid = 0;
  const freshGrid = async (closed = false) => {
    const res = await w()
      .t.http()
      .post('/api/org/nodes')
      .set(w().platform.auth)
      .send({ type: OrgNodeType.Grid, name: '探针网格', parentId: w().city.a.id });
    grid = res.body.id as number;
    if (closed) await w().t.http().post(`/api/org/nodes/${grid}/close`).set(w().platform.auth).send({});
  };
  return [
    {
      method: 'post',
      path: '/api/org/nodes/:id/move',
      id: () => grid,
      user: () => w().platform,
      bad: { parentId: badId() },
      valid: () => ({ parentId: w().city.b.id }),
      validStatus: 200,
      before: () => freshGrid(),
    },
    {
      method: 'post',
      path: '/api/org/nodes/:id/close',
      id: () => grid,
      user: () => w().platform,
      bad: { reason: fc.oneof(notAString, tooLong(200)) },
      valid: () => ({ reason: '网格调整' }),
      validStatus: 200,
      before: () => freshGrid(),
    },
    {
      method: 'post',
      path: '/api/org/nodes/:id/reopen',
      id: () => grid,
      user: () => w().platform,
      bad: {},
      valid: () => ({}),
      validStatus: 200,
      before: () => freshGrid(true),
      noBody: true,
    },
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
  ['POST /api/org/nodes/:id/move', 'post', (id) => `/api/org/nodes/${id}/move`, () => ({ parentId: 1 })],
  ['POST /api/org/nodes/:id/close', 'post', (id) => `/api/org/nodes/${id}/close`, () => ({})],
  ['POST /api/org/nodes/:id/reopen', 'post', (id) => `/api/org/nodes/${id}/reopen`, () => ({})],
  ['PATCH /api/org/nodes/:id', 'patch', (id) => `/api/org/nodes/${id}`, () => ({ name: '名称' })],
  [
    'POST /api/communities/:id/positions',
    'post',
    (id) => `/api/communities/${id}/positions`,
    () => ({ code: 'by-id', name: '名称' }),
  ],
  ['PATCH /api/positions/:id', 'patch', (id) => `/api/positions/${id}`, () => ({ name: '名称' })],
];
