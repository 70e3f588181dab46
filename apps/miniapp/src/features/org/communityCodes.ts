import { STORAGE_KEYS } from '@/platform/env';
import { readJson, writeJson } from '@/platform/storage';

/**
 * Community codes seen on this device, by community id. RegistrationDto carries only the
 * community id, while positions are read through the public by-code endpoint.
 */
export function rememberCommunityCode(communityId: number, code: string): void {
  const map = readJson<Record<string, string>>(STORAGE_KEYS.communityCodes) ?? {};
  if (map[String(communityId)] === code) return;
  map[String(communityId)] = code;
  writeJson(STORAGE_KEYS.communityCodes, map);
}

export function communityCodeFor(communityId: number): string | null {
  const map = readJson<Record<string, string>>(STORAGE_KEYS.communityCodes);
  return map?.[String(communityId)] ?? null;
}
