import { ROUTES, type PiiRevealDto, type PiiRevealRequest } from '@sbd/contracts';
import { call } from '@/platform/request';

/** 查看完整号码: one full number, with the reason the staff member gave (recorded in the audit log). */
export function revealNumber(body: PiiRevealRequest): Promise<PiiRevealDto> {
  return call(ROUTES.privacy.reveal, { body, toast: false });
}
