import { ROUTES } from '@sbd/contracts';
import { call } from '@/platform/api';

export interface BulkResult {
  done: number;
  failed: { id: number; message: string }[];
}

/**
 * Approves or rejects the chosen registrations one request each (the API's own checks and audit
 * apply to every one), two at a time, and reports which failed and why instead of stopping.
 */
export async function reviewAll(ids: number[], decision: 'approve' | 'reject', reason = ''): Promise<BulkResult> {
  const result: BulkResult = { done: 0, failed: [] };
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        if (decision === 'approve') await call(ROUTES.registrations.approve, { params: { id }, body: {} });
        else await call(ROUTES.registrations.reject, { params: { id }, body: { reason } });
        result.done += 1;
      } catch (e) {
        result.failed.push({ id, message: (e as Error).message });
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return result;
}
