import { ROUTES } from '@sbd/contracts';
import { call } from '@/platform/api';
import { runEach, type BulkResult } from '@/platform/bulk';

/** Approves or rejects the chosen registrations, one request each, and reports which failed and why. */
export function reviewAll(ids: number[], decision: 'approve' | 'reject', reason = ''): Promise<BulkResult> {
  return runEach(ids, (id) =>
    decision === 'approve'
      ? call(ROUTES.registrations.approve, { params: { id }, body: {} })
      : call(ROUTES.registrations.reject, { params: { id }, body: { reason } }),
  );
}
