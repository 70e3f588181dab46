/**
 * The foundation (auth, org, registration, units) with one of everything a write route acts on:
 * a platform admin, community A's admin, work unit A's admin, a user with no roles, a user whose
 * registration to A is pending, two more pending registrations (to approve, to reject), and a
 * pairing of unit A with community A with one list item.
 */
import { PairingListType, Role } from '@sbd/contracts';
import { aRegistration, buildCity, createUser, type City, type TestUser } from './factories';
import { createTestApp, type TestApp } from './test-app';
import { registerAs } from './verified';

export interface FoundationWorld {
  t: TestApp;
  city: City;
  platform: TestUser;
  adminA: TestUser;
  unitAdminA: TestUser;
  /** No roles, no registration: submits registrations, consents. */
  plain: TestUser;
  /** Has a (pending) registration in A. */
  registered: TestUser;
  /** Logs in, refreshes and logs out. */
  session: TestUser;
  /** Pending registrations to A. */
  toApprove: number;
  toReject: number;
  pairingId: number;
  itemId: number;
}

export async function createFoundationWorld(): Promise<FoundationWorld> {
  const t = await createTestApp();
  const city = await buildCity(t);
  const platform = await createUser(t, { roles: [{ role: Role.PlatformAdmin, scopeNodeId: null }] });
  const adminA = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
  const unitAdminA = await createUser(t, { roles: [{ role: Role.UnitAdmin, scopeNodeId: city.unitA }] });
  const plain = await createUser(t);
  const registered = await createUser(t);
  const session = await createUser(t);
  await registerAs(t, registered, aRegistration(city.a));
  const submit = async () => {
    const u = await createUser(t);
    const res = await registerAs(t, u, aRegistration(city.a));
    return res.body.id as number;
  };
  const toApprove = await submit();
  const toReject = await submit();
  const pairingId = (
    await t
      .http()
      .post(`/api/units/${city.unitA}/pairings`)
      .set(unitAdminA.auth)
      .send({ communityId: city.a.id })
      .expect(201)
  ).body.id;
  const itemId = (
    await t
      .http()
      .post(`/api/pairings/${pairingId}/items`)
      .set(adminA.auth)
      .send({ listType: PairingListType.Projects, title: '共建口袋公园' })
      .expect(201)
  ).body.id;
  return { t, city, platform, adminA, unitAdminA, plain, registered, session, toApprove, toReject, pairingId, itemId };
}

/** Runs per family of malformed bodies on the foundation's routes (FC_RUNS overrides), and of huge bodies. */
export const FOUNDATION_RUNS = { runs: Number(process.env.FC_RUNS ?? 30), hugeRuns: 4 };
