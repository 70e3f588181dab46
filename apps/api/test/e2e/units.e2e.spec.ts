import {
  ErrorCode,
  PairingItemStatus,
  PairingListType,
  Role,
  type PairingDto,
  type PairingItemDto,
  type RegistrationDto,
} from '@sbd/contracts';
import { PairingItemEntity } from '../../src/identity/units/entities/pairing-item.entity';
import { buildCity, aRegistration, createUser, type City, type TestUser } from '../support/factories';
import { registerAs } from '../support/verified';
import { createTestApp, type TestApp } from '../support/test-app';

describe('work units pairing with communities (结对共建) and their three lists', () => {
  let t: TestApp;
  let city: City;
  let unitAdminA: TestUser;
  let unitAdminB: TestUser;
  let adminA: TestUser;
  let adminB: TestUser;
  let streetAdminA: TestUser;
  let member: TestUser;
  let resident: TestUser;
  /** unitA ↔ community a, made by the first test. */
  let pairing: PairingDto;

  const pair = (u: TestUser, unitId: number, body: Record<string, unknown>) =>
    t.http().post(`/api/units/${unitId}/pairings`).set(u.auth).send(body);
  const addItem = (u: TestUser, pairingId: number, body: Record<string, unknown>) =>
    t.http().post(`/api/pairings/${pairingId}/items`).set(u.auth).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
    unitAdminA = await createUser(t, { roles: [{ role: Role.UnitAdmin, scopeNodeId: city.unitA }] });
    unitAdminB = await createUser(t, { roles: [{ role: Role.UnitAdmin, scopeNodeId: city.unitB }] });
    adminA = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    adminB = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }] });
    streetAdminA = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetA }] });
    member = await createUser(t, { roles: [{ role: Role.Member, scopeNodeId: city.a.id }] });
    resident = await createUser(t, { roles: [{ role: Role.Resident, scopeNodeId: city.a.id }] });
  });
  afterAll(() => t.close());

  describe('pairing', () => {
    it('lets the unit admin of unitA pair with community a', async () => {
      const res = await pair(unitAdminA, city.unitA, { communityId: city.a.id, note: ' 2026年度共建协议 ' }).expect(
        201,
      );
      pairing = res.body as PairingDto;
      expect(pairing).toEqual({
        id: expect.any(Number),
        unitId: city.unitA,
        unitName: '甲单位',
        communityId: city.a.id,
        communityName: '甲社区',
        note: '2026年度共建协议',
        createdAt: expect.any(String),
      });
      expect(Date.parse(pairing.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('refuses the same pairing twice with 409', async () => {
      const before = await t.counts();
      const res = await pair(unitAdminA, city.unitA, { communityId: city.a.id }).expect(409);
      expect(res.body).toEqual({ code: ErrorCode.Conflict, message: '本单位已与该社区结对', details: [] });
      expect(await t.counts()).toEqual(before);
    });

    it('should not let the unit admin of unitB, a member, a resident or a community admin pair for unitA', async () => {
      const before = await t.counts();
      for (const u of [unitAdminB, member, resident, adminA]) {
        const res = await pair(u, city.unitA, { communityId: city.b.id }).expect(403);
        expect(res.body).toEqual({ code: ErrorCode.Forbidden, message: '只有本单位的管理员可以结对', details: [] });
      }
      expect(await t.counts()).toEqual(before);
    });

    it('refuses to pair with something that is not a community', async () => {
      const before = await t.counts();
      for (const communityId of [city.a.buildingId, city.streetA, 999999]) {
        const res = await pair(unitAdminA, city.unitA, { communityId }).expect(400);
        expect(res.body).toEqual({
          code: ErrorCode.ValidationFailed,
          message: '所选社区不存在',
          details: [{ field: 'communityId', message: '所选社区不存在' }],
        });
      }
      expect(await t.counts()).toEqual(before);
    });

    it('lists a’s pairings for a’s community admin and the unit’s for its admin, but not for the other side', async () => {
      const forA = await t.http().get(`/api/communities/${city.a.id}/pairings`).set(adminA.auth).expect(200);
      expect(forA.body).toEqual([pairing]);
      const forStreet = await t.http().get(`/api/communities/${city.a.id}/pairings`).set(streetAdminA.auth).expect(200);
      expect(forStreet.body).toEqual([pairing]);
      const forUnit = await t.http().get(`/api/units/${city.unitA}/pairings`).set(unitAdminA.auth).expect(200);
      expect(forUnit.body).toEqual([pairing]);

      const denied = await t.http().get(`/api/communities/${city.a.id}/pairings`).set(adminB.auth).expect(403);
      expect(denied.body).toEqual({ code: ErrorCode.Forbidden, message: '无权访问该组织的数据', details: [] });
      await t.http().get(`/api/units/${city.unitA}/pairings`).set(unitAdminB.auth).expect(403);
      await t.http().get(`/api/communities/${city.b.id}/pairings`).set(adminB.auth).expect(200).expect([]);
    });
  });

  describe('the three lists', () => {
    it('lets the community admin add to the needs list, and refuses the unit admin', async () => {
      const res = await addItem(adminA, pairing.id, {
        listType: PairingListType.Needs,
        title: ' 楼道照明维修 ',
        description: '3号楼',
      }).expect(201);
      expect(res.body).toEqual({
        id: expect.any(Number),
        pairingId: pairing.id,
        listType: PairingListType.Needs,
        title: '楼道照明维修',
        description: '3号楼',
        status: PairingItemStatus.Open,
        createdByUserId: adminA.id,
        createdAt: expect.any(String),
      });

      const before = await t.counts();
      const denied = await addItem(unitAdminA, pairing.id, {
        listType: PairingListType.Needs,
        title: '单位写需求',
      }).expect(403);
      expect(denied.body).toEqual({ code: ErrorCode.Forbidden, message: '需求清单由社区管理员维护', details: [] });
      expect(await t.counts()).toEqual(before);
    });

    it('lets the unit admin add to the resources list, and refuses the community admin', async () => {
      const res = await addItem(unitAdminA, pairing.id, {
        listType: PairingListType.Resources,
        title: '法律顾问每月坐班一次',
      }).expect(201);
      expect(res.body).toMatchObject({
        listType: PairingListType.Resources,
        description: null,
        createdByUserId: unitAdminA.id,
      });

      const before = await t.counts();
      const denied = await addItem(adminA, pairing.id, {
        listType: PairingListType.Resources,
        title: '社区写资源',
      }).expect(403);
      expect(denied.body).toEqual({ code: ErrorCode.Forbidden, message: '资源清单由单位管理员维护', details: [] });
      expect(await t.counts()).toEqual(before);
    });

    it('lets either side add to the projects list, and nobody else', async () => {
      await addItem(unitAdminA, pairing.id, { listType: PairingListType.Projects, title: '共建口袋公园' }).expect(201);
      await addItem(adminA, pairing.id, { listType: PairingListType.Projects, title: '重阳节敬老活动' }).expect(201);

      const before = await t.counts();
      for (const u of [adminB, unitAdminB, member, streetAdminA]) {
        const res = await addItem(u, pairing.id, { listType: PairingListType.Projects, title: '越权项目' }).expect(403);
        expect(res.body).toEqual({ code: ErrorCode.Forbidden, message: '只有结对双方可以维护项目清单', details: [] });
      }
      expect(await t.counts()).toEqual(before);
    });

    it('lists the items, filtered by list, for both sides', async () => {
      const all = await t.http().get(`/api/pairings/${pairing.id}/items`).set(unitAdminA.auth).expect(200);
      expect((all.body as PairingItemDto[]).map((i) => [i.listType, i.title])).toEqual([
        [PairingListType.Needs, '楼道照明维修'],
        [PairingListType.Resources, '法律顾问每月坐班一次'],
        [PairingListType.Projects, '共建口袋公园'],
        [PairingListType.Projects, '重阳节敬老活动'],
      ]);
      const projects = await t
        .http()
        .get(`/api/pairings/${pairing.id}/items?listType=projects`)
        .set(adminA.auth)
        .expect(200);
      expect((projects.body as PairingItemDto[]).map((i) => i.title)).toEqual(['共建口袋公园', '重阳节敬老活动']);
      await t.http().get(`/api/pairings/${pairing.id}/items?listType=wishes`).set(adminA.auth).expect(400);
    });

    it('should not let the community admin of b (or the unit admin of unitB) read a↔unitA’s items', async () => {
      for (const u of [adminB, unitAdminB, member, resident]) {
        const res = await t.http().get(`/api/pairings/${pairing.id}/items`).set(u.auth).expect(403);
        expect(res.body).toEqual({ code: ErrorCode.Forbidden, message: '无权查看该结对清单', details: [] });
      }
    });

    it('answers 404 for a pairing that does not exist', async () => {
      const res = await t.http().get('/api/pairings/999999/items').set(adminA.auth).expect(404);
      expect(res.body).toEqual({ code: ErrorCode.NotFound, message: '结对关系不存在', details: [] });
      await addItem(adminA, 999999, { listType: PairingListType.Needs, title: '无' }).expect(404);
    });

    it('lets the owner of a list mark an item done, and refuses the other side', async () => {
      const item = (
        await addItem(adminA, pairing.id, { listType: PairingListType.Needs, title: '清理楼道杂物' }).expect(201)
      ).body as PairingItemDto;

      const denied = await t
        .http()
        .patch(`/api/pairing-items/${item.id}`)
        .set(unitAdminA.auth)
        .send({ status: PairingItemStatus.Done })
        .expect(403);
      expect(denied.body).toEqual({ code: ErrorCode.Forbidden, message: '需求清单由社区管理员维护', details: [] });
      await t
        .http()
        .patch(`/api/pairing-items/${item.id}`)
        .set(adminB.auth)
        .send({ status: PairingItemStatus.Done })
        .expect(403);
      expect((await t.ds.getRepository(PairingItemEntity).findOneByOrFail({ id: item.id })).status).toBe(
        PairingItemStatus.Open,
      );

      const doing = await t
        .http()
        .patch(`/api/pairing-items/${item.id}`)
        .set(adminA.auth)
        .send({ status: PairingItemStatus.InProgress })
        .expect(200);
      expect(doing.body).toMatchObject({ id: item.id, status: PairingItemStatus.InProgress });
      const done = await t
        .http()
        .patch(`/api/pairing-items/${item.id}`)
        .set(adminA.auth)
        .send({ status: PairingItemStatus.Done, description: '已清理完毕' })
        .expect(200);
      expect(done.body).toEqual({ ...item, status: PairingItemStatus.Done, description: '已清理完毕' });
      expect((await t.ds.getRepository(PairingItemEntity).findOneByOrFail({ id: item.id })).status).toBe(
        PairingItemStatus.Done,
      );
    });

    it('refuses a status that does not exist', async () => {
      const item = (
        await addItem(unitAdminA, pairing.id, { listType: PairingListType.Resources, title: '志愿者20名' }).expect(201)
      ).body as PairingItemDto;
      const res = await t
        .http()
        .patch(`/api/pairing-items/${item.id}`)
        .set(unitAdminA.auth)
        .send({ status: 'closed' })
        .expect(400);
      expect(res.body).toMatchObject({
        code: ErrorCode.ValidationFailed,
        details: [{ field: 'status', message: '状态的取值不在允许范围内' }],
      });
      await t
        .http()
        .patch('/api/pairing-items/999999')
        .set(unitAdminA.auth)
        .send({ status: PairingItemStatus.Done })
        .expect(404);
    });

    it('refuses a null title or status, and lets null clear the description', async () => {
      const item = (
        await addItem(unitAdminA, pairing.id, {
          listType: PairingListType.Resources,
          title: '会议室',
          description: '周末开放',
        }).expect(201)
      ).body as PairingItemDto;
      const res = await t
        .http()
        .patch(`/api/pairing-items/${item.id}`)
        .set(unitAdminA.auth)
        .send({ title: null, status: null })
        .expect(400);
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          { field: 'title', message: '标题必须是文本' },
          { field: 'status', message: '状态的取值不在允许范围内' },
        ]),
      );
      await t.http().patch(`/api/pairing-items/${item.id}`).set(unitAdminA.auth).send({ status: null }).expect(400);
      expect(await t.ds.getRepository(PairingItemEntity).findOneByOrFail({ id: item.id })).toMatchObject({
        title: '会议室',
        status: PairingItemStatus.Open,
      });

      const cleared = await t
        .http()
        .patch(`/api/pairing-items/${item.id}`)
        .set(unitAdminA.auth)
        .send({ description: null })
        .expect(200);
      expect(cleared.body).toMatchObject({
        id: item.id,
        title: '会议室',
        description: null,
        status: PairingItemStatus.Open,
      });
    });
  });

  describe('the unit’s members (报回单位)', () => {
    it('lists the registrations that name the unit, with phones masked, and refuses another unit’s admin', async () => {
      const m1 = await createUser(t);
      const m2 = await createUser(t);
      const other = await createUser(t);
      const named = aRegistration(city.a, { workUnitId: city.unitA, workUnitName: undefined, name: '赵一' });
      const namedToo = aRegistration(city.b, { workUnitId: city.unitA, workUnitName: undefined, name: '钱二' });
      const elsewhere = aRegistration(city.a, { workUnitId: city.unitB, workUnitName: undefined, name: '孙三' });
      await registerAs(t, m1, named);
      await registerAs(t, m2, namedToo);
      await registerAs(t, other, elsewhere);

      const res = await t.http().get(`/api/units/${city.unitA}/members`).set(unitAdminA.auth).expect(200);
      const items = res.body.items as RegistrationDto[];
      expect(items.map((r) => r.name)).toEqual(['钱二', '赵一']);
      expect(items.every((r) => r.workUnitId === city.unitA && r.workUnitName === '甲单位')).toBe(true);
      expect(items.map((r) => r.phone)).toEqual([
        `${namedToo.phone.slice(0, 3)}****${namedToo.phone.slice(-4)}`,
        `${named.phone.slice(0, 3)}****${named.phone.slice(-4)}`,
      ]);
      for (const r of items) expect(r.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(JSON.stringify(res.body)).not.toContain(named.phone);
      expect(res.body.nextCursor).toBeNull();

      const denied = await t.http().get(`/api/units/${city.unitA}/members`).set(unitAdminB.auth).expect(403);
      expect(denied.body).toEqual({ code: ErrorCode.Forbidden, message: '无权访问该组织的数据', details: [] });
      await t.http().get(`/api/units/${city.unitA}/members`).set(adminA.auth).expect(403);

      const b = await t.http().get(`/api/units/${city.unitB}/members`).set(unitAdminB.auth).expect(200);
      expect(b.body.items.map((r: RegistrationDto) => r.name)).toEqual(['孙三']);
    });

    it('refuses a node that is not a work unit', async () => {
      const platform = await createUser(t, { roles: [{ role: Role.PlatformAdmin, scopeNodeId: null }] });
      const res = await t.http().get(`/api/units/${city.a.id}/members`).set(platform.auth).expect(400);
      expect(res.body.message).toBe('请选择单位');
    });
  });
});
