/**
 * The community reviews registrations (list, approve with an e-card, reject, races), and who
 * else may read or decide on them (phones masked for staff).
 */
import { ErrorCode, RegistrationStatus, Role, type RegistrationDto } from '@sbd/contracts';
import { RegistrationEntity } from '../../../src/identity/registration/entities/registration.entity';
import { aRegistration, createUser, type City, type TestUser } from '../../support/factories';
import { registerAs } from '../../support/verified';
import type { TestApp } from '../../support/test-app';
import { MASKED, createRegistrationWorld, type RegistrationWorld } from './registration-world';

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
      const again = await registerAs(t, member, aRegistration(city.a, { residenceDetail: '5单元102室' }));
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
});
