/**
 * What the registration specs share: the test city, the community admins of A and B, and a helper
 * for a member to submit a valid registration to A.
 */
import { Role, type RegistrationDto, type SubmitRegistrationRequest } from '@sbd/contracts';
import { aRegistration, buildCity, createUser, type City, type TestUser } from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';
import { registerAs } from '../../support/verified';

/** A phone number as staff see it. */
export const MASKED = /^1\d{2}\*{4}\d{4}$/;

export interface RegistrationWorld {
  t: TestApp;
  city: City;
  adminA: TestUser;
  adminB: TestUser;
  /** The member submits a valid registration to community A (201 expected). */
  submit: (member: TestUser, overrides?: Partial<SubmitRegistrationRequest>) => Promise<RegistrationDto>;
}

export async function createRegistrationWorld(): Promise<RegistrationWorld> {
  const t = await createTestApp();
  const city = await buildCity(t);
  const adminA = await createUser(t, {
    name: '甲社区书记',
    roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }],
  });
  const adminB = await createUser(t, {
    name: '乙社区书记',
    roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }],
  });
  const submit: RegistrationWorld['submit'] = async (member, overrides = {}) => {
    const res = await registerAs(t, member, aRegistration(city.a, overrides));
    return res.body as RegistrationDto;
  };
  return { t, city, adminA, adminB, submit };
}
