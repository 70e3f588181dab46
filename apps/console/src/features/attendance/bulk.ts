import { ROUTES } from '@sbd/contracts';
import { call } from '@/platform/api';
import type { BulkResult } from './attendance-format';

/**
 * Verifies (核验) the chosen claims one request each, so the API's checks, points and audit apply
 * to every one, two at a time, and reports which failed and why instead of stopping.
 */
export async function verifyAll(ids: number[]): Promise<BulkResult> {
  const result: BulkResult = { done: 0, failed: [] };
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        await call(ROUTES.claims.verify, { params: { id }, body: {} });
        result.done += 1;
      } catch (e) {
        result.failed.push({ id, message: (e as Error).message });
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return result;
}
