import { ROUTES } from '@sbd/contracts';
import { call } from '@/platform/api';
import { runEach, type BulkResult } from '@/platform/bulk';

/** Verifies (核验) the chosen claims, one request each so points and audit apply to every one. */
export function verifyAll(ids: number[]): Promise<BulkResult> {
  return runEach(ids, (id) => call(ROUTES.claims.verify, { params: { id }, body: {} }));
}
