import { ROUTES, type RoleInvitationDto } from '@sbd/contracts';
import { call } from '@/platform/request';

/** The caller's pending staff invitations (任命邀请), to the phones they verified. */
export function myInvitations(): Promise<RoleInvitationDto[]> {
  return call(ROUTES.staff.mine);
}

export function acceptInvitation(id: number): Promise<RoleInvitationDto> {
  return call(ROUTES.staff.accept, { params: { id } });
}

export function declineInvitation(id: number): Promise<RoleInvitationDto> {
  return call(ROUTES.staff.decline, { params: { id } });
}
