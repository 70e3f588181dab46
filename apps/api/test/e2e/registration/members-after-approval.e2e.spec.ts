/**
 * Members after approval: the branch secretary’s member list, editing one’s own registration,
 * and deleting the account.
 */
import { Role } from '@sbd/contracts';
import { RegistrationEntity } from '../../../src/identity/registration/entities/registration.entity';
import { createUser, type City, type TestUser } from '../../support/factories';
import type { TestApp } from '../../support/test-app';
import { MASKED, createRegistrationWorld, type RegistrationWorld } from './registration-world';

describe('registration (报到) from QR code to e-card', () => {
  let t: TestApp;
  let city: City;
  let adminA: TestUser;
  let submit: RegistrationWorld['submit'];

  beforeAll(async () => {
    ({ t, city, adminA, submit } = await createRegistrationWorld());
  });
  afterAll(() => t.close());

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
