import type { RegistrationDto } from '@sbd/contracts';
import { STORAGE_KEYS } from '@/platform/env';
import { readJson, writeJson } from '@/platform/storage';

/**
 * The list hands the chosen registration to the review page through storage, so the page shows at
 * once; when it is not there (H5 reload, a link from a notification) the page reads
 * GET /api/registrations/:id.
 */
export function setReviewing(reg: RegistrationDto): void {
  writeJson(STORAGE_KEYS.reviewing, reg);
}

export function getReviewing(id: number): RegistrationDto | null {
  const reg = readJson<RegistrationDto>(STORAGE_KEYS.reviewing);
  return reg && reg.id === id ? reg : null;
}
