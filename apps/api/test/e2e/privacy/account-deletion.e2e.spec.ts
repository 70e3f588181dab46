/**
 * Deleting an account scrubs every copy of the person's phone and ID number, in the same
 * transaction as the deletion: the account, the registration, and the contact phone of each need
 * posted for them (which 需求分拣 showed after the deletion).
 */
import type { NeedDto } from '@sbd/contracts';
import { RegistrationEntity } from '../../../src/identity/registration/entities/registration.entity';
import { UserEntity } from '../../../src/identity/users/entities/user.entity';
import { NeedEntity } from '../../../src/loop/needs/entities/need.entity';
import { conflict } from '../../../src/platform/errors/app-errors';
import { PrivacyHooks } from '../../../src/platform/privacy/privacy-hooks';
import { aRegistration, createResident, nextPhone } from '../../support/factories';
import { registerAs } from '../../support/verified';
import { createPrivacyWorld, MASKED_PHONE, type PrivacyWorld } from './privacy-world';

describe('should leave no copy of a deleted account’s phone or ID number', () => {
  let w: PrivacyWorld;
  beforeAll(async () => {
    w = await createPrivacyWorld();
  });
  afterAll(() => w.t.close());

  const triage = async (): Promise<NeedDto[]> =>
    (await w.t.http().get(`/api/communities/${w.city.a.id}/needs`).set(w.adminA.auth).expect(200)).body.items;

  it('clears the contact phones of the person’s needs, so 需求分拣 shows none after the deletion', async () => {
    const resident = await createResident(w.t, w.city.a.id, { name: '将注销' });
    const given = await w.post(resident, { contactPhone: nextPhone(), title: '门口路灯坏了' });
    const own = await w.post(resident, { title: '楼道堆放杂物' });
    const proxied = await w.post(w.adminA, { onBehalfOf: { name: '王秀英', phone: nextPhone() }, title: '代点单' });
    for (const n of await triage()) if ([given.id, own.id].includes(n.id)) expect(n.contactPhone).toMatch(MASKED_PHONE);

    await w.t.http().delete('/api/me').set(resident.auth).expect(204);

    const after = await triage();
    for (const id of [given.id, own.id]) {
      expect(after.find((n) => n.id === id)).toMatchObject({ requesterName: '已注销用户', contactPhone: null });
      expect((await w.t.ds.getRepository(NeedEntity).findOneByOrFail({ id })).contactPhoneEnc).toBeNull();
    }
    // A need staff posted for someone else keeps that person's number.
    expect(after.find((n) => n.id === proxied.id)?.contactPhone).toMatch(MASKED_PHONE);
  });

  it('scrubs the registration’s phone and ID number, and keeps the record for statistics', async () => {
    const member = await createResident(w.t, w.city.a.id);
    const reg = (await registerAs(w.t, member, aRegistration(w.city.a, { idNumber: '320602198001011235' }))).body as {
      id: number;
    };
    await w.t.http().delete('/api/me').set(member.auth).expect(204);
    const row = await w.t.ds.getRepository(RegistrationEntity).findOneByOrFail({ id: reg.id });
    expect(row).toMatchObject({ name: '已注销用户', idNumberEnc: null, idNumberHash: null });
    const listed = await w.t.http().get(`/api/registrations/${reg.id}`).set(w.adminA.auth).expect(200);
    expect(listed.body).toMatchObject({ phone: '', idNumber: null });
  });

  it('deletes nothing when scrubbing a copy fails: one transaction', async () => {
    const resident = await createResident(w.t, w.city.a.id, { name: '留下' });
    const need = await w.post(resident, { contactPhone: nextPhone() });
    let fail = true;
    w.t.app.get(PrivacyHooks).onAccountDeleted(async () => {
      // An error of its own kind (not a 500, which the test app prints): the transaction rolls back.
      if (fail) throw conflict('清除失败');
    });
    try {
      await w.t.http().delete('/api/me').set(resident.auth).expect(409);
    } finally {
      fail = false;
    }
    expect(await w.t.ds.getRepository(UserEntity).findOneByOrFail({ id: resident.id })).toMatchObject({
      name: '留下',
      deletedAt: null,
    });
    expect((await w.t.ds.getRepository(NeedEntity).findOneByOrFail({ id: need.id })).contactPhoneEnc).not.toBeNull();
    await w.t.http().get('/api/me').set(resident.auth).expect(200);
  });
});
