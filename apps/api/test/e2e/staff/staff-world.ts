/**
 * A city with one admin at each level (platform, district, both streets, community A) and the
 * steps of an appointment as people take them: invite a phone, sign up, prove the phone, answer.
 */
import { Role, type CreateRoleInvitationRequest, type RoleInvitationDto } from '@sbd/contracts';
import type { Response } from 'supertest';
import { buildCity, createUser, nextPhone, type City, type TestUser } from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';
import { provePhone } from '../../support/verified';

export interface StaffWorld {
  t: TestApp;
  city: City;
  platform: TestUser;
  district: TestUser;
  streetA: TestUser;
  streetB: TestUser;
  communityA: TestUser;
  /** POST /api/role-invitations as `by`, expecting `status`. */
  invite: (by: TestUser, body: Partial<CreateRoleInvitationRequest>, status?: number) => Promise<Response>;
  /** Someone who signed up with `phone` and proved it (WeChat's button or an SMS code). */
  invitee: (phone?: string) => Promise<TestUser>;
  /** The invitee's pending invitations. */
  mine: (who: TestUser) => Promise<RoleInvitationDto[]>;
  answer: (who: TestUser, id: number, action: 'accept' | 'decline', status?: number) => Promise<Response>;
}

export const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/;

export async function createStaffWorld(): Promise<StaffWorld> {
  const t = await createTestApp();
  const city = await buildCity(t);
  const admin = (role: Role, scopeNodeId: number | null, name: string) =>
    createUser(t, { name, roles: [{ role, scopeNodeId }] });
  const platform = await admin(Role.PlatformAdmin, null, '平台管理员');
  const district = await admin(Role.DistrictAdmin, city.districtId, '区管理员');
  const streetA = await admin(Role.StreetAdmin, city.streetA, '甲街道管理员');
  const streetB = await admin(Role.StreetAdmin, city.streetB, '乙街道管理员');
  const communityA = await admin(Role.CommunityAdmin, city.a.id, '甲社区管理员');
  return {
    t,
    city,
    platform,
    district,
    streetA,
    streetB,
    communityA,
    invite: (by, body, status = 201) =>
      t
        .http()
        .post('/api/role-invitations')
        .set(by.auth)
        .send({ phone: nextPhone(), role: Role.CommunityAdmin, nodeId: city.a.id, ...body })
        .expect(status),
    invitee: async (phone = nextPhone()) => {
      const user = await createUser(t, { phone, name: '王建国' });
      await provePhone(t, user, phone);
      return user;
    },
    mine: async (who) => (await t.http().get('/api/role-invitations').set(who.auth).expect(200)).body,
    answer: (who, id, action, status = 200) =>
      t.http().post(`/api/role-invitations/${id}/${action}`).set(who.auth).send({}).expect(status),
  };
}
