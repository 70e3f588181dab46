/**
 * Building the org tree: who may create districts, streets, communities, work units and the
 * nodes inside a community (grids, buildings, branches, groups), and renaming them.
 */
import { DEFAULT_POSITION_CLASSES, ErrorCode, OrgNodeType, type OrgNodeDto, type PositionDto } from '@sbd/contracts';
import { OrgNodeEntity } from '../../../src/org/entities/org-node.entity';
import { type City, type TestUser } from '../../support/factories';
import type { TestApp } from '../../support/test-app';
import { DEFAULT_POSITION_NAMES, createOrgWorld, type OrgWorld } from './org-world';

describe('the org tree', () => {
  let t: TestApp;
  let city: City;
  let platform: TestUser;
  let districtAdmin: TestUser;
  let streetAdminA: TestUser;
  let adminA: TestUser;
  let resident: TestUser;
  let createNode: OrgWorld['createNode'];

  beforeAll(async () => {
    ({ t, city, platform, districtAdmin, streetAdminA, adminA, resident, createNode } = await createOrgWorld());
  });
  afterAll(() => t.close());

  describe('districts, streets, communities and work units', () => {
    it('lets the platform admin create a district, and nobody else', async () => {
      const res = await createNode(platform, { type: OrgNodeType.District, name: '  新城区  ' }).expect(201);
      expect(res.body).toMatchObject({ type: OrgNodeType.District, name: '新城区', parentId: null, code: null });
      const row = await t.ds.getRepository(OrgNodeEntity).findOneByOrFail({ id: res.body.id });
      expect(row).toMatchObject({ path: `/${row.id}/`, depth: 0 });

      const before = await t.counts();
      const denied = await createNode(districtAdmin, { type: OrgNodeType.District, name: '另一个区' }).expect(403);
      expect(denied.body).toEqual({ code: ErrorCode.Forbidden, message: '只有平台管理员可以新建区/县', details: [] });
      await createNode(streetAdminA, { type: OrgNodeType.District, name: '另一个区' }).expect(403);
      expect(await t.counts()).toEqual(before);
    });

    it('lets a district admin create a street and a work unit in their district, with the materialised path', async () => {
      const street = await createNode(districtAdmin, {
        type: OrgNodeType.Street,
        name: '丙街道',
        parentId: city.districtId,
      }).expect(201);
      expect(street.body).toMatchObject({ type: OrgNodeType.Street, name: '丙街道', parentId: city.districtId });
      const row = await t.ds.getRepository(OrgNodeEntity).findOneByOrFail({ id: street.body.id });
      expect(row).toMatchObject({ path: `/${city.districtId}/${row.id}/`, depth: 1 });

      const unit = await createNode(districtAdmin, {
        type: OrgNodeType.WorkUnit,
        name: '区教育局',
        parentId: city.districtId,
      }).expect(201);
      expect(unit.body).toMatchObject({ type: OrgNodeType.WorkUnit, parentId: city.districtId });
    });

    it('should not let a district admin create anything in another district', async () => {
      const other = await createNode(platform, { type: OrgNodeType.District, name: '外区' }).expect(201);
      const before = await t.counts();
      for (const type of [OrgNodeType.Street, OrgNodeType.WorkUnit]) {
        const res = await createNode(districtAdmin, { type, name: '越权', parentId: other.body.id }).expect(403);
        expect(res.body).toEqual({ code: ErrorCode.Forbidden, message: '无权在该组织下新建', details: [] });
      }
      expect(await t.counts()).toEqual(before);
    });

    it('lets a street admin create a community in their street, which gets the 8 default positions and an auto code', async () => {
      const res = await createNode(streetAdminA, {
        type: OrgNodeType.Community,
        name: '丁社区',
        parentId: city.streetA,
      }).expect(201);
      expect(res.body).toMatchObject({ type: OrgNodeType.Community, name: '丁社区', parentId: city.streetA });
      expect(res.body.code).toMatch(/^C[0-9A-F]{8}$/);

      const positions = await t
        .http()
        .get(`/api/communities/${res.body.id}/positions`)
        .set(streetAdminA.auth)
        .expect(200);
      expect((positions.body as PositionDto[]).map((p) => p.name)).toEqual(DEFAULT_POSITION_NAMES);
      expect((positions.body as PositionDto[]).map((p) => p.code)).toEqual(DEFAULT_POSITION_CLASSES.map((c) => c.code));
      expect((positions.body as PositionDto[]).every((p) => p.active && p.communityId === res.body.id)).toBe(true);

      const byCode = await t.http().get(`/api/communities/by-code/${res.body.code}`).expect(200);
      expect(byCode.body).toMatchObject({
        id: res.body.id,
        name: '丁社区',
        streetName: '甲街道',
        districtName: '测试区',
      });
    });

    it('keeps a given community code, and refuses a duplicate code with 409', async () => {
      const res = await createNode(streetAdminA, {
        type: OrgNodeType.Community,
        name: '戊社区',
        parentId: city.streetA,
        code: 'WU-2026',
      }).expect(201);
      expect(res.body.code).toBe('WU-2026');

      const before = await t.counts();
      const dup = await createNode(streetAdminA, {
        type: OrgNodeType.Community,
        name: '己社区',
        parentId: city.streetA,
        code: 'WU-2026',
      }).expect(409);
      expect(dup.body).toEqual({ code: ErrorCode.Conflict, message: '该编码已被使用', details: [] });
      // The seeded community's code too.
      await createNode(streetAdminA, {
        type: OrgNodeType.Community,
        name: '己社区',
        parentId: city.streetA,
        code: city.a.code,
      }).expect(409);
      expect(await t.counts()).toEqual(before);
    });

    it('should not let a street admin of A create a community in street B, a street, or a work unit', async () => {
      const before = await t.counts();
      const cases: [OrgNodeType, number][] = [
        [OrgNodeType.Community, city.streetB],
        [OrgNodeType.Street, city.districtId],
        [OrgNodeType.WorkUnit, city.districtId],
      ];
      for (const [type, parentId] of cases) {
        const res = await createNode(streetAdminA, { type, name: '越权', parentId }).expect(403);
        expect(res.body).toEqual({ code: ErrorCode.Forbidden, message: '无权在该组织下新建', details: [] });
      }
      expect(await t.counts()).toEqual(before);
    });

    it('refuses a parent of the wrong type with 400 on the field parentId', async () => {
      const before = await t.counts();
      const cases: [OrgNodeType, number, string][] = [
        [OrgNodeType.Community, city.districtId, '社区不能建在区/县之下'],
        [OrgNodeType.Street, city.streetA, '街道不能建在街道之下'],
        [OrgNodeType.WorkUnit, city.streetA, '单位不能建在街道之下'],
        [OrgNodeType.Grid, city.a.gridId, '网格不能建在网格之下'],
        [OrgNodeType.Building, city.a.buildingId, '小区/楼栋不能建在小区/楼栋之下'],
        [OrgNodeType.District, city.districtId, '区/县不能建在区/县之下'],
      ];
      for (const [type, parentId, message] of cases) {
        const res = await createNode(platform, { type, name: '放错了', parentId }).expect(400);
        expect(res.body).toEqual({
          code: ErrorCode.ValidationFailed,
          message,
          details: [{ field: 'parentId', message }],
        });
      }
      const missing = await createNode(platform, { type: OrgNodeType.Street, name: '无上级' }).expect(400);
      expect(missing.body.details).toEqual([{ field: 'parentId', message: '街道必须指定上级组织' }]);
      expect(await t.counts()).toEqual(before);
    });

    it('answers 404 for a parent that does not exist', async () => {
      const res = await createNode(platform, { type: OrgNodeType.Street, name: '孤儿', parentId: 999999 }).expect(404);
      expect(res.body).toEqual({ code: ErrorCode.NotFound, message: '组织不存在', details: [] });
    });
  });

  describe('inside a community', () => {
    it('lets a community admin create grids, buildings, branches, groups and a party committee in their community', async () => {
      const grid = await createNode(adminA, {
        type: OrgNodeType.Grid,
        name: '甲社区二网格',
        parentId: city.a.id,
      }).expect(201);
      const building = await createNode(adminA, {
        type: OrgNodeType.Building,
        name: '甲社区2号楼',
        parentId: grid.body.id,
      }).expect(201);
      const direct = await createNode(adminA, {
        type: OrgNodeType.Building,
        name: '甲社区沿街商铺',
        parentId: city.a.id,
      }).expect(201);
      const committee = await createNode(adminA, {
        type: OrgNodeType.PartyCommittee,
        name: '甲社区大党委',
        parentId: city.a.id,
      }).expect(201);
      const branch = await createNode(adminA, {
        type: OrgNodeType.FunctionalBranch,
        name: '甲社区第二支部',
        parentId: committee.body.id,
      }).expect(201);
      const group = await createNode(adminA, {
        type: OrgNodeType.PartyGroup,
        name: '第二党小组',
        parentId: branch.body.id,
      }).expect(201);
      expect([grid, building, direct, committee, branch, group].map((r) => (r.body as OrgNodeDto).type)).toEqual([
        OrgNodeType.Grid,
        OrgNodeType.Building,
        OrgNodeType.Building,
        OrgNodeType.PartyCommittee,
        OrgNodeType.FunctionalBranch,
        OrgNodeType.PartyGroup,
      ]);
      const row = await t.ds.getRepository(OrgNodeEntity).findOneByOrFail({ id: group.body.id });
      expect(row.path).toBe(
        `/${city.districtId}/${city.streetA}/${city.a.id}/${committee.body.id}/${branch.body.id}/${group.body.id}/`,
      );
    });

    it('should not let a community admin of A create anything in community B', async () => {
      const before = await t.counts();
      const cases: [OrgNodeType, number][] = [
        [OrgNodeType.Grid, city.b.id],
        [OrgNodeType.Building, city.b.gridId],
        [OrgNodeType.FunctionalBranch, city.b.id],
        [OrgNodeType.PartyGroup, city.b.gridId],
      ];
      for (const [type, parentId] of cases) {
        const res = await createNode(adminA, { type, name: '越权', parentId }).expect(403);
        expect(res.body).toEqual({ code: ErrorCode.Forbidden, message: '无权在该组织下新建', details: [] });
      }
      expect(await t.counts()).toEqual(before);
    });

    it('should not let a community admin create a community, a street or a work unit', async () => {
      const before = await t.counts();
      for (const [type, parentId] of [
        [OrgNodeType.Community, city.streetA],
        [OrgNodeType.Street, city.districtId],
        [OrgNodeType.WorkUnit, city.districtId],
      ] as const) {
        const res = await createNode(adminA, { type, name: '越权', parentId }).expect(403);
        expect(res.body.message).toBe('无权在该组织下新建');
      }
      expect(await t.counts()).toEqual(before);
    });

    it('should not let a resident create anything', async () => {
      const res = await createNode(resident, {
        type: OrgNodeType.Building,
        name: '越权',
        parentId: city.a.gridId,
      }).expect(403);
      expect(res.body.message).toBe('无权在该组织下新建');
    });

    it('lets a community admin rename a node of their community, but not one of B', async () => {
      const res = await t
        .http()
        .patch(`/api/org/nodes/${city.a.gridId}`)
        .set(adminA.auth)
        .send({ name: '甲社区第一网格', address: '幸福路1号' })
        .expect(200);
      expect(res.body).toMatchObject({ id: city.a.gridId, name: '甲社区第一网格', address: '幸福路1号' });
      const denied = await t
        .http()
        .patch(`/api/org/nodes/${city.b.gridId}`)
        .set(adminA.auth)
        .send({ name: '改名' })
        .expect(403);
      expect(denied.body).toEqual({ code: ErrorCode.Forbidden, message: '无权修改该组织', details: [] });
      const row = await t.ds.getRepository(OrgNodeEntity).findOneByOrFail({ id: city.b.gridId });
      expect(row.name).toBe('乙社区一网格');
    });

    it('refuses a null name for a node, and lets null clear its address', async () => {
      const res = await t
        .http()
        .patch(`/api/org/nodes/${city.a.gridId}`)
        .set(adminA.auth)
        .send({ name: null })
        .expect(400);
      expect(res.body.details).toEqual(expect.arrayContaining([{ field: 'name', message: '姓名必须是文本' }]));
      const cleared = await t
        .http()
        .patch(`/api/org/nodes/${city.a.gridId}`)
        .set(adminA.auth)
        .send({ address: null })
        .expect(200);
      expect(cleared.body).toMatchObject({ id: city.a.gridId, name: '甲社区第一网格', address: null });
    });
  });
});
