/**
 * 组织维护: moving, closing and reopening streets, communities, grids and units within the admin's
 * scope; a move carries the whole subtree's paths, a closed node leaves the pickers but stays in
 * the numbers, and every change is in the audit log.
 */
import { AuditAction, ErrorCode, OrgNodeType, Role, type OrgNodeDto } from '@sbd/contracts';
import { OrgNodeEntity } from '../../../src/org/entities/org-node.entity';
import { aRegistration, aTask, createApprovedMembers, createUser, type TestUser } from '../../support/factories';
import { registerAs } from '../../support/verified';
import { createOrgWorld, type OrgWorld } from './org-world';

describe('organisation upkeep (组织维护)', () => {
  let w: OrgWorld;
  const nodes = () => w.t.ds.getRepository(OrgNodeEntity);
  const move = (u: TestUser, id: number, parentId: number) =>
    w.t.http().post(`/api/org/nodes/${id}/move`).set(u.auth).send({ parentId });
  const close = (u: TestUser, id: number, reason?: string) =>
    w.t
      .http()
      .post(`/api/org/nodes/${id}/close`)
      .set(u.auth)
      .send(reason ? { reason } : {});
  const reopen = (u: TestUser, id: number) => w.t.http().post(`/api/org/nodes/${id}/reopen`).set(u.auth).send({});
  const auditOf = async (action: AuditAction, objectId: number) =>
    (await w.t.ds.query('SELECT * FROM audit_events WHERE action = ? AND object_id = ? ORDER BY id', [
      action,
      String(objectId),
    ])) as Record<string, unknown>[];
  /** A fresh community with a grid and a building in it, under the street. */
  const community = async (streetId: number, name: string) => {
    const c = (await w.createNode(w.platform, { type: OrgNodeType.Community, name, parentId: streetId }).expect(201))
      .body as OrgNodeDto;
    const grid = (await w.createNode(w.platform, { type: OrgNodeType.Grid, name: `${name}网格`, parentId: c.id }))
      .body as OrgNodeDto;
    const building = (
      await w.createNode(w.platform, { type: OrgNodeType.Building, name: `${name}楼`, parentId: grid.id })
    ).body as OrgNodeDto;
    return { id: c.id, code: c.code as string, gridId: grid.id, buildingId: building.id };
  };

  beforeAll(async () => {
    w = await createOrgWorld();
  });
  afterAll(() => w.t.close());

  describe('moving', () => {
    it('lets a district admin move a community to another street, rewriting the paths of its whole subtree', async () => {
      const c = await community(w.city.streetA, '迁移社区');
      const res = await move(w.districtAdmin, c.id, w.city.streetB).expect(200);
      expect(res.body).toMatchObject({ id: c.id, parentId: w.city.streetB, closedAt: null });

      const streetB = await nodes().findOneByOrFail({ id: w.city.streetB });
      const [moved, grid, building] = await Promise.all(
        [c.id, c.gridId, c.buildingId].map((id) => nodes().findOneByOrFail({ id })),
      );
      expect(moved).toMatchObject({ path: `${streetB.path}${c.id}/`, depth: 2, parentId: w.city.streetB });
      expect(grid).toMatchObject({ path: `${streetB.path}${c.id}/${c.gridId}/`, depth: 3 });
      expect(building).toMatchObject({ path: `${streetB.path}${c.id}/${c.gridId}/${c.buildingId}/`, depth: 4 });

      // The street admin of A no longer manages it; B's street is where it is read now.
      const children = await w.t
        .http()
        .get(`/api/org/nodes/${w.city.streetB}/children`)
        .set(w.districtAdmin.auth)
        .expect(200);
      expect((children.body as OrgNodeDto[]).map((n) => n.id)).toContain(c.id);
      await w.t.http().patch(`/api/org/nodes/${c.id}`).set(w.streetAdminA.auth).send({ name: '越权' }).expect(403);

      const [event] = await auditOf(AuditAction.OrgMove, c.id);
      expect(event).toMatchObject({ actor_user_id: w.districtAdmin.id, actor_role: Role.DistrictAdmin });
      expect(JSON.parse(String(event.detail))).toMatchObject({
        fromParentId: w.city.streetA,
        toParentId: w.city.streetB,
        name: '迁移社区',
      });
    });

    it('should not let a street admin move a community of another street', async () => {
      const c = await community(w.city.streetB, '乙街道社区');
      const before = await nodes().findOneByOrFail({ id: c.id });
      const res = await move(w.streetAdminA, c.id, w.city.streetA).expect(403);
      expect(res.body).toEqual({ code: ErrorCode.Forbidden, message: '无权维护该组织', details: [] });
      expect(await nodes().findOneByOrFail({ id: c.id })).toEqual(before);
      expect(await auditOf(AuditAction.OrgMove, c.id)).toEqual([]);
    });

    it('should not let a street admin move a community of their street out to another street', async () => {
      const c = await community(w.city.streetA, '外迁社区');
      const res = await move(w.streetAdminA, c.id, w.city.streetB).expect(403);
      expect(res.body.message).toBe('无权把组织迁到该上级组织之下');
      expect((await nodes().findOneByOrFail({ id: c.id })).parentId).toBe(w.city.streetA);
    });

    it('should not let a community admin move their grid into another community', async () => {
      const res = await move(w.adminA, w.city.a.gridId, w.city.b.id).expect(403);
      expect(res.body.message).toBe('无权把组织迁到该上级组织之下');
    });

    it('refuses moving a community under its own grid (409) or under a district (400), with Chinese messages', async () => {
      const c = await community(w.city.streetA, '环路社区');
      const before = await w.t.counts();
      const own = await move(w.platform, c.id, c.gridId).expect(409);
      expect(own.body).toEqual({
        code: ErrorCode.Conflict,
        message: '不能把组织迁到它自己或它的下级之下',
        details: [],
      });
      const itself = await move(w.platform, c.id, c.id).expect(409);
      expect(itself.body.message).toBe('不能把组织迁到它自己或它的下级之下');
      const kind = await move(w.platform, c.id, w.city.districtId).expect(400);
      expect(kind.body).toMatchObject({
        code: ErrorCode.ValidationFailed,
        message: '社区不能迁到区/县之下',
        details: [{ field: 'parentId', message: '社区不能迁到区/县之下' }],
      });
      const building = await move(w.platform, c.buildingId, w.city.a.gridId).expect(400);
      expect(building.body.message).toBe('小区/楼栋不能迁移或撤销，只能维护街道、社区、网格和单位');
      expect(await w.t.counts()).toEqual(before);
      expect((await nodes().findOneByOrFail({ id: c.id })).parentId).toBe(w.city.streetA);
    });

    it('moves a work unit to another district, for the platform admin only', async () => {
      const other = (await w.createNode(w.platform, { type: OrgNodeType.District, name: '迁入区' }).expect(201))
        .body as OrgNodeDto;
      const unit = (
        await w.createNode(w.platform, { type: OrgNodeType.WorkUnit, name: '迁移单位', parentId: w.city.districtId })
      ).body as OrgNodeDto;
      await move(w.districtAdmin, unit.id, other.id).expect(403);
      await move(w.platform, unit.id, other.id).expect(200);
      expect(await nodes().findOneByOrFail({ id: unit.id })).toMatchObject({ path: `/${other.id}/${unit.id}/` });
    });
  });

  describe('closing and reopening', () => {
    it('closes a community with its subtree: gone from the pickers, refused for new registrations and tasks', async () => {
      const c = await community(w.city.streetA, '撤销社区');
      const admin = await createUser(w.t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: c.id }] });
      const res = await close(w.streetAdminA, c.id, '区划调整').expect(200);
      expect(res.body.closedAt).toEqual(expect.any(String));
      expect(await nodes().findOneByOrFail({ id: c.gridId })).toMatchObject({ closedAt: expect.any(Date) });

      const picker = await w.t.http().get(`/api/org/nodes/${w.city.streetA}/children`).set(w.streetAdminA.auth);
      expect((picker.body as OrgNodeDto[]).map((n) => n.id)).not.toContain(c.id);
      const tree = await w.t
        .http()
        .get(`/api/org/nodes/${w.city.streetA}/children?includeClosed=true`)
        .set(w.streetAdminA.auth);
      expect((tree.body as OrgNodeDto[]).find((n) => n.id === c.id)?.closedAt).toEqual(res.body.closedAt);

      const qr = await w.t.http().get(`/api/communities/by-code/${c.code}`).expect(409);
      expect(qr.body.message).toBe('该社区已撤销，不再接受报到，请联系所在街道');
      const member = await createUser(w.t);
      const reg = await registerAs(
        w.t,
        member,
        aRegistration({
          ...w.city.a,
          id: c.id,
          code: c.code,
          gridId: c.gridId,
          buildingId: c.buildingId,
          positionIds: [],
        }),
        409,
      );
      expect(reg.body.message).toBe('该社区已撤销，不再接受报到，请联系所在街道');
      const task = await w.t
        .http()
        .post('/api/tasks')
        .set(admin.auth)
        .send(aTask({ ...w.city.a, id: c.id, positionIds: [] }))
        .expect(409);
      expect(task.body.message).toBe('该社区已撤销，不能发布新任务');

      const [event] = await auditOf(AuditAction.OrgClose, c.id);
      expect(JSON.parse(String(event.detail))).toMatchObject({ reason: '区划调整', nodesClosed: 3 });
    });

    it('keeps a closed community in the numbers: its members still count for its street', async () => {
      const c = await community(w.city.streetB, '仍计数社区');
      await createApprovedMembers(w.t, { ...w.city.b, id: c.id, gridId: c.gridId, buildingId: c.buildingId }, 2);
      const y = new Date().getUTCFullYear();
      const period = `from=${y}-01-01&to=${y}-12-31`;
      const read = async () =>
        (await w.t.http().get(`/api/stats/nodes/${w.city.streetB}?${period}`).set(w.districtAdmin.auth).expect(200))
          .body.registeredMembers as number;
      const before = await read();
      await close(w.districtAdmin, c.id).expect(200);
      expect(await read()).toBe(before);
      const own = await w.t.http().get(`/api/stats/nodes/${c.id}?${period}`).set(w.districtAdmin.auth);
      expect(own.status).toBe(200);
      expect(own.body.registeredMembers).toBe(2);
    });

    it('reopens a community with what was closed with it, not a grid closed before; both audited', async () => {
      const c = await community(w.city.streetA, '恢复社区');
      const earlier = (await w.createNode(w.platform, { type: OrgNodeType.Grid, name: '早撤网格', parentId: c.id }))
        .body as OrgNodeDto;
      await close(w.streetAdminA, earlier.id).expect(200);
      await new Promise((r) => setTimeout(r, 5));
      await close(w.streetAdminA, c.id).expect(200);
      const again = await close(w.streetAdminA, c.id).expect(409);
      expect(again.body.message).toBe('该组织已撤销');
      await reopen(w.streetAdminA, c.gridId).expect(409);

      const res = await reopen(w.streetAdminA, c.id).expect(200);
      expect(res.body.closedAt).toBeNull();
      expect((await nodes().findOneByOrFail({ id: c.gridId })).closedAt).toBeNull();
      expect((await nodes().findOneByOrFail({ id: earlier.id })).closedAt).not.toBeNull();
      expect((await reopen(w.streetAdminA, c.id).expect(409)).body.message).toBe('该组织未撤销');
      await w.t.http().get(`/api/communities/by-code/${c.code}`).expect(200);
      expect(await auditOf(AuditAction.OrgReopen, c.id)).toHaveLength(1);
    });

    it('should not let a street admin close their own street or a community of another street', async () => {
      const before = await w.t.counts();
      expect((await close(w.streetAdminA, w.city.streetA).expect(403)).body.message).toBe('无权维护该组织');
      await close(w.streetAdminA, w.city.b.id).expect(403);
      await close(w.adminA, w.city.a.id).expect(403);
      await close(w.resident, w.city.a.gridId).expect(403);
      expect(await w.t.counts()).toEqual(before);
    });

    it('refuses creating under a closed node, and reopening under a closed parent', async () => {
      const c = await community(w.city.streetA, '连撤社区');
      await close(w.platform, c.gridId).expect(200);
      await close(w.platform, c.id).expect(200);
      const res = await w
        .createNode(w.platform, { type: OrgNodeType.Building, name: '新楼', parentId: c.id })
        .expect(409);
      expect(res.body.message).toBe('上级组织已撤销，不能在其下新建');
      expect((await reopen(w.platform, c.gridId).expect(409)).body.message).toBe('上级组织已撤销，请先恢复上级组织');
    });
  });

  describe('creating and renaming are audited too', () => {
    it('records org.create and org.rename with the old and new names', async () => {
      const c = await community(w.city.streetA, '旧名社区');
      expect(await auditOf(AuditAction.OrgCreate, c.id)).toHaveLength(1);
      await w.t
        .http()
        .patch(`/api/org/nodes/${c.id}`)
        .set(w.streetAdminA.auth)
        .send({ name: ' 新名社区 ' })
        .expect(200);
      const [event] = await auditOf(AuditAction.OrgRename, c.id);
      expect(event.actor_user_id).toBe(w.streetAdminA.id);
      expect(JSON.parse(String(event.detail))).toMatchObject({ from: '旧名社区', to: '新名社区' });
      await w.t.http().patch(`/api/org/nodes/${c.id}`).set(w.streetAdminA.auth).send({ address: '幸福路' }).expect(200);
      expect(await auditOf(AuditAction.OrgRename, c.id)).toHaveLength(1);
    });
  });
});
