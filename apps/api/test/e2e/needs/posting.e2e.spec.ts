/**
 * Posting a need (点单): moderation by WeChat msgSecCheck or the local filter, 代点单 by staff,
 * who may post where, which fields and photos are accepted.
 */
import { ErrorCode, NeedAction, NeedCategory, NeedStatus, type CreateNeedRequest, type NeedDto } from '@sbd/contracts';
import { NeedEntity } from '../../../src/loop/needs/entities/need.entity';
import { TINY_PNG as PNG, type City, type TestUser } from '../../support/factories';
import type { TestApp } from '../../support/test-app';
import { createNeedsWorld, RISKY, REVIEW, RISKY_MESSAGE, LOCAL_BLOCKED, type NeedsWorld } from './needs-world';

describe('should let residents post needs (点单) that WeChat or the local filter passes, and hold the rest for review', () => {
  let t: TestApp;
  let city: City;
  let adminA: TestUser;
  let adminB: TestUser;
  let streetAdminA: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let hana: TestUser;
  let memberA: TestUser;
  let residentB: TestUser;
  let resident: NeedsWorld['resident'];
  let body: NeedsWorld['body'];
  let post: NeedsWorld['post'];

  beforeAll(async () => {
    ({ t, city, adminA, adminB, streetAdminA, alice, bob, hana, memberA, residentB, resident, body, post } =
      await createNeedsWorld());
  });
  afterAll(() => t.close());

  describe('posting (点单)', () => {
    it('publishes a need that WeChat passes, with every field, and shows the poster their own phone', async () => {
      const before = t.wechat.requestsTo('/wxa/msg_sec_check').length;
      const need = await post(alice, {
        contactPhone: '13900001111',
        expectedAt: '2030-05-01T09:00:00.000Z',
        latitude: 31.98,
        longitude: 120.89,
      });
      expect(need).toMatchObject({
        communityId: city.a.id,
        communityName: '甲社区',
        category: NeedCategory.Repair,
        title: '3号楼楼道灯坏了',
        buildingId: city.a.buildingId,
        buildingName: '甲社区1号楼',
        place: '2单元三楼',
        latitude: 31.98,
        longitude: 120.89,
        expectedAt: '2030-05-01T09:00:00.000Z',
        status: NeedStatus.Submitted,
        requesterName: '张秀兰',
        contactPhone: '13900001111',
        onBehalf: false,
        createdByUserId: alice.id,
        plusOneCount: 0,
        taskIds: [],
        rating: null,
        reopenCount: 0,
        allowedActions: [NeedAction.Withdraw],
      });
      const calls = t.wechat.requestsTo('/wxa/msg_sec_check');
      expect(calls).toHaveLength(before + 1);
      expect(calls.at(-1)!.body).toMatchObject({ version: 2, scene: 3, title: '3号楼楼道灯坏了' });
      const row = await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: need.id });
      expect(row).toMatchObject({ moderation: 'pass', residentUserId: alice.id, proxy: false });
      expect(row.contactPhoneEnc).not.toContain('13900001111');
    });

    it('uses the account phone as contact when none is given, masked for staff too', async () => {
      const need = await post(alice);
      expect(need.contactPhone).toBe('13911112222');
      const staff = await t.http().get(`/api/needs/${need.id}`).set(adminA.auth).expect(200);
      expect(staff.body).toMatchObject({ requesterName: '张秀兰', contactPhone: '139****2222' });
      expect(staff.body.allowedActions).toEqual([NeedAction.Accept, NeedAction.Reject, NeedAction.Merge]);
      const street = await t.http().get(`/api/needs/${need.id}`).set(streetAdminA.auth).expect(200);
      expect(street.body).toMatchObject({ requesterName: '张秀兰', contactPhone: '139****2222', allowedActions: [] });
    });

    it('holds for staff review what WeChat wants reviewed; only the poster and staff see it', async () => {
      const need = await post(alice, { description: `楼下有人发${REVIEW}的传单` });
      expect(need.status).toBe(NeedStatus.Held);
      expect((await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: need.id })).moderation).toBe('review');
      await t.http().get(`/api/needs/${need.id}`).set(bob.auth).expect(403);
      const held = await t.http().get(`/api/communities/${city.a.id}/needs?status=held`).set(adminA.auth).expect(200);
      expect(held.body.items.map((n: NeedDto) => n.id)).toContain(need.id);
      const staffView = held.body.items.find((n: NeedDto) => n.id === need.id);
      expect(staffView.allowedActions).toEqual([NeedAction.Release, NeedAction.Reject]);
    });

    it.each([
      ['title', { title: `${RISKY}出售` }],
      ['description', { description: `联系我买${RISKY}` }],
    ])('refuses content WeChat finds risky, on the field %s, and writes nothing', async (field, overrides) => {
      const before = await t.counts();
      const res = await t.http().post('/api/needs').set(alice.auth).send(body(overrides)).expect(400);
      expect(res.body).toMatchObject({ code: ErrorCode.ValidationFailed, message: RISKY_MESSAGE });
      expect(res.body.details).toEqual([{ field, message: RISKY_MESSAGE }]);
      expect(await t.counts()).toEqual(before);
    });

    it('checks H5 posters (no openid) with the local filter and holds what passes it', async () => {
      const before = t.wechat.requestsTo('/wxa/msg_sec_check').length;
      const counts = await t.counts();
      const res = await t
        .http()
        .post('/api/needs')
        .set(hana.auth)
        .send(body({ description: `有人在小区组织网 赌，请管一管` }))
        .expect(400);
      expect(res.body.details).toEqual([{ field: 'description', message: RISKY_MESSAGE }]);
      expect(await t.counts()).toEqual(counts);
      const need = await post(hana);
      expect(need.status).toBe(NeedStatus.Held);
      expect((await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: need.id })).moderation).toBe('unchecked');
      expect(t.wechat.requestsTo('/wxa/msg_sec_check')).toHaveLength(before);
    });

    it('falls back to the local filter when WeChat is unreachable, and holds the need', async () => {
      t.wechat.failHttpNext(1, 502, '/wxa/msg_sec_check');
      const need = await post(alice);
      expect(need.status).toBe(NeedStatus.Held);
      expect((await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: need.id })).moderation).toBe('unchecked');
      t.wechat.failHttpNext(1, 502, '/wxa/msg_sec_check');
      const res = await t
        .http()
        .post('/api/needs')
        .set(alice.auth)
        .send(body({ title: `${LOCAL_BLOCKED}举报` }))
        .expect(400);
      expect(res.body.details).toEqual([{ field: 'title', message: RISKY_MESSAGE }]);
    });

    it('falls back to the local filter when WeChat no longer knows the user (61010)', async () => {
      const stale = await resident(city.a.id);
      const [{ openid }] = await t.ds.query('SELECT openid FROM users WHERE id = ?', [stale.id]);
      t.wechat.staleOpenids.add(openid);
      const need = await post(stale);
      expect(need.status).toBe(NeedStatus.Held);
    });

    it('lets a member of the community post as well', async () => {
      const need = await post(memberA);
      expect(need.status).toBe(NeedStatus.Submitted);
    });

    it('lets staff post for a resident who is not online (代点单), recorded as such, without moderation', async () => {
      const before = t.wechat.requestsTo('/wxa/msg_sec_check').length;
      const need = await post(adminA, {
        onBehalfOf: { name: '王秀英', phone: '13955556666' },
        category: NeedCategory.Elderly,
        title: '独居老人需要助餐',
      });
      expect(need).toMatchObject({
        status: NeedStatus.Submitted,
        onBehalf: true,
        requesterName: '王秀英',
        contactPhone: '139****6666',
        createdByUserId: adminA.id,
      });
      expect(need.allowedActions).toEqual([
        NeedAction.Accept,
        NeedAction.Reject,
        NeedAction.Merge,
        NeedAction.Withdraw,
      ]);
      const row = await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: need.id });
      expect(row).toMatchObject({ proxy: true, proxyName: '王秀英', residentUserId: null, moderation: 'staff' });
      expect(row.proxyPhoneEnc).not.toContain('13955556666');
      expect(t.wechat.requestsTo('/wxa/msg_sec_check')).toHaveLength(before);
      const street = await t.http().get(`/api/needs/${need.id}`).set(streetAdminA.auth).expect(200);
      expect(street.body.contactPhone).toBe('139****6666');
      const mine = await t.http().get('/api/needs/mine').set(adminA.auth).expect(200);
      expect(mine.body.items.map((n: NeedDto) => n.id)).toContain(need.id);
    });

    it('refuses 代点单 by a resident, and asks staff who are not residents for the resident’s name', async () => {
      const before = await t.counts();
      const res = await t
        .http()
        .post('/api/needs')
        .set(alice.auth)
        .send(body({ onBehalfOf: { name: '王秀英' } }))
        .expect(403);
      expect(res.body.message).toBe('只有本社区的工作人员可以代居民点单');
      const staff = await t.http().post('/api/needs').set(adminA.auth).send(body()).expect(400);
      expect(staff.body.details).toEqual([{ field: 'onBehalfOf.name', message: '代居民点单请填写居民姓名' }]);
      expect(await t.counts()).toEqual(before);
    });

    it('refuses a resident of another community, and a staff member of another community', async () => {
      const before = await t.counts();
      await t.http().post('/api/needs').set(residentB.auth).send(body()).expect(403);
      await t
        .http()
        .post('/api/needs')
        .set(adminB.auth)
        .send(body({ onBehalfOf: { name: '王秀英' } }))
        .expect(403);
      expect(await t.counts()).toEqual(before);
    });

    it.each([
      ['title', { title: '灯'.repeat(51) }, '标题不能超过50个字'],
      ['title', { title: '   ' }, '请填写需求标题'],
      ['description', { description: '修'.repeat(501) }, '描述不能超过500个字'],
      ['description', { description: undefined }, '请描述您的需求'],
      ['category', { category: 'plumbing' as NeedCategory }, '请选择需求类别'],
      ['communityId', { communityId: 'A' as unknown as number }, '请选择社区'],
      ['buildingId', { buildingId: 0 }, '请选择小区/楼栋'],
      ['place', { place: '楼'.repeat(101) }, '具体位置不能超过100个字'],
      ['expectedAt', { expectedAt: '明天上午' }, '期望时间必须是有效的日期时间'],
      [
        'photos',
        { photos: ['a', 'b', 'c', 'd'].map(() => '/api/uploads/00000000-0000-0000-0000-000000000000') },
        '最多上传3张照片',
      ],
      ['photos', { photos: ['https://evil.example/x.png'] }, '照片地址无效'],
      ['contactPhone', { contactPhone: '12345' }, '请输入11位有效的手机号'],
      ['onBehalfOf.name', { onBehalfOf: { name: ' ' } }, '请填写居民姓名'],
      ['onBehalfOf.phone', { onBehalfOf: { name: '王秀英', phone: '555' } }, '请输入11位有效的手机号'],
      ['latitude', { latitude: 91 }, '纬度不能大于90'],
    ])('refuses a bad %s with a Chinese field message and writes nothing', async (field, overrides, message) => {
      const before = await t.counts();
      const res = await t
        .http()
        .post('/api/needs')
        .set(adminA.auth)
        .send(body(overrides as Partial<CreateNeedRequest>))
        .expect(400);
      expect(res.body.code).toBe(ErrorCode.ValidationFailed);
      expect(res.body.details).toContainEqual({ field, message });
      expect(await t.counts()).toEqual(before);
    });

    it('reads null optional fields as absent', async () => {
      const need = await post(alice, {
        onBehalfOf: null,
        buildingId: null,
        place: null,
        photos: null,
      } as unknown as Partial<CreateNeedRequest>);
      expect(need).toMatchObject({
        onBehalf: false,
        buildingId: null,
        place: null,
        photos: [],
        requesterName: '张秀兰',
      });
    });

    it('refuses unknown fields', async () => {
      const res = await t
        .http()
        .post('/api/needs')
        .set(alice.auth)
        .send({ ...body(), status: 'accepted' })
        .expect(400);
      expect(res.body.details).toContainEqual({ field: 'status', message: '不支持的字段「状态」' });
    });

    it('refuses a building of another community, and a community that does not exist', async () => {
      const before = await t.counts();
      const res = await t
        .http()
        .post('/api/needs')
        .set(alice.auth)
        .send(body({ buildingId: city.b.buildingId }))
        .expect(400);
      expect(res.body.details).toEqual([{ field: 'buildingId', message: '所选小区/楼栋不属于该社区' }]);
      const gone = await t
        .http()
        .post('/api/needs')
        .set(alice.auth)
        .send(body({ communityId: 999999 }))
        .expect(400);
      expect(gone.body.details).toEqual([{ field: 'communityId', message: '社区不存在' }]);
      expect(await t.counts()).toEqual(before);
    });

    it('attaches the poster’s own uploads as photos and refuses someone else’s', async () => {
      const upload = async (u: TestUser) =>
        (
          await t
            .http()
            .post('/api/uploads')
            .set(u.auth)
            .attach('file', PNG, { filename: 'a.png', contentType: 'image/png' })
            .expect(201)
        ).body.url as string;
      const mine = await upload(alice);
      const theirs = await upload(bob);
      const need = await post(alice, { photos: [mine] });
      expect(need.photos).toEqual([mine]);
      const before = await t.counts();
      const res = await t
        .http()
        .post('/api/needs')
        .set(alice.auth)
        .send(body({ photos: [mine, theirs] }))
        .expect(400);
      expect(res.body.details).toEqual([{ field: 'photos', message: '照片不存在或不是您本人上传的，请重新上传' }]);
      const missing = await t
        .http()
        .post('/api/needs')
        .set(alice.auth)
        .send(body({ photos: ['/api/uploads/00000000-0000-4000-8000-000000000000'] }))
        .expect(400);
      expect(missing.body.details[0].field).toBe('photos');
      expect(await t.counts()).toEqual(before);
    });
  });
});
