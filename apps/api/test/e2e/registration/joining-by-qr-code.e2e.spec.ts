/**
 * Joining a community: its QR code and mini-program code, and submitting a registration
 * (报到) with consent, encrypted numbers and field checks.
 */
import { ErrorCode, REGISTER_PAGE_PATH, RegistrationStatus, Role } from '@sbd/contracts';
import QRCode from 'qrcode';
import { FieldCipher } from '../../../src/platform/crypto/field-cipher';
import { RegistrationEntity } from '../../../src/identity/registration/entities/registration.entity';
import { aRegistration, createUser, type City, type TestUser } from '../../support/factories';
import { provePhone, registerAs } from '../../support/verified';
import type { TestApp } from '../../support/test-app';
import { createRegistrationWorld, type RegistrationWorld } from './registration-world';

describe('registration (报到) from QR code to e-card', () => {
  let t: TestApp;
  let city: City;
  let adminA: TestUser;
  let adminB: TestUser;
  let submit: RegistrationWorld['submit'];

  beforeAll(async () => {
    ({ t, city, adminA, adminB, submit } = await createRegistrationWorld());
  });
  afterAll(() => t.close());

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
      const b1 = await registerAs(t, member, aRegistration(city.a, { buildingId: city.b.buildingId }), 400);
      expect(b1.body.details).toEqual([{ field: 'buildingId', message: '所选小区/楼栋不属于该社区' }]);
      const b2 = await registerAs(t, member, aRegistration(city.a, { positionIds: [city.b.positionIds[0]] }), 400);
      expect(b2.body.details[0].field).toBe('positionIds');
    });

    it('accepts one registration per member, even when submitted twice at once', async () => {
      const member = await createUser(t);
      const body = aRegistration(city.a);
      await provePhone(t, member, body.phone);
      const results = await Promise.all(
        [1, 2, 3].map(() => t.http().post('/api/registrations').set(member.auth).send(body)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect(await t.ds.getRepository(RegistrationEntity).countBy({ userId: member.id })).toBe(1);
    });
  });
});
