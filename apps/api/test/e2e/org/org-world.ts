/**
 * What the org specs share: the test city, a platform admin, the district admin, the street
 * admin of A, the community admins of A and B, a resident of A; and a helper to create a node.
 */
import { Role } from '@sbd/contracts';
import { buildCity, createUser, type City, type TestUser } from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';

/** The 8 positions every new community gets, in order. */
export const DEFAULT_POSITION_NAMES = [
  '政策宣传',
  '法律援助',
  '帮扶助困',
  '文明劝导',
  '环境整治',
  '治安巡逻',
  '文体活动',
  '医疗健康',
];

export interface OrgWorld {
  t: TestApp;
  city: City;
  platform: TestUser;
  districtAdmin: TestUser;
  streetAdminA: TestUser;
  adminA: TestUser;
  adminB: TestUser;
  resident: TestUser;
  /** POST /api/org/nodes as the user. */
  createNode: (u: TestUser, body: Record<string, unknown>) => ReturnType<ReturnType<TestApp['http']>['post']>;
}

export async function createOrgWorld(): Promise<OrgWorld> {
  const t = await createTestApp();
  const city = await buildCity(t);
  const platform = await createUser(t, { roles: [{ role: Role.PlatformAdmin, scopeNodeId: null }] });
  const districtAdmin = await createUser(t, { roles: [{ role: Role.DistrictAdmin, scopeNodeId: city.districtId }] });
  const streetAdminA = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetA }] });
  const adminA = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
  const adminB = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }] });
  const resident = await createUser(t, { roles: [{ role: Role.Resident, scopeNodeId: city.a.id }] });
  const createNode: OrgWorld['createNode'] = (u, body) => t.http().post('/api/org/nodes').set(u.auth).send(body);
  return { t, city, platform, districtAdmin, streetAdminA, adminA, adminB, resident, createNode };
}
