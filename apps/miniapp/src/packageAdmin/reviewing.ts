import type { RegistrationDto } from '@sbd/contracts';
import { STORAGE_KEYS } from '../config';
import { readJson, writeJson } from '../services/storage';

/**
 * The API has no GET /api/registrations/:id, so the list hands the chosen registration to the
 * review page through storage (survives an H5 reload of the review page).
 */
export function setReviewing(reg: RegistrationDto): void {
  writeJson(STORAGE_KEYS.reviewing, reg);
}

export function getReviewing(id: number): RegistrationDto | null {
  const reg = readJson<RegistrationDto>(STORAGE_KEYS.reviewing);
  return reg && reg.id === id ? reg : null;
}
