/** Masks a mainland mobile number: 13812341234 → 138****1234. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.trim();
  const n = digits.length;
  if (n <= 4) return '*'.repeat(n);
  // Mobile numbers keep 3 + 4 digits; shorter values keep less, and at least 4 are always hidden.
  const head = n >= 11 ? 3 : Math.min(2, Math.floor((n - 4) / 2));
  const tail = n >= 11 ? 4 : Math.min(2, n - 4 - head);
  return `${digits.slice(0, head)}${'*'.repeat(n - head - tail)}${tail ? digits.slice(-tail) : ''}`;
}

/** Masks a resident ID number: keeps the first 6 (region) and last 4 characters. */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  const s = id.trim();
  if (s.length <= 10) return '*'.repeat(s.length);
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}

/** Masks a Chinese name for public display: 张三 → 张*, 张小明 → 张*明. */
export function maskName(name: string | null | undefined): string {
  if (!name) return '';
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
