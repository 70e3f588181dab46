/**
 * Consent before personal data: an account that has not accepted the current privacy notice
 * cannot post a phone number (sign-up, a need with a contact, 代点单 with a phone); accepting the
 * notice (POST /api/me/consent) lets the same request through.
 */
import { ErrorCode, SIGNUP_ACCEPTED_MESSAGE } from '@sbd/contracts';
import { ConsentEntity } from '../../../src/identity/users/entities/consent.entity';
import { UserEntity } from '../../../src/identity/users/entities/user.entity';
import { PRIVACY_NOTICE } from '../../../src/identity/users/privacy-notice';
import { aNeed, aRegistration, createResident, nextPhone, type TestUser } from '../../support/factories';
import { provePhone } from '../../support/verified';
import { createPrivacyWorld, type PrivacyWorld } from './privacy-world';

const CONSENT_FIRST = {
  code: ErrorCode.ConsentRequired,
  message: '请先阅读并同意隐私政策，再提交手机号等个人信息',
  details: [],
};

describe('should not take personal data from an account that has not accepted the privacy notice', () => {
  let w: PrivacyWorld;
  beforeAll(async () => {
    w = await createPrivacyWorld();
  });
  afterAll(() => w.t.close());

  /** A resident of A whose account never accepted (or accepted an older version of) the notice. */
  const withoutConsent = async (version: string | null = null): Promise<TestUser> => {
    const user = await createResident(w.t, w.city.a.id);
    await w.t.ds.getRepository(UserEntity).update({ id: user.id }, { consentVersion: version, consentAt: null });
    return user;
  };

  it('refuses a need with a contact phone, writes nothing, and takes it once the notice is accepted', async () => {
    const user = await withoutConsent();
    const before = await w.t.counts();
    const body = aNeed(w.city.a, { contactPhone: nextPhone() });
    const res = await w.t.http().post('/api/needs').set(user.auth).send(body).expect(403);
    expect(res.body).toEqual(CONSENT_FIRST);
    expect(await w.t.counts()).toEqual(before);
    await w.t.http().post('/api/me/consent').set(user.auth).send({ version: PRIVACY_NOTICE.version }).expect(200);
    await w.t.http().post('/api/needs').set(user.auth).send(body).expect(201);
  });

  it('refuses a need whose contact would be the account’s phone, and asks again after the notice changes', async () => {
    const user = await withoutConsent('2000-01');
    const res = await w.t.http().post('/api/needs').set(user.auth).send(aNeed(w.city.a)).expect(403);
    expect(res.body).toEqual(CONSENT_FIRST);
  });

  it('still takes a need that carries no phone at all (a WeChat account without one)', async () => {
    const user = await withoutConsent();
    await w.t.ds.getRepository(UserEntity).update({ id: user.id }, { phoneEnc: null, phoneHash: null });
    const res = await w.t.http().post('/api/needs').set(user.auth).send(aNeed(w.city.a)).expect(201);
    expect(res.body.contactPhone).toBeNull();
  });

  it('refuses 代点单 with a phone from staff who have not accepted the notice', async () => {
    await w.t.ds.getRepository(UserEntity).update({ id: w.adminA.id }, { consentVersion: null });
    try {
      const body = aNeed(w.city.a, { onBehalfOf: { name: '王秀英', phone: nextPhone() } });
      const res = await w.t.http().post('/api/needs').set(w.adminA.auth).send(body).expect(403);
      expect(res.body).toEqual(CONSENT_FIRST);
    } finally {
      await w.t.ds.getRepository(UserEntity).update({ id: w.adminA.id }, { consentVersion: PRIVACY_NOTICE.version });
    }
  });

  it('refuses a sign-up without the notice accepted, and records the consent given with one', async () => {
    const phone = nextPhone();
    const before = await w.t.counts();
    for (const consentVersion of [undefined, '2000-01']) {
      const res = await w.t
        .http()
        .post('/api/auth/signup')
        .send({ phone, password: 'Str0ng!pass', name: '新居民', consentVersion })
        .expect(400);
      expect(res.body.code).toBe(ErrorCode.ValidationFailed);
      expect(new Set(res.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['consentVersion']));
    }
    expect(await w.t.counts()).toEqual(before);
    const ok = await w.t
      .http()
      .post('/api/auth/signup')
      .send({ phone, password: 'Str0ng!pass', name: '新居民', consentVersion: PRIVACY_NOTICE.version })
      .expect(202);
    expect(ok.body).toEqual({ message: SIGNUP_ACCEPTED_MESSAGE });
    const login = await w.t.http().post('/api/auth/login').send({ phone, password: 'Str0ng!pass' }).expect(200);
    expect(login.body.user.consentVersion).toBe(PRIVACY_NOTICE.version);
    const consents = await w.t.ds.getRepository(ConsentEntity).findBy({ userId: login.body.user.id });
    expect(consents.map((c) => c.noticeVersion)).toEqual([PRIVACY_NOTICE.version]);
  });

  it('refuses a registration (报到) that does not accept the current notice', async () => {
    const user = await withoutConsent();
    const body = aRegistration(w.city.a, { consentVersion: '2000-01' });
    await provePhone(w.t, user, body.phone);
    const before = await w.t.counts();
    const res = await w.t.http().post('/api/registrations').set(user.auth).send(body).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['consentVersion']);
    expect(await w.t.counts()).toEqual(before);
  });
});
