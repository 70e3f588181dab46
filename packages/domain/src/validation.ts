import { PASSWORD_MIN_LENGTH } from '@sbd/contracts';

/** Mainland China mobile numbers: 11 digits starting 13–19. */
export const CN_MOBILE_PATTERN = /^1[3-9]\d{9}$/;

export function isCnMobile(value: unknown): value is string {
  return typeof value === 'string' && CN_MOBILE_PATTERN.test(value);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 18-character resident identity number (GB 11643) with its check character. */
export function isCnIdNumber(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{17}[\dXx]$/.test(value)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  if (ID_CHECK[sum % 11] !== value[17].toUpperCase()) return false;
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900;
}

/**
 * Password policy: at least 8 characters from at least 3 of the classes
 * lower case, upper case, digits, symbols. Returns a Chinese reason, or null when it passes.
 */
export function passwordPolicyViolation(password: unknown): string | null {
  if (typeof password !== 'string') return '密码必须是文本';
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少需要${PASSWORD_MIN_LENGTH}位`;
  if (password.length > 64) return '密码不能超过64位';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码需包含大写字母、小写字母、数字、符号中的至少三类';
  return null;
}
