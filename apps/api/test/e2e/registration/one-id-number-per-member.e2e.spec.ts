/**
 * One ID number, one member: a registration with an ID number that another approved member
 * already uses is refused, although the number is stored encrypted (it is compared by its keyed
 * hash, `id_number_hash`).
 */
import { ErrorCode, RegistrationStatus } from '@sbd/contracts';
import { RegistrationEntity } from '../../../src/identity/registration/entities/registration.entity';
import { aRegistration, createUser, type City, type TestUser } from '../../support/factories';
import type { TestApp } from '../../support/test-app';
import { provePhone, registerAs } from '../../support/verified';
import { createRegistrationWorld, type RegistrationWorld } from './registration-world';

const TAKEN = '该身份证号已被其他党员使用，请核对后重新填写；如确为本人证件，请联系社区工作人员';

describe('one ID number per member', () => {
  let t: TestApp;
  let city: City;
  let adminA: TestUser;
  let submit: RegistrationWorld['submit'];

  beforeAll(async () => {
    ({ t, city, adminA, submit } = await createRegistrationWorld());
  });
  afterAll(() => t.close());

  const approve = (id: number) => t.http().post(`/api/registrations/${id}/approve`).set(adminA.auth).send({});

  it('should refuse a second member the ID number of an approved member, whatever the case of its X', async () => {
    const first = await submit(await createUser(t), { idNumber: '11010519491231002X' });
    await approve(first.id).expect(200);

    const second = await createUser(t);
    const body = aRegistration(city.a, { idNumber: '11010519491231002x' });
    await provePhone(t, second, body.phone);
    const before = await t.counts();
    const res = await t.http().post('/api/registrations').set(second.auth).send(body).expect(409);
    expect(res.body).toEqual({
      code: ErrorCode.Conflict,
      message: TAKEN,
      details: [{ field: 'idNumber', message: TAKEN }],
    });
    expect(await t.counts()).toEqual(before);

    // Without the ID number, or with their own, the second member registers.
    await submit(second, { idNumber: '320602198001011235' });
  });

  it('lets pending and rejected registrations share a number, but approves only the first of them', async () => {
    const [a, b, c] = [await createUser(t), await createUser(t), await createUser(t)];
    const regA = await submit(a, { idNumber: '320602198505052348' });
    const regB = await submit(b, { idNumber: '320602198505052348' });
    const regC = await submit(c, { idNumber: '320602198505052348' });
    await t
      .http()
      .post(`/api/registrations/${regC.id}/reject`)
      .set(adminA.auth)
      .send({ reason: '信息有误' })
      .expect(200);

    await approve(regA.id).expect(200);
    const res = await approve(regB.id).expect(409);
    expect(res.body.message).toBe('该报到填写的身份证号已被其他已报到党员使用，请核实身份后再审核，或驳回并说明原因');
    expect(res.body.details).toEqual([{ field: 'idNumber', message: res.body.message }]);
    const rowB = await t.ds.getRepository(RegistrationEntity).findOneByOrFail({ id: regB.id });
    expect(rowB.status).toBe(RegistrationStatus.Pending);

    // The rejected one, corrected and sent again with the same number, is refused now.
    const again = await registerAs(t, c, aRegistration(city.a, { idNumber: '320602198505052348' }), 409);
    expect(again.body.message).toBe(TAKEN);
  });

  it('keeps the number itself out of the look-up column', async () => {
    const reg = await submit(await createUser(t), { idNumber: '320602199009093452' });
    const row = await t.ds.getRepository(RegistrationEntity).findOneByOrFail({ id: reg.id });
    expect(row.idNumberHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.idNumberHash).not.toContain('320602199009093452');
    expect(row.idNumberEnc).not.toContain('320602199009093452');
  });
});
