/**
 * What the privacy specs share: community A with its admin, the secretary of its functional
 * branch and a street admin above it, the admin of community B; a resident of A who posts needs
 * with a contact phone; a member of A registered with an ID number, approved into the branch; and
 * helpers to post a need and to ask for a full number (查看完整号码).
 */
import {
  Role,
  type CreateNeedRequest,
  type NeedDto,
  type PiiRevealRequest,
  type RegistrationDto,
} from '@sbd/contracts';
import {
  aNeed,
  aRegistration,
  buildCity,
  createResident,
  createUser,
  type City,
  type TestUser,
} from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';
import { registerAs } from '../../support/verified';

/** A phone number as staff see it. */
export const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/;
export const ALICE_PHONE = '13911112222';
export const ALICE_CONTACT = '13800138000';
export const MEMBER_PHONE = '13722223333';
export const MEMBER_ID_NUMBER = '11010519491231002X';

export interface PrivacyWorld {
  t: TestApp;
  city: City;
  adminA: TestUser;
  adminB: TestUser;
  streetAdminA: TestUser;
  secretaryA: TestUser;
  /** A resident of A (account phone ALICE_PHONE). */
  alice: TestUser;
  /** A member of A, registered with MEMBER_PHONE and MEMBER_ID_NUMBER, approved into A's branch. */
  member: TestUser;
  registration: RegistrationDto;
  /** Posts a need to A (201 expected). */
  post: (user: TestUser, overrides?: Partial<CreateNeedRequest>) => Promise<NeedDto>;
  /** POST /api/pii-reveals as the user. */
  reveal: (user: TestUser, body: Partial<PiiRevealRequest>) => ReturnType<ReturnType<TestApp['http']>['post']>;
}

export async function createPrivacyWorld(): Promise<PrivacyWorld> {
  const t = await createTestApp();
  const city = await buildCity(t);
  const adminA = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
  const adminB = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }] });
  const streetAdminA = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetA }] });
  const secretaryA = await createUser(t, { roles: [{ role: Role.BranchSecretary, scopeNodeId: city.a.branchId }] });
  const alice = await createResident(t, city.a.id, { name: '张秀兰', phone: ALICE_PHONE });
  const member = await createUser(t, { phone: MEMBER_PHONE });
  const submitted = await registerAs(
    t,
    member,
    aRegistration(city.a, { name: '李红梅', phone: MEMBER_PHONE, idNumber: MEMBER_ID_NUMBER }),
  );
  const registration = (
    await t
      .http()
      .post(`/api/registrations/${(submitted.body as RegistrationDto).id}/approve`)
      .set(adminA.auth)
      .send({ branchId: city.a.branchId })
      .expect(200)
  ).body as RegistrationDto;
  const post: PrivacyWorld['post'] = async (user, overrides = {}) =>
    (await t.http().post('/api/needs').set(user.auth).send(aNeed(city.a, overrides)).expect(201)).body as NeedDto;
  const reveal: PrivacyWorld['reveal'] = (user, body) => t.http().post('/api/pii-reveals').set(user.auth).send(body);
  return { t, city, adminA, adminB, streetAdminA, secretaryA, alice, member, registration, post, reveal };
}
