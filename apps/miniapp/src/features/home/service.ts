import { ROUTES, type MeNextDto } from '@sbd/contracts';
import { call } from '@/platform/request';

/** What comes next for the caller (GET /api/me/next); quiet: the home page works without it. */
export function fetchNext(): Promise<MeNextDto> {
  return call(ROUTES.users.next, { toast: false, loginOnExpiry: false });
}
