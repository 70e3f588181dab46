/**
 * A resident without a community joins one: GET /api/communities/nearby (open communities nearest
 * a point, or by name) and POST /api/me/community (by the poster's code or a nearby community's id).
 */
import { ErrorCode, NEARBY_COMMUNITIES_LIMIT, Role, type MeDto, type NearbyCommunityDto } from '@sbd/contracts';
import { OrgNodeEntity } from '../../../src/org/entities/org-node.entity';
import { UserRoleEntity } from '../../../src/identity/users/entities/user-role.entity';
import { buildCity, createUser, type City, type TestUser } from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';

describe('joining a community', () => {
  let t: TestApp;
  let city: City;
  let closedId: number;
  const A = { lat: 32.0123, lng: 120.8642 };
  const B = { lat: 32.0412, lng: 120.9012 };

  const nearby = (u: TestUser, query: Record<string, unknown> = {}) =>
    t.http().get('/api/communities/nearby').query(query).set(u.auth);
  const join = (u: TestUser, body: Record<string, unknown>) =>
    t.http().post('/api/me/community').set(u.auth).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
    const nodes = t.ds.getRepository(OrgNodeEntity);
    await nodes.update({ id: city.a.id }, { latitude: A.lat, longitude: A.lng, address: '桃园路1号' });
    await nodes.update({ id: city.b.id }, { latitude: B.lat, longitude: B.lng });
    // A third community, closed (撤销), right at A's door: never offered, never joined.
    const other = await buildCity(t);
    closedId = other.a.id;
    await nodes.update({ id: closedId }, { latitude: A.lat, longitude: A.lng, closedAt: new Date() });
  });
  afterAll(() => t.close());

  describe('GET /api/communities/nearby', () => {
    it('lists open communities nearest the point first, with the distance and street', async () => {
      const u = await createUser(t);
      const res = await nearby(u, { lat: A.lat + 0.001, lng: A.lng }).expect(200);
      const list = res.body as NearbyCommunityDto[];
      expect(list[0]).toEqual({
        id: city.a.id,
        code: city.a.code,
        name: '甲社区',
        streetName: '甲街道',
        address: '桃园路1号',
        distanceM: 110,
      });
      expect(list[1]).toMatchObject({ id: city.b.id, streetName: '乙街道' });
      expect(list[1].distanceM).toBeGreaterThan(4000);
      // Communities without a map position come after, without a distance.
      expect(list.slice(2).every((c) => c.distanceM === null)).toBe(true);
      expect(list.map((c) => c.id)).not.toContain(closedId);
      expect(list.length).toBeLessThanOrEqual(NEARBY_COMMUNITIES_LIMIT);
    });

    it('lists open communities by name without a point (location refused)', async () => {
      const u = await createUser(t);
      const list = (await nearby(u).expect(200)).body as NearbyCommunityDto[];
      expect(list.length).toBeGreaterThanOrEqual(2);
      expect(list.every((c) => c.distanceM === null)).toBe(true);
      expect(list.map((c) => c.id)).not.toContain(closedId);
    });

    it('should refuse a half or impossible point with a Chinese field message', async () => {
      const u = await createUser(t);
      const half = await nearby(u, { lat: A.lat }).expect(400);
      expect(half.body).toMatchObject({ code: ErrorCode.ValidationFailed, message: '请同时提供纬度和经度' });
      expect(half.body.details[0]).toEqual({ field: 'lng', message: '请同时提供纬度和经度' });
      const far = await nearby(u, { lat: 91, lng: A.lng }).expect(400);
      expect(far.body.details[0]).toEqual({ field: 'lat', message: '纬度必须是有效的纬度' });
      const text = await nearby(u, { lat: 'north', lng: A.lng }).expect(400);
      expect(text.body.details[0]).toMatchObject({ field: 'lat' });
    });

    it('should answer 401 without a login', async () => {
      await t.http().get('/api/communities/nearby').expect(401);
    });
  });

  describe('POST /api/me/community', () => {
    it('makes the caller a resident of the community on the poster (code in any case)', async () => {
      const u = await createUser(t);
      const res = await join(u, { code: city.a.code.toLowerCase() }).expect(200);
      const me = res.body as MeDto;
      expect(me.roles).toEqual([{ role: Role.Resident, scopeNodeId: city.a.id, scopeName: '甲社区' }]);
      // The next request sees the role: they may post a need there.
      const again = await t.http().get('/api/me').set(u.auth).expect(200);
      expect(again.body.roles).toEqual(me.roles);
      // Joining again changes nothing.
      await join(u, { code: city.a.code }).expect(200);
      expect(await t.ds.getRepository(UserRoleEntity).countBy({ userId: u.id })).toBe(1);
    });

    it('joins a community chosen from the nearby list by id', async () => {
      const u = await createUser(t);
      const res = await join(u, { communityId: city.b.id }).expect(200);
      expect(res.body.roles).toEqual([{ role: Role.Resident, scopeNodeId: city.b.id, scopeName: '乙社区' }]);
    });

    it('should refuse bad input with a Chinese field message, writing nothing', async () => {
      const u = await createUser(t);
      const cases: [Record<string, unknown>, string, string][] = [
        [{}, 'code', '请输入社区编码或从附近社区中选择一个'],
        [{ code: city.a.code, communityId: city.a.id }, 'communityId', '请输入社区编码或从附近社区中选择一个'],
        [{ code: 'NOSUCHCODE' }, 'code', '没有这个社区编码，请核对海报上的编码'],
        [{ code: '社区' }, 'code', '社区编码只能是字母、数字、下划线或短横线'],
        [{ communityId: 99_999_999 }, 'communityId', '社区不存在，请重新选择'],
        [{ communityId: city.a.gridId }, 'communityId', '社区不存在，请重新选择'],
        [{ communityId: 'one' }, 'communityId', '社区必须是整数'],
      ];
      for (const [body, field, message] of cases) {
        const res = await join(u, body).expect(400);
        expect(res.body.code).toBe(ErrorCode.ValidationFailed);
        expect(res.body.details).toContainEqual({ field, message });
      }
      expect(await t.ds.getRepository(UserRoleEntity).countBy({ userId: u.id })).toBe(0);
    });

    it('should not let anyone join a closed community', async () => {
      const u = await createUser(t);
      const res = await join(u, { communityId: closedId }).expect(409);
      expect(res.body.message).toBe('该社区已撤销，请选择其他社区或联系所在街道');
      expect(await t.ds.getRepository(UserRoleEntity).countBy({ userId: u.id })).toBe(0);
    });

    it('should not move someone who already belongs to another community', async () => {
      const resident = await createUser(t, { roles: [{ role: Role.Resident, scopeNodeId: city.a.id }] });
      const res = await join(resident, { communityId: city.b.id }).expect(409);
      expect(res.body.message).toBe('您已是甲社区的成员，如需更换请联系社区工作人员');
      const staff = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }] });
      await join(staff, { communityId: city.a.id }).expect(409);
    });
  });
});
