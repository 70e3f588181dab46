/** Runtime constants. TARO_ENV and API_BASE_URL are replaced at build time (config/index.ts). */

export function isH5(): boolean {
  return process.env.TARO_ENV === 'h5';
}

export function isWeapp(): boolean {
  return process.env.TARO_ENV === 'weapp';
}

/**
 * Origin the API is reached at. H5 is served by the API itself, so it calls relative `/api/...`
 * URLs; the weapp build uses the API_BASE_URL constant (env API_BASE_URL at build time).
 */
export function apiBaseUrl(): string {
  if (isH5()) return '';
  return typeof API_BASE_URL === 'string' ? API_BASE_URL : '';
}

export const REQUEST_TIMEOUT_MS = 15_000;

export const STORAGE_KEYS = {
  session: 'sbd.session',
  elderly: 'sbd.elderly',
  communityCodes: 'sbd.communityCodes',
  reviewing: 'sbd.admin.reviewing',
  /** The user tapped 同意 in WeChat's privacy dialog, not yet recorded on the server. */
  privacyAgreed: 'sbd.privacyAgreed',
} as const;
