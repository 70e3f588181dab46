/**
 * A community’s positions (岗位): adding, editing and deactivating them, within the admin’s scope.
 */
import { ErrorCode, type PositionDto } from '@sbd/contracts';
import { PositionEntity } from '../../../src/org/entities/position.entity';
import { type City, type TestUser } from '../../support/factories';
import type { TestApp } from '../../support/test-app';
import { createOrgWorld } from './org-world';

describe('the org tree', () => {
  let t: TestApp;
  let city: City;
  let adminA: TestUser;

  beforeAll(async () => {
    ({ t, city, adminA } = await createOrgWorld());
  });
  afterAll(() => t.close());

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
});
