/** The malformed-body table of staff appointment: inviting, accepting, declining and withdrawing. */
import { Role } from '@sbd/contracts';
import { nextPhone, type TestUser } from '../../support/factories';
import type { IdRoute } from '../../support/ids-in-path';
import { badDateTime, badEnum, badId, badNote, badPhone } from '../../support/malformed';
import type { MalformedRoute } from '../../support/malformed-routes';
import type { StaffWorld } from './staff-world';

export function staffMalformedRoutes(w: () => StaffWorld): MalformedRoute[] {
  /** A fresh invitation to a fresh invitee, for each answer route's test. */
  let invitee: TestUser | null = null;
  let invitationId = 0;
  const freshInvitation = async () => {
    invitee = await w().invitee();
    invitationId = (await w().invite(w().streetA, { phone: invitee.phone })).body.id;
  };
  const answer = (action: 'accept' | 'decline'): MalformedRoute => ({
    method: 'post',
    path: `/api/role-invitations/:id/${action}`,
    id: () => invitationId,
    user: () => invitee,
    before: freshInvitation,
    bad: { note: badNote(200) },
    valid: () => ({}),
    validStatus: 200,
    noBody: true,
  });
  return [
    {
      method: 'post',
      path: '/api/role-invitations',
      user: () => w().streetA,
      bad: {
        phone: badPhone(),
        role: badEnum(Object.values(Role)),
        nodeId: badId(),
        termEndsAt: badDateTime(),
        note: badNote(200),
      },
      valid: () => ({
        phone: nextPhone(),
        role: Role.CommunityAdmin,
        nodeId: w().city.a.id,
        termEndsAt: '2099-12-31T16:00:00.000Z',
        note: '换届任命',
      }),
      validStatus: 201,
    },
    answer('accept'),
    answer('decline'),
    {
      method: 'post',
      path: '/api/role-invitations/:id/cancel',
      id: () => invitationId,
      user: () => w().streetA,
      before: freshInvitation,
      bad: { note: badNote(200) },
      valid: () => ({}),
      validStatus: 200,
      noBody: true,
    },
  ];
}

export const staffIdRoutes: IdRoute[] = [
  ['POST /api/role-invitations/:id/accept', 'post', (id) => `/api/role-invitations/${id}/accept`, () => ({})],
  ['POST /api/role-invitations/:id/decline', 'post', (id) => `/api/role-invitations/${id}/decline`, () => ({})],
  ['POST /api/role-invitations/:id/cancel', 'post', (id) => `/api/role-invitations/${id}/cancel`, () => ({})],
];
