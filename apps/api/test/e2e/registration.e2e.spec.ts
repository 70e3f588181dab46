import { ErrorCode, REGISTER_PAGE_PATH, RegistrationStatus, Role, type RegistrationDto } from '@sbd/contracts';
import QRCode from 'qrcode';
import { FieldCipher } from '../../src/platform/crypto/field-cipher';
import { RegistrationEntity } from '../../src/identity/registration/entities/registration.entity';
import { buildCity, aRegistration, createUser, type City, type TestUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const MASKED = /^1\d{2}\*{4}\d{4}$/;

describe('registration (报到) from QR code to e-card', () => {
  let t: TestApp;
  let city: City;
  let adminA: TestUser;
  let adminB: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
    adminA = await createUser(t, {
      name: '甲社区书记',
      roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }],
    });
    adminB = await createUser(t, {
      name: '乙社区书记',
      roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }],
    });
  });
  afterAll(() => t.close());

  async function submit(member: TestUser, overrides = {}): Promise<RegistrationDto> {
    const res = await t
      .http()
      .post('/api/registrations')
      .set(member.auth)
      .send(aRegistration(city.a, overrides))
      .expect(201);
    return res.body as RegistrationDto;
  }

  describe('the community QR code', () => {
    const registerUrl = () => `https://sbd.example.test/${REGISTER_PAGE_PATH}?community=${city.a.code}`;

    it('is a PNG and an SVG encoding the H5 registration URL with the community code', async () => {
      const png = await t
        .http()
        .get(`/api/communities/${city.a.id}/qrcode.png`)
        .set(adminA.auth)
        .buffer(true)
        .expect(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect((png.body as Buffer).subarray(0, 8)).toEqual(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      );
      const svg = await t.http().get(`/api/communities/${city.a.id}/qrcode.svg`).set(adminA.auth).expect(200);
      expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
      // The same URL rendered the same way gives the same symbol: the code encodes exactly this URL.
      const expected = await QRCode.toString(registerUrl(), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      expect(svg.text ?? (svg.body as Buffer).toString()).toBe(expected);
    });

    it('asks WeChat for a mini-program code with the community code as scene', async () => {
      const res = await t.http().get(`/api/communities/${city.a.id}/wxacode`).set(adminA.auth).buffer(true).expect(200);
      expect((res.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
      const call = t.wechat.requestsTo('/wxa/getwxacodeunlimit').at(-1)!;
      expect(call.body).toMatchObject({ scene: city.a.code, page: REGISTER_PAGE_PATH });
    });

    it('answers 503 in Chinese when WeChat is unreachable', async () => {
      t.wechat.failHttpNext(2, 502);
      const res = await t.http().get(`/api/communities/${city.a.id}/wxacode`).set(adminA.auth).expect(503);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.message).toBe('微信服务暂时不可用，请稍后再试');
    });

    it('should not let a community admin of B download the QR code of A', async () => {
      await t.http().get(`/api/communities/${city.a.id}/qrcode.png`).set(adminB.auth).expect(403);
    });

    it('shows a logged-in user the community by id as well', async () => {
      const resident = await createUser(t, { roles: [{ role: Role.Resident, scopeNodeId: city.a.id }] });
      const res = await t.http().get(`/api/communities/${city.a.id}/profile`).set(resident.auth).expect(200);
      expect(res.body).toMatchObject({ id: city.a.id, code: city.a.code, name: '甲社区' });
      expect(res.body.buildings.map((b: { id: number }) => b.id)).toContain(city.a.buildingId);
      await t.http().get(`/api/communities/${city.a.gridId}/profile`).set(resident.auth).expect(404);
    });

    it('shows anyone the community behind a code', async () => {
      const res = await t.http().get(`/api/communities/by-code/${city.a.code}`).expect(200);
      expect(res.body).toMatchObject({ id: city.a.id, name: '甲社区', streetName: '甲街道' });
      expect(res.body.positions).toHaveLength(8);
    });
  });

  describe('submitting', () => {
    it('records every field, stores phone and ID number encrypted, and shows the owner their own numbers', async () => {
      const member = await createUser(t);
      const reg = await submit(member, {
        phone: '13912340001',
        idNumber: '11010519491231002X',
        workUnitId: city.unitA,
        workUnitName: undefined,
      });
      expect(reg).toMatchObject({
        status: RegistrationStatus.Pending,
        communityId: city.a.id,
        phone: '13912340001',
        idNumber: '11010519491231002X',
        workUnitName: '甲单位',
        buildingId: city.a.buildingId,
        gridId: city.a.gridId,
        skills: ['法律咨询', '摄影'],
      });
      expect(reg.positions.map((p) => p.name)).toEqual(['政策宣传', '法律援助']);
      const row = await t.ds.getRepository(RegistrationEntity).findOneByOrFail({ id: reg.id });
      expect(row.phoneEnc).not.toContain('13912340001');
      expect(row.idNumberEnc).not.toContain('11010519491231002X');
      const mine = await t.http().get('/api/registrations/me').set(member.auth).expect(200);
      expect(mine.body.phone).toBe('13912340001');
    });

    it('is confirmed by the unit when a unit roster already lists the same phone and name', async () => {
      const cipher = new FieldCipher(t.config.fieldEncryptionKey);
      const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
      await t.ds.query(
        'INSERT INTO unit_roster_entries (unit_id, row_no, name, phone_enc, phone_hash, created_at) VALUES (?, 2, ?, ?, ?, ?)',
        [city.unitA, '名册党员', cipher.encrypt('13912345001'), cipher.hash('13912345001'), now],
      );
      const listed = await submit(await createUser(t), { name: '名册党员', phone: '13912345001' });
      const unlisted = await submit(await createUser(t), { name: '别的名字', phone: '13912345001' });
      expect(listed.unitConfirmed).toBe(true);
      expect(unlisted.unitConfirmed).toBe(false);
    });

    it('requires consent to the current privacy notice', async () => {
      const member = await createUser(t);
      const before = await t.counts();
      const res = await t
        .http()
        .post('/api/registrations')
        .set(member.auth)
        .send(aRegistration(city.a, { consentVersion: '2019-01' }))
        .expect(400);
      expect(res.body.details[0].field).toBe('consentVersion');
      expect(await t.counts()).toEqual(before);
    });

    it.each([
      ['phone', { phone: '12345' }, '请输入11位有效的手机号'],
      ['idNumber', { idNumber: '110105194912310021' }, '请输入有效的18位身份证号'],
      ['name', { name: '   ' }, '姓名不能为空'],
      ['residenceDetail', { residenceDetail: 'x'.repeat(201) }, '居住地址不能超过200个字符'],
    ])('refuses a bad %s with a Chinese field message and writes nothing', async (field, overrides, message) => {
      const member = await createUser(t);
      const before = await t.counts();
      const res = await t
        .http()
        .post('/api/registrations')
        .set(member.auth)
        .send(aRegistration(city.a, overrides))
        .expect(400);
      expect(res.body.code).toBe(ErrorCode.ValidationFailed);
      expect(res.body.details).toContainEqual({ field, message });
      expect(await t.counts()).toEqual(before);
    });

    it('refuses a building or position of another community', async () => {
      const member = await createUser(t);
      const b1 = await t
        .http()
        .post('/api/registrations')
        .set(member.auth)
        .send(aRegistration(city.a, { buildingId: city.b.buildingId }))
        .expect(400);
      expect(b1.body.details).toEqual([{ field: 'buildingId', message: '所选小区/楼栋不属于该社区' }]);
      const b2 = await t
        .http()
        .post('/api/registrations')
        .set(member.auth)
        .send(aRegistration(city.a, { positionIds: [city.b.positionIds[0]] }))
        .expect(400);
      expect(b2.body.details[0].field).toBe('positionIds');
    });

    it('accepts one registration per member, even when submitted twice at once', async () => {
      const member = await createUser(t);
      const body = aRegistration(city.a);
      const results = await Promise.all(
        [1, 2, 3].map(() => t.http().post('/api/registrations').set(member.auth).send(body)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect(await t.ds.getRepository(RegistrationEntity).countBy({ userId: member.id })).toBe(1);
    });
  });

  describe('review by the community', () => {
    it('lists pending registrations newest first with keyset pagination and masked phones', async () => {
      const members = await Promise.all([1, 2, 3].map(() => createUser(t)));
      const ids: number[] = [];
      for (const m of members) ids.push((await submit(m)).id);
      const page1 = await t
        .http()
        .get(`/api/communities/${city.a.id}/registrations?status=pending&limit=2`)
        .set(adminA.auth)
        .expect(200);
      expect(page1.body.items).toHaveLength(2);
      expect(page1.body.items[0].id).toBeGreaterThan(page1.body.items[1].id);
      expect(page1.body.items.every((r: RegistrationDto) => MASKED.test(r.phone))).toBe(true);
      const page2 = await t
        .http()
        .get(`/api/communities/${city.a.id}/registrations?status=pending&limit=2&cursor=${page1.body.nextCursor}`)
        .set(adminA.auth)
        .expect(200);
      const seen = [...page1.body.items, ...page2.body.items].map((r: RegistrationDto) => r.id);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(ids.slice(-2)));
    });

    it('approves, assigns branch, group and grid, and gives the member an e-card and the member role', async () => {
      const member = await createUser(t, { name: '王建军' });
      const reg = await submit(member, { name: '王建军' });
      const res = await t
        .http()
        .post(`/api/registrations/${reg.id}/approve`)
        .set(adminA.auth)
        .send({ branchId: city.a.branchId, groupId: city.a.groupId, gridId: city.a.gridId })
        .expect(200);
      expect(res.body).toMatchObject({
        status: RegistrationStatus.Approved,
        branchName: '甲社区功能型党支部',
        groupName: '甲社区党小组',
        gridName: '甲社区一网格',
      });
      expect(res.body.phone).toMatch(MASKED);

      const card = await t.http().get('/api/registrations/me/card').set(member.auth).expect(200);
      expect(card.body).toMatchObject({ name: '王建军', communityName: '甲社区', branchName: '甲社区功能型党支部' });
      expect(card.body.cardNo).toMatch(/^SBD\d{6}[0-9A-F]{6}$/);
      const verify = await t.http().get(`/api/cards/${card.body.cardNo}`).expect(200);
      expect(verify.body).toEqual({ valid: true, name: '王*军', communityName: '甲社区', status: 'approved' });

      const me = await t.http().get('/api/me').set(member.auth).expect(200);
      expect(me.body.roles).toContainEqual({ role: Role.Member, scopeNodeId: city.a.id, scopeName: '甲社区' });
    });

    it('rejects with a reason; the member sees it, corrects and submits again', async () => {
      const member = await createUser(t);
      const reg = await submit(member);
      await t.http().post(`/api/registrations/${reg.id}/reject`).set(adminA.auth).send({ reason: '  ' }).expect(400);
      await t
        .http()
        .post(`/api/registrations/${reg.id}/reject`)
        .set(adminA.auth)
        .send({ reason: '居住地址不在本社区' })
        .expect(200);
      const mine = await t.http().get('/api/registrations/me').set(member.auth).expect(200);
      expect(mine.body).toMatchObject({ status: RegistrationStatus.Rejected, rejectReason: '居住地址不在本社区' });
      await t.http().get('/api/registrations/me/card').set(member.auth).expect(409);
      const again = await t
        .http()
        .post('/api/registrations')
        .set(member.auth)
        .send(aRegistration(city.a, { residenceDetail: '5单元102室' }))
        .expect(201);
      expect(again.body).toMatchObject({ id: reg.id, status: RegistrationStatus.Pending, rejectReason: null });
    });

    it('refuses to approve twice (409 with the reason)', async () => {
      const member = await createUser(t);
      const reg = await submit(member);
      await t.http().post(`/api/registrations/${reg.id}/approve`).set(adminA.auth).send({}).expect(200);
      const res = await t.http().post(`/api/registrations/${reg.id}/approve`).set(adminA.auth).send({}).expect(409);
      expect(res.body).toMatchObject({ code: ErrorCode.IllegalTransition, message: '该报到已通过，不能重复审核' });
    });

    it('lets only one of two simultaneous decisions win', async () => {
      const member = await createUser(t);
      const reg = await submit(member);
      const [a, b] = await Promise.all([
        t.http().post(`/api/registrations/${reg.id}/approve`).set(adminA.auth).send({}),
        t.http().post(`/api/registrations/${reg.id}/reject`).set(adminA.auth).send({ reason: '重复' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
    });

    it('refuses a branch of another community', async () => {
      const member = await createUser(t);
      const reg = await submit(member);
      const res = await t
        .http()
        .post(`/api/registrations/${reg.id}/approve`)
        .set(adminA.auth)
        .send({ branchId: city.b.branchId })
        .expect(400);
      expect(res.body.details).toEqual([{ field: 'branchId', message: '所选功能型党支部不属于该社区' }]);
      const row = await t.ds.getRepository(RegistrationEntity).findOneByOrFail({ id: reg.id });
      expect(row.status).toBe(RegistrationStatus.Pending);
    });
  });

  describe('authorization', () => {
    let pending: RegistrationDto;
    let member: TestUser;

    beforeAll(async () => {
      member = await createUser(t);
      pending = await submit(member, { phone: '13912349876' });
    });

    it('should not let a community admin of B list, read, approve or reject registrations of A', async () => {
      await t.http().get(`/api/communities/${city.a.id}/registrations`).set(adminB.auth).expect(403);
      await t.http().get(`/api/registrations/${pending.id}`).set(adminB.auth).expect(403);
      await t.http().post(`/api/registrations/${pending.id}/approve`).set(adminB.auth).send({}).expect(403);
      await t
        .http()
        .post(`/api/registrations/${pending.id}/reject`)
        .set(adminB.auth)
        .send({ reason: '不是本社区' })
        .expect(403);
    });

    it('should not let a member approve anything, not even their own registration', async () => {
      const approved = await createUser(t, { roles: [{ role: Role.Member, scopeNodeId: city.a.id }] });
      await t.http().post(`/api/registrations/${pending.id}/approve`).set(approved.auth).send({}).expect(403);
    });

    it('should not let a community admin approve their own registration', async () => {
      const admin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
      const own = await submit(admin);
      const res = await t.http().post(`/api/registrations/${own.id}/approve`).set(admin.auth).send({}).expect(403);
      expect(res.body.message).toBe('不能审核自己的报到');
    });

    it('should not let a resident read anyone’s registration or phone number', async () => {
      const resident = await createUser(t, { roles: [{ role: Role.Resident, scopeNodeId: city.a.id }] });
      await t.http().get(`/api/registrations/${pending.id}`).set(resident.auth).expect(403);
      await t.http().get(`/api/communities/${city.a.id}/registrations`).set(resident.auth).expect(403);
    });

    it('masks the phone for the street admin above A, and refuses the street admin of B', async () => {
      const streetA = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetA }] });
      const streetB = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetB }] });
      const res = await t.http().get(`/api/registrations/${pending.id}`).set(streetA.auth).expect(200);
      expect(res.body.phone).toBe('139****9876');
      await t.http().get(`/api/registrations/${pending.id}`).set(streetB.auth).expect(403);
      // Reading is not deciding: only the community admin approves.
      await t.http().post(`/api/registrations/${pending.id}/approve`).set(streetA.auth).send({}).expect(403);
    });

    it('masks every phone number in every staff response', async () => {
      const list = await t
        .http()
        .get(`/api/communities/${city.a.id}/registrations?limit=100`)
        .set(adminA.auth)
        .expect(200);
      expect(list.body.items.length).toBeGreaterThan(3);
      expect(JSON.stringify(list.body)).not.toMatch(/1[3-9]\d{9}/);
    });
  });

  describe('the branch secretary', () => {
    it('lists the approved members of the branch, phones masked, and nobody else’s', async () => {
      const member = await createUser(t, { name: '支部党员' });
      const reg = await submit(member, { name: '支部党员' });
      await t
        .http()
        .post(`/api/registrations/${reg.id}/approve`)
        .set(adminA.auth)
        .send({ branchId: city.a.branchId })
        .expect(200);
      const secretary = await createUser(t, { roles: [{ role: Role.BranchSecretary, scopeNodeId: city.a.branchId }] });
      const res = await t.http().get(`/api/branches/${city.a.branchId}/members`).set(secretary.auth).expect(200);
      const row = res.body.find((m: { userId: number }) => m.userId === member.id);
      expect(row).toMatchObject({ name: '支部党员', positions: ['政策宣传', '法律援助'] });
      expect(row.phone).toMatch(MASKED);
      await t.http().get(`/api/branches/${city.b.branchId}/members`).set(secretary.auth).expect(403);
      await t.http().get(`/api/branches/${city.a.branchId}/members`).set(member.auth).expect(403);
    });
  });

  describe('the member afterwards', () => {
    it('edits skills, free time and positions', async () => {
      const member = await createUser(t);
      await submit(member);
      const res = await t
        .http()
        .patch('/api/registrations/me')
        .set(member.auth)
        .send({
          skills: ['  书法 ', '书法', '维修'],
          freeTime: [{ weekday: 6, period: 'afternoon' }],
          positionIds: [city.a.positionIds[7]],
        })
        .expect(200);
      expect(res.body.skills).toEqual(['书法', '维修']);
      expect(res.body.freeTime).toEqual([{ weekday: 6, period: 'afternoon' }]);
      expect(res.body.positions.map((p: { name: string }) => p.name)).toEqual(['医疗健康']);
      const bad = await t
        .http()
        .patch('/api/registrations/me')
        .set(member.auth)
        .send({ freeTime: [{ weekday: 8, period: 'noon' }] })
        .expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual([
        'freeTime.0.weekday',
        'freeTime.0.period',
      ]);
    });

    it('deleting the account anonymises the registration but keeps it for statistics', async () => {
      const member = await createUser(t);
      const reg = await submit(member, { name: '将注销' });
      await t.http().delete('/api/me').set(member.auth).expect(204);
      const row = await t.ds.getRepository(RegistrationEntity).findOneByOrFail({ id: reg.id });
      expect(row).toMatchObject({ name: '已注销用户', idNumberEnc: null, residenceDetail: '', communityId: city.a.id });
    });
  });
});
