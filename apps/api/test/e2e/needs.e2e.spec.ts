import {
  ErrorCode,
  NeedAction,
  NeedCategory,
  NeedStatus,
  NotificationKind,
  OrgNodeType,
  Role,
  type CreateNeedRequest,
  type NeedDto,
  type NeedDuplicateSuggestionDto,
  type Page,
} from '@sbd/contracts';
import { needMachine } from '@sbd/domain';
import { In } from 'typeorm';
import { RatingEntity } from '../../src/loop/needs/entities/rating.entity';
import { NeedPlusOneEntity } from '../../src/loop/needs/entities/need-plus-one.entity';
import { NeedEntity } from '../../src/loop/needs/entities/need.entity';
import { TriageService } from '../../src/loop/needs/triage.service';
import { NotificationEntity } from '../../src/messaging/notifications/entities/notification.entity';
import { insertOrgNode } from '../../src/org/org-tree';
import { toDbDate } from '../../src/platform/database/sql';
import { MsgSecLabel } from '../fakes/wechat-fake-server';
import { buildCity, createUser, type City, type TestUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const RISKY = '违禁测试词';
const REVIEW = '待审测试词';
const RISKY_MESSAGE = '内容包含不当信息，请修改后再提交';
/** A word of the local filter (loop/needs/content-filter.ts). */
const LOCAL_BLOCKED = '网赌';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1a3b0b50000000049454e44ae426082', 'hex');

describe('needs (点单 → 下单 → 评单, the need side)', () => {
  let t: TestApp;
  let city: City;
  let adminA: TestUser;
  let adminB: TestUser;
  let streetAdminA: TestUser;
  let streetAdminB: TestUser;
  /** Residents of A with WeChat (an openid): their needs are checked by msgSecCheck. */
  let alice: TestUser;
  let bob: TestUser;
  /** A resident of A on H5 (no openid): local filter, then held. */
  let hana: TestUser;
  let memberA: TestUser;
  let residentB: TestUser;
  let openidSeq = 0;

  async function resident(communityId: number, opts: { wechat?: boolean; name?: string; role?: Role; phone?: string } = {}): Promise<TestUser> {
    const user = await createUser(t, { name: opts.name ?? '居民', phone: opts.phone, roles: [{ role: opts.role ?? Role.Resident, scopeNodeId: communityId }] });
    if (opts.wechat !== false) {
      await t.ds.query('UPDATE users SET openid = ? WHERE id = ?', [`openid-needs-${process.pid}-${++openidSeq}`, user.id]);
    }
    return user;
  }

  const body = (overrides: Partial<CreateNeedRequest> = {}): CreateNeedRequest => ({
    communityId: city.a.id,
    category: NeedCategory.Repair,
    title: '3号楼楼道灯坏了',
    description: '3号楼2单元三楼楼道灯不亮好几天了，晚上上下楼很不方便，请帮忙修一下。',
    buildingId: city.a.buildingId,
    place: '2单元三楼',
    ...overrides,
  });

  async function post(user: TestUser, overrides: Partial<CreateNeedRequest> = {}, status = 201): Promise<NeedDto> {
    const res = await t.http().post('/api/needs').set(user.auth).send(body(overrides));
    if (res.status !== status) throw new Error(`POST /api/needs answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as NeedDto;
  }

  const act = (user: TestUser, id: number, action: string, payload: object = {}) =>
    t.http().post(`/api/needs/${id}/${action}`).set(user.auth).send(payload);

  /** A task row (whatever the tasks schema holds today) linked to the need, as the tasks module would. */
  async function linkTask(needId: number, communityId = city.a.id): Promise<number> {
    const runner = t.ds.createQueryRunner();
    let table;
    try {
      table = await runner.getTable('tasks');
    } finally {
      await runner.release();
    }
    const now = toDbDate(new Date());
    const known: Record<string, unknown> = {
      community_id: communityId,
      created_by_id: adminA.id,
      status: 'completed',
      kind: 'micro',
      target: 'individuals',
      title: '测试任务',
      description: '测试',
      place: '社区',
      required_skills: '[]',
      checkin_secret: 'secret',
    };
    const cols = table!.columns.filter((c) => !c.isGenerated && !c.isNullable && c.default === undefined);
    const values = cols.map((c) =>
      c.name in known ? known[c.name] : /date|time/i.test(c.type) ? now : /int|double|float|decimal|bool/i.test(c.type) ? 1 : 'x',
    );
    await t.ds.query(`INSERT INTO tasks (${cols.map((c) => c.name).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, values);
    const [row] = await t.ds.query('SELECT MAX(id) AS id FROM tasks');
    const taskId = Number(row.id);
    await t.ds.query('INSERT INTO task_needs (task_id, need_id) VALUES (?, ?)', [taskId, needId]);
    return taskId;
  }

  const notificationsOf = (userId: number, kind: NotificationKind) =>
    t.ds.getRepository(NotificationEntity).findBy({ userId, kind });

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
    t.wechat.riskyWords.set(RISKY, MsgSecLabel.Illegal);
    t.wechat.reviewWords.set(REVIEW, MsgSecLabel.Ad);
    adminA = await createUser(t, { name: '甲社区书记', roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    adminB = await createUser(t, { name: '乙社区书记', roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }] });
    streetAdminA = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetA }] });
    streetAdminB = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetB }] });
    alice = await resident(city.a.id, { name: '张秀兰', phone: '13911112222' });
    bob = await resident(city.a.id, { name: '李建国' });
    hana = await resident(city.a.id, { name: '韩梅', wechat: false });
    memberA = await resident(city.a.id, { name: '王党员', role: Role.Member });
    residentB = await resident(city.b.id, { name: '乙居民' });
  });
  afterAll(() => t.close());

  describe('posting (点单)', () => {
    it('publishes a need that WeChat passes, with every field, and shows the poster their own phone', async () => {
      const before = t.wechat.requestsTo('/wxa/msg_sec_check').length;
      const need = await post(alice, { contactPhone: '13900001111', expectedAt: '2030-05-01T09:00:00.000Z', latitude: 31.98, longitude: 120.89 });
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

    it('uses the account phone as contact when none is given, in full for the community admin', async () => {
      const need = await post(alice);
      expect(need.contactPhone).toBe('13911112222');
      const staff = await t.http().get(`/api/needs/${need.id}`).set(adminA.auth).expect(200);
      expect(staff.body).toMatchObject({ requesterName: '张秀兰', contactPhone: '13911112222' });
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
      const res = await t.http().post('/api/needs').set(hana.auth).send(body({ description: `有人在小区组织网 赌，请管一管` })).expect(400);
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
      const res = await t.http().post('/api/needs').set(alice.auth).send(body({ title: `${LOCAL_BLOCKED}举报` })).expect(400);
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
      const need = await post(adminA, { onBehalfOf: { name: '王秀英', phone: '13955556666' }, category: NeedCategory.Elderly, title: '独居老人需要助餐' });
      expect(need).toMatchObject({
        status: NeedStatus.Submitted,
        onBehalf: true,
        requesterName: '王秀英',
        contactPhone: '13955556666',
        createdByUserId: adminA.id,
      });
      expect(need.allowedActions).toEqual([NeedAction.Accept, NeedAction.Reject, NeedAction.Merge, NeedAction.Withdraw]);
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
      const res = await t.http().post('/api/needs').set(alice.auth).send(body({ onBehalfOf: { name: '王秀英' } })).expect(403);
      expect(res.body.message).toBe('只有本社区的工作人员可以代居民点单');
      const staff = await t.http().post('/api/needs').set(adminA.auth).send(body()).expect(400);
      expect(staff.body.details).toEqual([{ field: 'onBehalfOf.name', message: '代居民点单请填写居民姓名' }]);
      expect(await t.counts()).toEqual(before);
    });

    it('refuses a resident of another community, and a staff member of another community', async () => {
      const before = await t.counts();
      await t.http().post('/api/needs').set(residentB.auth).send(body()).expect(403);
      await t.http().post('/api/needs').set(adminB.auth).send(body({ onBehalfOf: { name: '王秀英' } })).expect(403);
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
      ['photos', { photos: ['a', 'b', 'c', 'd'].map(() => '/api/uploads/00000000-0000-0000-0000-000000000000') }, '最多上传3张照片'],
      ['photos', { photos: ['https://evil.example/x.png'] }, '照片地址无效'],
      ['contactPhone', { contactPhone: '12345' }, '请输入11位有效的手机号'],
      ['onBehalfOf.name', { onBehalfOf: { name: ' ' } }, '请填写居民姓名'],
      ['onBehalfOf.phone', { onBehalfOf: { name: '王秀英', phone: '555' } }, '请输入11位有效的手机号'],
      ['latitude', { latitude: 91 }, '纬度不能大于90'],
    ])('refuses a bad %s with a Chinese field message and writes nothing', async (field, overrides, message) => {
      const before = await t.counts();
      const res = await t.http().post('/api/needs').set(adminA.auth).send(body(overrides as Partial<CreateNeedRequest>)).expect(400);
      expect(res.body.code).toBe(ErrorCode.ValidationFailed);
      expect(res.body.details).toContainEqual({ field, message });
      expect(await t.counts()).toEqual(before);
    });

    it('reads null optional fields as absent', async () => {
      const need = await post(alice, { onBehalfOf: null, buildingId: null, place: null, photos: null } as unknown as Partial<CreateNeedRequest>);
      expect(need).toMatchObject({ onBehalf: false, buildingId: null, place: null, photos: [], requesterName: '张秀兰' });
    });

    it('refuses unknown fields', async () => {
      const res = await t.http().post('/api/needs').set(alice.auth).send({ ...body(), status: 'accepted' }).expect(400);
      expect(res.body.details).toContainEqual({ field: 'status', message: '不支持的字段「状态」' });
    });

    it('refuses a building of another community, and a community that does not exist', async () => {
      const before = await t.counts();
      const res = await t.http().post('/api/needs').set(alice.auth).send(body({ buildingId: city.b.buildingId })).expect(400);
      expect(res.body.details).toEqual([{ field: 'buildingId', message: '所选小区/楼栋不属于该社区' }]);
      const gone = await t.http().post('/api/needs').set(alice.auth).send(body({ communityId: 999999 })).expect(400);
      expect(gone.body.details).toEqual([{ field: 'communityId', message: '社区不存在' }]);
      expect(await t.counts()).toEqual(before);
    });

    it('attaches the poster’s own uploads as photos and refuses someone else’s', async () => {
      const upload = async (u: TestUser) =>
        (await t.http().post('/api/uploads').set(u.auth).attach('file', PNG, { filename: 'a.png', contentType: 'image/png' }).expect(201)).body.url as string;
      const mine = await upload(alice);
      const theirs = await upload(bob);
      const need = await post(alice, { photos: [mine] });
      expect(need.photos).toEqual([mine]);
      const before = await t.counts();
      const res = await t.http().post('/api/needs').set(alice.auth).send(body({ photos: [mine, theirs] })).expect(400);
      expect(res.body.details).toEqual([{ field: 'photos', message: '照片不存在或不是您本人上传的，请重新上传' }]);
      const missing = await t.http().post('/api/needs').set(alice.auth).send(body({ photos: ['/api/uploads/00000000-0000-4000-8000-000000000000'] })).expect(400);
      expect(missing.body.details[0].field).toBe('photos');
      expect(await t.counts()).toEqual(before);
    });
  });

  describe('duplicates and "同一件事 +1"', () => {
    let city2: City;
    let admin2: TestUser;
    let poster: TestUser;
    let neighbour: TestUser;
    let original: NeedDto;
    let nearBuilding: number;
    let farBuilding: number;

    beforeAll(async () => {
      // A community of its own, so the suggestions are exactly what these tests posted.
      city2 = await buildCity(t);
      admin2 = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city2.a.id }] });
      poster = await resident(city2.a.id, { name: '赵大妈' });
      neighbour = await resident(city2.a.id);
      const ids = await t.ds.transaction(async (m) => {
        const near = await insertOrgNode(m, { type: OrgNodeType.Building, name: '甲社区2号楼', parentId: city2.a.gridId });
        const grid2 = await insertOrgNode(m, { type: OrgNodeType.Grid, name: '甲社区二网格', parentId: city2.a.id });
        const far = await insertOrgNode(m, { type: OrgNodeType.Building, name: '甲社区9号楼', parentId: grid2.id });
        return { near: near.id, far: far.id };
      });
      nearBuilding = ids.near;
      farBuilding = ids.far;
      original = await post(poster, { communityId: city2.a.id, buildingId: city2.a.buildingId, title: '3号楼楼道灯坏了' });
    });

    const check = (u: TestUser, overrides: object = {}) =>
      t
        .http()
        .post('/api/needs/duplicates')
        .set(u.auth)
        .send({ communityId: city2.a.id, category: NeedCategory.Repair, title: '三号楼的楼道灯坏了', buildingId: city2.a.buildingId, ...overrides });

    it('suggests an open need of the same community and category that reads alike, with no personal data', async () => {
      const res = await check(neighbour).expect(200);
      expect(res.body).toHaveLength(1);
      const s = res.body[0] as NeedDuplicateSuggestionDto;
      expect(Object.keys(s).sort()).toEqual(['buildingName', 'category', 'createdAt', 'id', 'plusOneCount', 'similarity', 'status', 'title']);
      expect(s).toMatchObject({ id: original.id, title: '3号楼楼道灯坏了', buildingName: '甲社区1号楼', status: NeedStatus.Submitted, plusOneCount: 0 });
      expect(s.similarity).toBeGreaterThanOrEqual(0.35);
      expect(JSON.stringify(res.body)).not.toContain('赵大妈');
    });

    it('counts a building of the same grid as nearby, not one of another grid', async () => {
      expect((await check(neighbour, { buildingId: nearBuilding }).expect(200)).body).toHaveLength(1);
      expect((await check(neighbour, { buildingId: farBuilding }).expect(200)).body).toHaveLength(0);
    });

    it('suggests nothing for another category, unlike text, or another community', async () => {
      expect((await check(neighbour, { category: NeedCategory.Elderly }).expect(200)).body).toHaveLength(0);
      expect((await check(neighbour, { title: '想报名社区书法班' }).expect(200)).body).toHaveLength(0);
      const other = await resident(city2.b.id);
      const res = await t
        .http()
        .post('/api/needs/duplicates')
        .set(other.auth)
        .send({ communityId: city2.b.id, category: NeedCategory.Repair, title: '三号楼的楼道灯坏了' })
        .expect(200);
      expect(res.body).toHaveLength(0);
    });

    it('never suggests held needs, nor needs older than the window', async () => {
      const held = await post(await resident(city2.a.id, { wechat: false }), {
        communityId: city2.a.id,
        buildingId: city2.a.buildingId,
        category: NeedCategory.Environment,
        title: '垃圾桶满了没人清',
      });
      expect(held.status).toBe(NeedStatus.Held);
      const old = await post(poster, { communityId: city2.a.id, buildingId: city2.a.buildingId, category: NeedCategory.Environment, title: '垃圾桶满了没人清理' });
      await t.ds.query('UPDATE needs SET created_at = ? WHERE id = ?', [toDbDate(new Date(Date.now() - 20 * 86_400_000)), old.id]);
      const res = await check(neighbour, { category: NeedCategory.Environment, title: '垃圾桶满了' }).expect(200);
      expect(res.body).toEqual([]);
    });

    it('refuses residents of other communities, and bad input', async () => {
      await check(residentB).expect(403);
      const res = await check(neighbour, { title: '' }).expect(400);
      expect(res.body.details).toContainEqual({ field: 'title', message: '请填写需求标题' });
    });

    it('counts a "+1" once per person, also when repeated at once', async () => {
      const target = await post(poster, { communityId: city2.a.id, buildingId: city2.a.buildingId, category: NeedCategory.Safety, title: '小区门禁坏了' });
      const first = await act(neighbour, target.id, 'plus-one').expect(200);
      expect(first.body).toEqual({ needId: target.id, plusOneCount: 1, added: true });
      const again = await act(neighbour, target.id, 'plus-one').expect(200);
      expect(again.body).toEqual({ needId: target.id, plusOneCount: 1, added: false });
      const others = await Promise.all([1, 2, 3].map(() => resident(city2.a.id)));
      const burst = await Promise.all([...others, others[0], others[0]].map((u) => act(u, target.id, 'plus-one')));
      expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      const row = await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: target.id });
      expect(row.plusCount).toBe(4);
      expect(await t.ds.getRepository(NeedPlusOneEntity).countBy({ needId: target.id })).toBe(4);
      const suggestion = (await check(neighbour, { category: NeedCategory.Safety, title: '小区门禁坏了' }).expect(200)).body[0];
      expect(suggestion.plusOneCount).toBe(4);
    });

    it('refuses a "+1" from the poster, from another community, and on a closed need', async () => {
      const target = await post(poster, { communityId: city2.a.id, buildingId: city2.a.buildingId, category: NeedCategory.Health, title: '想请医生来社区义诊' });
      const own = await act(poster, target.id, 'plus-one').expect(409);
      expect(own.body.message).toBe('这是您自己提交的需求，无需 +1');
      await act(residentB, target.id, 'plus-one').expect(403);
      await act(poster, target.id, 'withdraw').expect(200);
      const closed = await act(neighbour, target.id, 'plus-one').expect(409);
      expect(closed.body).toMatchObject({ code: ErrorCode.IllegalTransition, message: '需求已撤回，不能 +1' });
      expect(await t.ds.getRepository(NeedPlusOneEntity).countBy({ needId: target.id })).toBe(0);
    });

    it('merges a duplicate: its requester and its "+1"s count toward the target, once each', async () => {
      const target = await post(poster, { communityId: city2.a.id, buildingId: city2.a.buildingId, category: NeedCategory.Culture, title: '希望组织广场舞比赛' });
      const other = await resident(city2.a.id);
      const dup = await post(other, { communityId: city2.a.id, buildingId: city2.a.buildingId, category: NeedCategory.Culture, title: '组织一次广场舞比赛吧' });
      const both = await resident(city2.a.id);
      await act(neighbour, dup.id, 'plus-one').expect(200);
      await act(both, dup.id, 'plus-one').expect(200);
      await act(both, target.id, 'plus-one').expect(200);
      await act(poster, dup.id, 'plus-one').expect(200); // the target's own poster backs the duplicate
      const res = await act(admin2, dup.id, 'merge', { targetNeedId: target.id }).expect(200);
      expect(res.body).toMatchObject({ status: NeedStatus.Merged, mergedIntoId: target.id });
      const row = await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: target.id });
      // both (already counted) + neighbour + the duplicate's requester; the target's poster never counts.
      expect(row.plusCount).toBe(3);
      const backers = (await t.ds.getRepository(NeedPlusOneEntity).findBy({ needId: target.id })).map((x) => x.userId).sort((a, b) => a - b);
      expect(backers).toEqual([neighbour.id, other.id, both.id].sort((a, b) => a - b));
      expect(await notificationsOf(other.id, NotificationKind.NeedMerged)).toHaveLength(1);
    });

    it('refuses to merge into itself, into another community’s need, or into a closed need', async () => {
      const a = await post(poster, { communityId: city2.a.id, buildingId: city2.a.buildingId, category: NeedCategory.Legal, title: '咨询房屋继承问题' });
      const self = await act(admin2, a.id, 'merge', { targetNeedId: a.id }).expect(400);
      expect(self.body.details).toEqual([{ field: 'targetNeedId', message: '不能合并到需求自身' }]);
      const foreign = await post(alice);
      const cross = await act(admin2, a.id, 'merge', { targetNeedId: foreign.id }).expect(400);
      expect(cross.body.details[0].field).toBe('targetNeedId');
      const closed = await post(poster, { communityId: city2.a.id, buildingId: city2.a.buildingId, category: NeedCategory.Legal, title: '咨询房屋继承' });
      await act(admin2, closed.id, 'reject', { reason: '已线下解答' }).expect(200);
      const res = await act(admin2, a.id, 'merge', { targetNeedId: closed.id }).expect(409);
      expect(res.body).toMatchObject({ code: ErrorCode.IllegalTransition, message: '目标需求未受理，不能合并到该需求' });
      const missing = await act(admin2, a.id, 'merge', {}).expect(400);
      expect(missing.body.details).toContainEqual({ field: 'targetNeedId', message: '请选择要合并到的需求' });
      expect((await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: a.id })).status).toBe(NeedStatus.Submitted);
    });
  });

  describe('every transition over HTTP', () => {
    const STATES = Object.values(NeedStatus);
    const ACTIONS = Object.values(NeedAction);

    /** A need of alice's (hana's when held) brought to `state` through the API, linked to a task. */
    async function needIn(state: NeedStatus): Promise<{ need: NeedDto; owner: TestUser }> {
      const owner = state === NeedStatus.Held ? hana : alice;
      let need = await post(owner);
      await linkTask(need.id);
      const step = async (u: TestUser, action: string, payload: object = {}) => {
        need = (await act(u, need.id, action, payload).expect(200)).body;
      };
      switch (state) {
        case NeedStatus.Held:
        case NeedStatus.Submitted:
          break;
        case NeedStatus.Accepted:
          await step(adminA, 'accept');
          break;
        case NeedStatus.Rejected:
          await step(adminA, 'reject', { reason: '不属于社区服务范围' });
          break;
        case NeedStatus.Merged:
          await step(adminA, 'merge', { targetNeedId: (await post(bob)).id });
          break;
        case NeedStatus.Withdrawn:
          await step(owner, 'withdraw');
          break;
        case NeedStatus.Fulfilled:
          await step(adminA, 'accept');
          await step(adminA, 'fulfil');
          break;
        case NeedStatus.Rated:
          await step(adminA, 'accept');
          await step(adminA, 'fulfil');
          await step(owner, 'rate', { score: 5, resolved: true });
          break;
      }
      expect(need.status).toBe(state);
      return { need, owner };
    }

    async function perform(action: NeedAction, need: NeedDto, owner: TestUser) {
      switch (action) {
        case NeedAction.Release:
        case NeedAction.Accept:
        case NeedAction.Fulfil:
          return act(adminA, need.id, action, { note: '已核实' });
        case NeedAction.Reject:
          return act(adminA, need.id, 'reject', { reason: '重复提交' });
        case NeedAction.Merge:
          return act(adminA, need.id, 'merge', { targetNeedId: (await post(bob)).id });
        case NeedAction.Withdraw:
          return act(owner, need.id, 'withdraw', { reason: '问题已自行解决' });
        case NeedAction.Rate:
          return act(owner, need.id, 'rate', { score: 5, comment: '师傅很快就修好了', resolved: true });
        case NeedAction.Reopen:
          return act(owner, need.id, 'rate', { score: 2, comment: '灯还是不亮', resolved: false });
      }
    }

    const cases = STATES.flatMap((s) => ACTIONS.map((a) => [s, a] as const));

    it.each(cases)('%s --%s-->', async (state, action) => {
      const { need, owner } = await needIn(state);
      const res = await perform(action, need, owner);
      if (needMachine.can(state, action)) {
        expect(res.status).toBe(200);
        expect(res.body.status).toBe(needMachine.next(state, action));
      } else {
        expect(res.status).toBe(409);
        expect(res.body).toEqual({ code: ErrorCode.IllegalTransition, message: needMachine.whyNot(state, action), details: [] });
        expect((await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: need.id })).status).toBe(state);
      }
    });

    it('answers the refusals in Chinese', async () => {
      const { need } = await needIn(NeedStatus.Withdrawn);
      expect((await act(adminA, need.id, 'accept').expect(409)).body.message).toBe('需求已撤回，不能受理');
      const held = await needIn(NeedStatus.Held);
      expect((await act(adminA, held.need.id, 'accept').expect(409)).body.message).toBe('需求正在审核，不能受理');
      const submitted = await needIn(NeedStatus.Submitted);
      expect((await act(adminA, submitted.need.id, 'fulfil').expect(409)).body.message).toBe('需求尚未受理，不能办结');
    });

    it('records decisions and tells the resident', async () => {
      const { need } = await needIn(NeedStatus.Submitted);
      const accepted = await act(adminA, need.id, 'accept').expect(200);
      expect(accepted.body.acceptedAt).not.toBeNull();
      const rejected = await needIn(NeedStatus.Rejected);
      expect(rejected.need.rejectReason).toBe('不属于社区服务范围');
      const fulfilled = await needIn(NeedStatus.Fulfilled);
      expect(fulfilled.need.fulfilledAt).not.toBeNull();
      const residentView = await t.http().get(`/api/needs/${fulfilled.need.id}`).set(alice.auth).expect(200);
      expect(residentView.body.allowedActions).toEqual([NeedAction.Rate, NeedAction.Reopen]);
      const kinds = (await t.ds.getRepository(NotificationEntity).findBy({ userId: alice.id })).map((n) => n.kind);
      expect(kinds).toEqual(expect.arrayContaining([NotificationKind.NeedAccepted, NotificationKind.NeedRejected, NotificationKind.NeedFulfilled]));
      const note = (await notificationsOf(alice.id, NotificationKind.NeedRejected)).at(-1)!;
      expect(note.body).toContain('不属于社区服务范围');
      expect(note.payload).toMatchObject({ entityType: 'need', entityId: rejected.need.id });
    });

    it('takes decisions that need no input without a body', async () => {
      const { need } = await needIn(NeedStatus.Submitted);
      const res = await t.http().post(`/api/needs/${need.id}/accept`).set(adminA.auth).expect(200);
      expect(res.body.status).toBe(NeedStatus.Accepted);
      await t.http().post(`/api/needs/${need.id}/withdraw`).set(alice.auth).expect(200);
    });

    it('requires a reason to reject, and writes nothing without one', async () => {
      const { need } = await needIn(NeedStatus.Submitted);
      const before = await t.counts();
      const res = await act(adminA, need.id, 'reject', { reason: '  ' }).expect(400);
      expect(res.body.details).toEqual([{ field: 'reason', message: '请填写驳回原因' }]);
      const long = await act(adminA, need.id, 'reject', { reason: '因'.repeat(201) }).expect(400);
      expect(long.body.details).toEqual([{ field: 'reason', message: '原因不能超过200个字符' }]);
      expect(await t.counts()).toEqual(before);
    });

    it('lets only one of two simultaneous decisions win', async () => {
      const { need } = await needIn(NeedStatus.Submitted);
      const [a, b] = await Promise.all([act(adminA, need.id, 'accept'), act(adminA, need.id, 'reject', { reason: '重复' })]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.code).toBe(ErrorCode.IllegalTransition);
      const withdrawals = await Promise.all([1, 2, 3].map(() => act(alice, need.id, 'withdraw')));
      const row = await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: need.id });
      if (row.status === NeedStatus.Withdrawn) expect(withdrawals.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    });
  });

  describe('评单: the resident rates the service', () => {
    it('rates a fulfilled need once per serving task; "没解决" reopens it and tells the staff', async () => {
      let need = await post(alice);
      await act(adminA, need.id, 'accept').expect(200);
      const task1 = await linkTask(need.id);
      await act(adminA, need.id, 'fulfil').expect(200);

      const bad = await act(alice, need.id, 'rate', { score: 6, resolved: true }).expect(400);
      expect(bad.body.details).toEqual([{ field: 'score', message: '评分必须是1到5的整数' }]);
      const missing = await act(alice, need.id, 'rate', { score: 3 }).expect(400);
      expect(missing.body.details).toEqual([{ field: 'resolved', message: '请选择问题是否已解决' }]);

      const reopened = await act(alice, need.id, 'rate', { score: 2, comment: '灯还是不亮', resolved: false }).expect(200);
      expect(reopened.body).toMatchObject({
        status: NeedStatus.Accepted,
        reopenCount: 1,
        fulfilledAt: null,
        rating: { score: 2, comment: '灯还是不亮', resolved: false },
        taskIds: [task1],
      });
      expect(await notificationsOf(adminA.id, NotificationKind.NeedReopened)).not.toHaveLength(0);

      // Fulfilled again by hand, with no new task: the same service cannot be rated twice.
      await act(adminA, need.id, 'fulfil').expect(200);
      const twice = await act(alice, need.id, 'rate', { score: 5, resolved: true }).expect(409);
      expect(twice.body.message).toBe('您已评价过本次服务');
      need = (await t.http().get(`/api/needs/${need.id}`).set(alice.auth).expect(200)).body;
      expect(need).toMatchObject({ status: NeedStatus.Fulfilled, allowedActions: [] });

      // A new task served it: that one can be rated.
      const task2 = await linkTask(need.id);
      const rated = await act(alice, need.id, 'rate', { score: 5, comment: '这次修好了', resolved: true }).expect(200);
      expect(rated.body).toMatchObject({ status: NeedStatus.Rated, rating: { score: 5, resolved: true }, taskIds: [task1, task2] });
      expect(rated.body.ratedAt).not.toBeNull();
      const ratings = await t.ds.getRepository(RatingEntity).find({ where: { needId: need.id }, order: { id: 'ASC' } });
      expect(ratings.map((r) => [r.kind, r.taskId, r.score, !!r.resolved, r.raterUserId])).toEqual([
        ['resident', task1, 2, false, alice.id],
        ['resident', task2, 5, true, alice.id],
      ]);
    });

    it('refuses to rate a need no task served', async () => {
      const need = await post(alice);
      await act(adminA, need.id, 'accept').expect(200);
      await act(adminA, need.id, 'fulfil').expect(200);
      const res = await act(alice, need.id, 'rate', { score: 4, resolved: true }).expect(409);
      expect(res.body).toEqual({ code: ErrorCode.IllegalTransition, message: '该需求还没有关联的服务任务，暂不能评价', details: [] });
    });

    it('refuses a risky comment', async () => {
      const need = await post(alice);
      await act(adminA, need.id, 'accept').expect(200);
      await linkTask(need.id);
      await act(adminA, need.id, 'fulfil').expect(200);
      const before = await t.counts();
      const res = await act(alice, need.id, 'rate', { score: 1, comment: `${RISKY}`, resolved: true }).expect(400);
      expect(res.body.details).toEqual([{ field: 'comment', message: RISKY_MESSAGE }]);
      expect(await t.counts()).toEqual(before);
    });

    it('fulfils the accepted needs of a completed task inside the caller’s transaction (fulfilForTask)', async () => {
      const accepted = await post(alice);
      await act(adminA, accepted.id, 'accept').expect(200);
      const stillSubmitted = await post(bob);
      const task = await linkTask(accepted.id);
      await t.ds.query('INSERT INTO task_needs (task_id, need_id) VALUES (?, ?)', [task, stillSubmitted.id]);
      const service = t.app.get(TriageService);
      const done = await t.ds.transaction((m) => service.fulfilForTask(m, task));
      expect(done).toEqual([accepted.id]);
      const rows = await t.ds.getRepository(NeedEntity).findBy({ id: In([accepted.id, stillSubmitted.id]) });
      expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
        [accepted.id]: NeedStatus.Fulfilled,
        [stillSubmitted.id]: NeedStatus.Submitted,
      });
      const notes = await notificationsOf(alice.id, NotificationKind.NeedFulfilled);
      expect(notes.some((n) => n.payload.entityId === accepted.id)).toBe(true);
      // Rolled back with the caller's transaction.
      const other = await post(alice);
      await act(adminA, other.id, 'accept').expect(200);
      const task2 = await linkTask(other.id);
      await expect(
        t.ds.transaction(async (m) => {
          await service.fulfilForTask(m, task2);
          throw new Error('task completion failed');
        }),
      ).rejects.toThrow('task completion failed');
      expect((await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: other.id })).status).toBe(NeedStatus.Accepted);
    });
  });

  describe('authorization', () => {
    let need: NeedDto;

    beforeAll(async () => {
      need = await post(alice);
      await linkTask(need.id);
    });

    it('should not let a resident rate a need they did not post', async () => {
      await act(adminA, need.id, 'accept').expect(200);
      await act(adminA, need.id, 'fulfil').expect(200);
      const res = await act(bob, need.id, 'rate', { score: 1, resolved: true }).expect(403);
      expect(res.body).toMatchObject({ code: ErrorCode.Forbidden, message: '只能评价自己提出的需求' });
      await act(adminA, need.id, 'rate', { score: 5, resolved: true }).expect(403);
      expect(await t.ds.getRepository(RatingEntity).countBy({ needId: need.id })).toBe(0);
    });

    it('should not let a community admin of B read, list, summarise or decide on A’s needs', async () => {
      const open = await post(alice);
      await t.http().get(`/api/needs/${open.id}`).set(adminB.auth).expect(403);
      await t.http().get(`/api/communities/${city.a.id}/needs`).set(adminB.auth).expect(403);
      await t.http().get(`/api/communities/${city.a.id}/needs/summary?period=day`).set(adminB.auth).expect(403);
      for (const [action, payload] of [
        ['accept', {}],
        ['reject', { reason: '不是本社区' }],
        ['merge', { targetNeedId: need.id }],
        ['fulfil', {}],
        ['release', {}],
        ['withdraw', {}],
      ] as const) {
        const res = await act(adminB, open.id, action, payload).expect(403);
        expect(res.body.code).toBe(ErrorCode.Forbidden);
      }
      const needB = await post(residentB, { communityId: city.b.id, buildingId: city.b.buildingId });
      const cross = await act(adminB, needB.id, 'merge', { targetNeedId: open.id }).expect(400);
      expect(cross.body.details[0].field).toBe('targetNeedId');
      expect((await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: open.id })).status).toBe(NeedStatus.Submitted);
    });

    it('should not let a resident read another resident’s need, nor the community’s list', async () => {
      const res = await t.http().get(`/api/needs/${need.id}`).set(bob.auth).expect(403);
      expect(res.body.message).toBe('无权查看该需求');
      await t.http().get(`/api/needs/${need.id}`).set(memberA.auth).expect(403);
      await t.http().get(`/api/communities/${city.a.id}/needs`).set(bob.auth).expect(403);
      await t.http().get(`/api/communities/${city.a.id}/needs/summary?period=week`).set(bob.auth).expect(403);
      const mine = await t.http().get('/api/needs/mine?limit=100').set(bob.auth).expect(200);
      expect(mine.body.items.every((n: NeedDto) => n.createdByUserId === bob.id)).toBe(true);
      await t.http().get(`/api/needs/${need.id}`).set(alice.auth).expect(200);
    });

    it('should not let residents decide, nor street admins (who only read)', async () => {
      const open = await post(alice);
      await act(alice, open.id, 'accept').expect(403);
      await act(bob, open.id, 'withdraw').expect(403);
      await act(streetAdminA, open.id, 'accept').expect(403);
      await t.http().get(`/api/needs/${open.id}`).set(streetAdminA.auth).expect(200);
      await t.http().get(`/api/needs/${open.id}`).set(streetAdminB.auth).expect(403);
      await act(adminA, open.id, 'withdraw').expect(403);
    });

    it('answers 404 for a need that does not exist and 400 for a bad id', async () => {
      await t.http().get('/api/needs/99999999').set(alice.auth).expect(404);
      const res = await t.http().get('/api/needs/abc').set(alice.auth).expect(400);
      expect(res.body.details).toEqual([{ field: 'id', message: '编号必须是正整数' }]);
    });

    it('requires a login', async () => {
      await t.http().get('/api/needs/mine').expect(401);
      await t.http().post('/api/needs').send(body()).expect(401);
    });
  });

  describe('feeds', () => {
    let city3: City;
    let admin3: TestUser;
    let poster: TestUser;
    const ids: number[] = [];

    beforeAll(async () => {
      city3 = await buildCity(t);
      admin3 = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city3.a.id }] });
      poster = await resident(city3.a.id);
      const categories = [NeedCategory.Repair, NeedCategory.Elderly, NeedCategory.Repair, NeedCategory.Policy, NeedCategory.Repair];
      for (const [i, category] of categories.entries()) {
        const n = await post(poster, { communityId: city3.a.id, buildingId: i % 2 ? undefined : city3.a.buildingId, category, title: `需求${i}` });
        ids.push(n.id);
      }
      await act(admin3, ids[0], 'accept').expect(200);
    });

    it('pages through my needs newest first by keyset', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: Page<NeedDto> } = await t
          .http()
          .get(`/api/needs/mine?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(poster.auth)
          .expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((n: NeedDto) => n.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...ids].reverse());
    });

    it('lists a community’s needs for its staff, filtered by status, category and building', async () => {
      const all = await t.http().get(`/api/communities/${city3.a.id}/needs?limit=3`).set(admin3.auth).expect(200);
      expect(all.body.items.map((n: NeedDto) => n.id)).toEqual([ids[4], ids[3], ids[2]]);
      expect(all.body.nextCursor).toBe(String(ids[2]));
      const rest = await t.http().get(`/api/communities/${city3.a.id}/needs?limit=3&cursor=${all.body.nextCursor}`).set(admin3.auth).expect(200);
      expect(rest.body).toMatchObject({ nextCursor: null });
      expect(rest.body.items.map((n: NeedDto) => n.id)).toEqual([ids[1], ids[0]]);
      const repairs = await t.http().get(`/api/communities/${city3.a.id}/needs?category=repair&status=submitted`).set(admin3.auth).expect(200);
      expect(repairs.body.items.map((n: NeedDto) => n.id)).toEqual([ids[4], ids[2]]);
      const building = await t.http().get(`/api/communities/${city3.a.id}/needs?buildingId=${city3.a.buildingId}`).set(admin3.auth).expect(200);
      expect(building.body.items.map((n: NeedDto) => n.id)).toEqual([ids[4], ids[2], ids[0]]);
      const street = await t.http().get(`/api/communities/${city3.a.id}/needs`).set(streetAdminA.auth).expect(403);
      expect(street.body.code).toBe(ErrorCode.Forbidden);
    });

    it('refuses bad filters with Chinese messages', async () => {
      const res = await t.http().get(`/api/communities/${city3.a.id}/needs?status=done&cursor=x&limit=0`).set(admin3.auth).expect(400);
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          { field: 'status', message: '需求状态的取值不在允许范围内' },
          { field: 'cursor', message: '分页游标无效' },
          { field: 'limit', message: '每页条数不能小于1' },
        ]),
      );
    });
  });

  describe('日汇总、周研判、月总结', () => {
    let city4: City;
    let admin4: TestUser;

    const at = (iso: string) => toDbDate(new Date(iso));

    beforeAll(async () => {
      city4 = await buildCity(t);
      admin4 = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city4.a.id }] });
      const poster = await resident(city4.a.id);
      const make = async (category: NeedCategory, createdAt: string, action?: string) => {
        const n = await post(poster, { communityId: city4.a.id, buildingId: city4.a.buildingId, category, title: `${category}${createdAt}` });
        if (action === 'accept') await act(admin4, n.id, 'accept').expect(200);
        if (action === 'reject') await act(admin4, n.id, 'reject', { reason: '不受理' }).expect(200);
        await t.ds.query('UPDATE needs SET created_at = ? WHERE id = ?', [at(createdAt), n.id]);
        return n.id;
      };
      // Wednesday 2025-03-12 in Shanghai: 00:00 is 2025-03-11T16:00Z.
      await make(NeedCategory.Repair, '2025-03-11T16:00:00.000Z'); // day, first instant
      await make(NeedCategory.Repair, '2025-03-12T15:59:59.999Z', 'accept'); // day, last instant
      await make(NeedCategory.Elderly, '2025-03-12T08:00:00.000Z', 'reject'); // day
      await make(NeedCategory.Elderly, '2025-03-11T15:59:59.999Z'); // Tuesday: week, not day
      await make(NeedCategory.Health, '2025-03-09T16:00:00.000Z'); // Monday 00:00: week
      await make(NeedCategory.Health, '2025-03-09T15:59:59.999Z'); // Sunday before: month only
      await make(NeedCategory.Policy, '2025-02-28T16:00:00.000Z'); // 1 March 00:00: month
      await make(NeedCategory.Policy, '2025-02-28T15:59:59.999Z'); // February
    });

    const summary = (q: string) => t.http().get(`/api/communities/${city4.a.id}/needs/summary?${q}`).set(admin4.auth);

    it('counts the day by category and status, in Shanghai time, with GROUP BY', async () => {
      const res = await summary('period=day&date=2025-03-12').expect(200);
      expect(res.body).toMatchObject({
        communityId: city4.a.id,
        period: 'day',
        date: '2025-03-12',
        from: '2025-03-11T16:00:00.000Z',
        to: '2025-03-12T16:00:00.000Z',
        total: 3,
      });
      expect(res.body.byCategory).toMatchObject({ repair: 2, elderly: 1, health: 0, other: 0 });
      expect(Object.keys(res.body.byCategory)).toHaveLength(Object.values(NeedCategory).length);
      expect(res.body.byStatus).toMatchObject({ submitted: 1, accepted: 1, rejected: 1, held: 0 });
    });

    it('counts the week from Monday and the month from the 1st', async () => {
      const week = await summary('period=week&date=2025-03-12').expect(200);
      expect(week.body).toMatchObject({ from: '2025-03-09T16:00:00.000Z', to: '2025-03-16T16:00:00.000Z', total: 5 });
      expect(week.body.byCategory).toMatchObject({ repair: 2, elderly: 2, health: 1 });
      const month = await summary('period=month&date=2025-03-31').expect(200);
      expect(month.body).toMatchObject({ from: '2025-02-28T16:00:00.000Z', to: '2025-03-31T16:00:00.000Z', total: 7 });
      const feb = await summary('period=month&date=2025-02-01').expect(200);
      expect(feb.body.total).toBe(1);
    });

    it('lists needs not accepted within 48 hours, oldest first', async () => {
      const res = await summary('period=day').expect(200);
      expect(res.body.total).toBe(0);
      // Submitted and still waiting: everything but the accepted and the rejected one.
      expect(res.body.overdueCount).toBe(6);
      const first = res.body.overdue[0];
      expect(first).toMatchObject({ title: 'policy2025-02-28T15:59:59.999Z', category: 'policy', status: 'submitted' });
      expect(first.hoursWaiting).toBeGreaterThan(48);
      const times = res.body.overdue.map((o: { createdAt: string }) => o.createdAt);
      expect([...times].sort()).toEqual(times);
    });

    it('refuses a bad period or date', async () => {
      const res = await summary('period=year&date=2025-02-30').expect(400);
      expect(res.body.details).toEqual([{ field: 'period', message: '统计周期只能是 day、week 或 month' }]);
      const bad = await summary('period=day&date=2025-02-30').expect(400);
      expect(bad.body.details).toEqual([{ field: 'date', message: '日期无效' }]);
      const format = await summary('period=day&date=20250301').expect(400);
      expect(format.body.details).toEqual([{ field: 'date', message: '日期格式应为 YYYY-MM-DD' }]);
    });
  });
});
