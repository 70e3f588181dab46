/**
 * Reading the org tree: a community by its code (the QR code page), children and roots.
 */
import { ErrorCode, OrgNodeType, Role, type OrgNodeDto, type PositionDto } from '@sbd/contracts';
import { OrgNodeEntity } from '../../../src/org/entities/org-node.entity';
import { createUser, type City, type TestUser } from '../../support/factories';
import type { TestApp } from '../../support/test-app';
import { DEFAULT_POSITION_NAMES, createOrgWorld, type OrgWorld } from './org-world';

describe('the org tree', () => {
  let t: TestApp;
  let city: City;
  let platform: TestUser;
  let districtAdmin: TestUser;
  let streetAdminA: TestUser;
  let adminA: TestUser;
  let adminB: TestUser;
  let resident: TestUser;
  let createNode: OrgWorld['createNode'];

  beforeAll(async () => {
    ({ t, city, platform, districtAdmin, streetAdminA, adminA, adminB, resident, createNode } = await createOrgWorld());
  });
  afterAll(() => t.close());

  describe('a community read by its code (the QR code page)', () => {
    it('is public and shows only active positions, the community’s buildings and the district’s work units', async () => {
      // A fresh community so the other tests' positions and buildings do not matter.
      const c = await createNode(streetAdminA, {
        type: OrgNodeType.Community,
        name: '庚社区',
        parentId: city.streetA,
        code: 'GENG-01',
      }).expect(201);
      const grid = await createNode(streetAdminA, {
        type: OrgNodeType.Grid,
        name: '庚一网格',
        parentId: c.body.id,
      }).expect(201);
      const inGrid = await createNode(streetAdminA, {
        type: OrgNodeType.Building,
        name: '庚1号楼',
        parentId: grid.body.id,
      }).expect(201);
      const direct = await createNode(streetAdminA, {
        type: OrgNodeType.Building,
        name: '庚商铺',
        parentId: c.body.id,
      }).expect(201);
      const positions = (
        await t.http().get(`/api/communities/${c.body.id}/positions`).set(streetAdminA.auth).expect(200)
      ).body as PositionDto[];
      const legal = positions.find((p) => p.code === 'legal')!;
      const admin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: c.body.id }] });
      await t.http().patch(`/api/positions/${legal.id}`).set(admin.auth).send({ active: false }).expect(200);

      const res = await t.http().get('/api/communities/by-code/GENG-01').expect(200);
      expect(res.body).toMatchObject({
        id: c.body.id,
        code: 'GENG-01',
        name: '庚社区',
        streetName: '甲街道',
        districtName: '测试区',
        address: null,
      });
      expect((res.body.positions as PositionDto[]).map((p) => p.name)).toEqual(
        DEFAULT_POSITION_NAMES.filter((n) => n !== '法律援助'),
      );
      expect(res.body.buildings).toEqual([
        { id: inGrid.body.id, name: '庚1号楼', gridId: grid.body.id },
        { id: direct.body.id, name: '庚商铺', gridId: null },
      ]);
      const units = res.body.workUnits as { id: number; name: string }[];
      expect(units).toEqual(
        expect.arrayContaining([
          { id: city.unitA, name: '甲单位' },
          { id: city.unitB, name: '乙单位' },
        ]),
      );
      const districtUnits = await t.ds
        .getRepository(OrgNodeEntity)
        .findBy({ parentId: city.districtId, type: OrgNodeType.WorkUnit });
      expect(units).toHaveLength(districtUnits.length);
      // Never another community's buildings.
      expect(res.body.buildings.map((b: { id: number }) => b.id)).not.toContain(city.a.buildingId);
    });

    it('answers 404 with a Chinese message for an unknown code', async () => {
      const res = await t.http().get('/api/communities/by-code/NO-SUCH-CODE').expect(404);
      expect(res.body).toEqual({ code: ErrorCode.NotFound, message: '社区不存在，请确认二维码是否正确', details: [] });
    });

    it('does not answer for the code of a node that is not a community', async () => {
      await createNode(districtAdmin, {
        type: OrgNodeType.WorkUnit,
        name: '带编码的单位',
        parentId: city.districtId,
        code: 'UNIT-CODE',
      }).expect(201);
      await t.http().get('/api/communities/by-code/UNIT-CODE').expect(404);
    });
  });

  describe('listing the tree', () => {
    it('lists a community’s buildings for its admin, and refuses the admin of B', async () => {
      const res = await t.http().get(`/api/org/nodes/${city.a.id}/children?type=building`).set(adminA.auth).expect(200);
      const nodes = res.body as OrgNodeDto[];
      expect(nodes.map((n) => n.id)).toContain(city.a.buildingId);
      expect(nodes.every((n) => n.type === OrgNodeType.Building)).toBe(true);
      expect(nodes.map((n) => n.id)).not.toContain(city.b.buildingId);

      const denied = await t
        .http()
        .get(`/api/org/nodes/${city.a.id}/children?type=building`)
        .set(adminB.auth)
        .expect(403);
      expect(denied.body).toEqual({ code: ErrorCode.Forbidden, message: '无权访问该组织的数据', details: [] });
      await t.http().get(`/api/org/nodes/${city.a.gridId}/children`).set(adminB.auth).expect(403);
    });

    it('lists direct children without a type', async () => {
      const res = await t.http().get(`/api/org/nodes/${city.districtId}/children`).set(districtAdmin.auth).expect(200);
      const nodes = res.body as OrgNodeDto[];
      expect(nodes.every((n) => n.parentId === city.districtId)).toBe(true);
      expect(nodes.map((n) => n.id)).toEqual(
        expect.arrayContaining([city.streetA, city.streetB, city.unitA, city.unitB]),
      );
    });

    it('refuses an unknown node type in the query', async () => {
      const res = await t.http().get(`/api/org/nodes/${city.a.id}/children?type=castle`).set(adminA.auth).expect(400);
      expect(res.body).toMatchObject({
        code: ErrorCode.ValidationFailed,
        details: [{ field: 'type', message: '类型的取值不在允许范围内' }],
      });
    });

    it('answers each caller the roots of their own scopes', async () => {
      const mine = await t.http().get('/api/org/roots').set(adminA.auth).expect(200);
      expect(mine.body).toEqual([
        expect.objectContaining({ id: city.a.id, name: '甲社区', type: OrgNodeType.Community }),
      ]);

      const street = await t.http().get('/api/org/roots').set(streetAdminA.auth).expect(200);
      expect(street.body.map((n: OrgNodeDto) => n.id)).toEqual([city.streetA]);

      const all = await t.http().get('/api/org/roots').set(platform.auth).expect(200);
      const districts = await t.ds.getRepository(OrgNodeEntity).find({ where: { depth: 0 }, order: { id: 'ASC' } });
      expect(all.body.map((n: OrgNodeDto) => n.id)).toEqual(districts.map((d) => d.id));
      expect(all.body.every((n: OrgNodeDto) => n.type === OrgNodeType.District && n.parentId === null)).toBe(true);

      const none = await t.http().get('/api/org/roots').set(resident.auth).expect(200);
      expect(none.body).toEqual([]);

      await t.http().get('/api/org/roots').expect(401);
    });
  });
});
