import {
  DEFAULT_POSITION_CLASSES,
  ErrorCode,
  OrgNodeType,
  Role,
  type OrgNodeDto,
  type PositionDto,
} from '@sbd/contracts';
import { OrgNodeEntity } from '../../src/org/entities/org-node.entity';
import { PositionEntity } from '../../src/org/entities/position.entity';
import { buildCity, createUser, type City, type TestUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const DEFAULT_POSITION_NAMES = [
  '政策宣传',
  '法律援助',
  '帮扶助困',
  '文明劝导',
  '环境整治',
  '治安巡逻',
  '文体活动',
  '医疗健康',
];

describe('the org tree', () => {
  let t: TestApp;
  let city: City;
  let platform: TestUser;
  let districtAdmin: TestUser;
  let streetAdminA: TestUser;
  let adminA: TestUser;
  let adminB: TestUser;
  let resident: TestUser;

  const createNode = (u: TestUser, body: Record<string, unknown>) =>
    t.http().post('/api/org/nodes').set(u.auth).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
    platform = await createUser(t, { roles: [{ role: Role.PlatformAdmin, scopeNodeId: null }] });
    districtAdmin = await createUser(t, { roles: [{ role: Role.DistrictAdmin, scopeNodeId: city.districtId }] });
    streetAdminA = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetA }] });
    adminA = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    adminB = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }] });
    resident = await createUser(t, { roles: [{ role: Role.Resident, scopeNodeId: city.a.id }] });
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

  describe('positions (岗位)', () => {
    it('lets the community admin of A add, edit and deactivate positions of A', async () => {
      const created = await t
        .http()
        .post(`/api/communities/${city.a.id}/positions`)
        .set(adminA.auth)
        .send({ code: 'elderly-care', name: ' 助老服务 ', description: '陪伴独居老人', sortOrder: 9 })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(Number),
        communityId: city.a.id,
        code: 'elderly-care',
        name: '助老服务',
        description: '陪伴独居老人',
        active: true,
        sortOrder: 9,
      });

      const edited = await t
        .http()
        .patch(`/api/positions/${created.body.id}`)
        .set(adminA.auth)
        .send({ name: '助老岗', sortOrder: 3 })
        .expect(200);
      expect(edited.body).toMatchObject({ id: created.body.id, name: '助老岗', sortOrder: 3, active: true });

      const off = await t
        .http()
        .patch(`/api/positions/${created.body.id}`)
        .set(adminA.auth)
        .send({ active: false })
        .expect(200);
      expect(off.body).toMatchObject({ id: created.body.id, active: false });

      const list = await t.http().get(`/api/communities/${city.a.id}/positions`).set(adminA.auth).expect(200);
      expect((list.body as PositionDto[]).find((p) => p.id === created.body.id)).toMatchObject({
        name: '助老岗',
        active: false,
      });
    });

    it('refuses a position code that the community already has', async () => {
      const res = await t
        .http()
        .post(`/api/communities/${city.a.id}/positions`)
        .set(adminA.auth)
        .send({ code: 'legal', name: '法律' })
        .expect(409);
      expect(res.body).toEqual({ code: ErrorCode.Conflict, message: '该岗位编码已存在', details: [] });
    });

    it('should not let the community admin of A add, edit, deactivate or list positions of B', async () => {
      const before = await t.counts();
      const add = await t
        .http()
        .post(`/api/communities/${city.b.id}/positions`)
        .set(adminA.auth)
        .send({ code: 'x-post', name: '越权岗' })
        .expect(403);
      expect(add.body).toEqual({ code: ErrorCode.Forbidden, message: '无权访问该组织的数据', details: [] });
      const positionOfB = city.b.positionIds[0];
      const edit = await t
        .http()
        .patch(`/api/positions/${positionOfB}`)
        .set(adminA.auth)
        .send({ name: '被改了' })
        .expect(403);
      expect(edit.body.message).toBe('无权访问该组织的数据');
      await t.http().patch(`/api/positions/${positionOfB}`).set(adminA.auth).send({ active: false }).expect(403);
      await t.http().get(`/api/communities/${city.b.id}/positions`).set(adminA.auth).expect(403);
      expect(await t.counts()).toEqual(before);
      const row = await t.ds.getRepository(PositionEntity).findOneByOrFail({ id: positionOfB });
      expect(row).toMatchObject({ name: '政策宣传', active: true });
    });

    it('refuses null for a position’s name, active flag and sort order, and lets null clear the description', async () => {
      const id = city.a.positionIds[2];
      const res = await t
        .http()
        .patch(`/api/positions/${id}`)
        .set(adminA.auth)
        .send({ name: null, active: null, sortOrder: null })
        .expect(400);
      expect(res.body.code).toBe(ErrorCode.ValidationFailed);
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          { field: 'name', message: '姓名必须是文本' },
          { field: 'active', message: '启用状态必须是是/否' },
          { field: 'sortOrder', message: '排序必须是整数' },
        ]),
      );
      for (const body of [{ name: null }, { active: null }, { sortOrder: null }]) {
        await t.http().patch(`/api/positions/${id}`).set(adminA.auth).send(body).expect(400);
      }
      expect(await t.ds.getRepository(PositionEntity).findOneByOrFail({ id })).toMatchObject({
        name: '帮扶助困',
        active: true,
        sortOrder: 2,
      });

      await t.http().patch(`/api/positions/${id}`).set(adminA.auth).send({ description: '上门帮扶' }).expect(200);
      const cleared = await t
        .http()
        .patch(`/api/positions/${id}`)
        .set(adminA.auth)
        .send({ description: null })
        .expect(200);
      expect(cleared.body).toMatchObject({ id, name: '帮扶助困', description: null });
    });

    it('answers 404 for a position that does not exist', async () => {
      const res = await t.http().patch('/api/positions/999999').set(adminA.auth).send({ name: '无' }).expect(404);
      expect(res.body).toEqual({ code: ErrorCode.NotFound, message: '岗位不存在', details: [] });
    });
  });

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
