import { CHECKIN_CODE_DIGITS, CHECKIN_CODE_WINDOW, CHECKIN_PERIOD_SECONDS } from '@sbd/contracts';

/*
 * The rotating on-site check-in code: TOTP (RFC 6238) with HMAC-SHA-256 over a per-task secret.
 * SHA-256 and HMAC are written out here so the package stays free of Node and browser APIs (the
 * mini-program imports it); the API may inject a native HMAC (e.g. node:crypto) instead.
 */

/** HMAC-SHA-256(key, message) → 32 bytes. */
export type HmacFn = (key: Uint8Array, message: Uint8Array) => Uint8Array;

/** UTF-8 bytes of a string (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** SHA-256 (FIPS 180-4) of bytes → 32 bytes. */
export function sha256(data: Uint8Array): Uint8Array {
  const bitLength = data.length * 8;
  const padded = new Uint8Array(((data.length + 9 + 63) >> 6) << 6);
  padded.set(data);
  padded[data.length] = 0x80;
  // 64-bit big-endian length (messages here are far below 2^53 bits).
  const hi = Math.floor(bitLength / 0x100000000);
  const lo = bitLength >>> 0;
  const end = padded.length;
  padded[end - 8] = hi >>> 24;
  padded[end - 7] = (hi >>> 16) & 255;
  padded[end - 6] = (hi >>> 8) & 255;
  padded[end - 5] = hi & 255;
  padded[end - 4] = lo >>> 24;
  padded[end - 3] = (lo >>> 16) & 255;
  padded[end - 2] = (lo >>> 8) & 255;
  padded[end - 1] = lo & 255;

  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] = (padded[j] << 24) | (padded[j + 1] << 16) | (padded[j + 2] << 8) | padded[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i] + w[i]) | 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    out[i * 4] = h[i] >>> 24;
    out[i * 4 + 1] = (h[i] >>> 16) & 255;
    out[i * 4 + 2] = (h[i] >>> 8) & 255;
    out[i * 4 + 3] = h[i] & 255;
  }
  return out;
}

/** HMAC-SHA-256 (RFC 2104) in pure TypeScript. */
export const hmacSha256: HmacFn = (key, message) => {
  const block = 64;
  const k = new Uint8Array(block);
  k.set(key.length > block ? sha256(key) : key);
  const inner = new Uint8Array(block + message.length);
  const outer = new Uint8Array(block + 32);
  for (let i = 0; i < block; i++) {
    inner[i] = k[i] ^ 0x36;
    outer[i] = k[i] ^ 0x5c;
  }
  inner.set(message, block);
  outer.set(sha256(inner), block);
  return sha256(outer);
};

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

const keyBytes = (secret: string | Uint8Array) => (typeof secret === 'string' ? utf8Bytes(secret) : secret);

/**
 * HOTP (RFC 4226) value of `counter`, with dynamic truncation over any HMAC length
 * (RFC 6238 uses it unchanged with HMAC-SHA-256).
 */
export function hotp(secret: string | Uint8Array, counter: number, digits = 6, hmac: HmacFn = hmacSha256): string {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new RangeError('invalid counter');
  if (!Number.isInteger(digits) || digits < 1 || digits > 9) throw new RangeError('invalid digits');
  const msg = new Uint8Array(8);
  const hi = Math.floor(counter / 0x100000000);
  const lo = counter >>> 0;
  for (let i = 0; i < 4; i++) {
    msg[3 - i] = (hi >>> (8 * i)) & 255;
    msg[7 - i] = (lo >>> (8 * i)) & 255;
  }
  const mac = hmac(keyBytes(secret), msg);
  const offset = mac[mac.length - 1] & 0x0f;
  const bin = (mac[offset] & 0x7f) * 0x1000000 + (mac[offset + 1] << 16) + (mac[offset + 2] << 8) + mac[offset + 3];
  return String(bin % 10 ** digits).padStart(digits, '0');
}

function counterAt(nowMs: number, periodSeconds: number): number {
  if (!Number.isFinite(nowMs) || nowMs < 0) throw new RangeError('invalid time');
  if (!Number.isInteger(periodSeconds) || periodSeconds <= 0) throw new RangeError('invalid period');
  return Math.floor(nowMs / (periodSeconds * 1000));
}

/** TOTP (RFC 6238): the code of the period containing `nowMs`. */
export function totp(
  secret: string | Uint8Array,
  nowMs: number,
  opts: { periodSeconds?: number; digits?: number; hmac?: HmacFn } = {},
): string {
  const counter = counterAt(nowMs, opts.periodSeconds ?? CHECKIN_PERIOD_SECONDS);
  return hotp(secret, counter, opts.digits ?? CHECKIN_CODE_DIGITS, opts.hmac);
}

/** The 6-digit check-in code for a task's secret at `nowMs`; it changes every `periodSeconds`. */
export function checkinCode(
  secret: string,
  nowMs: number,
  periodSeconds = CHECKIN_PERIOD_SECONDS,
  hmac: HmacFn = hmacSha256,
): string {
  return totp(secret, nowMs, { periodSeconds, digits: CHECKIN_CODE_DIGITS, hmac });
}

/**
 * Whether `code` is the check-in code of the current period or of up to `window` periods before
 * or after it (clock drift, the time it takes to type). Anything but exactly 6 digits is false.
 */
export function verifyCheckinCode(
  secret: string,
  code: string,
  nowMs: number,
  periodSeconds = CHECKIN_PERIOD_SECONDS,
  window = CHECKIN_CODE_WINDOW,
  hmac: HmacFn = hmacSha256,
): boolean {
  if (typeof code !== 'string' || !new RegExp(`^\\d{${CHECKIN_CODE_DIGITS}}$`).test(code)) return false;
  if (!Number.isInteger(window) || window < 0) throw new RangeError('invalid window');
  const counter = counterAt(nowMs, periodSeconds);
  let ok = false;
  for (let c = Math.max(0, counter - window); c <= counter + window; c++) {
    // No early exit: the same work whichever period matches.
    if (constantTimeEqual(hotp(secret, c, CHECKIN_CODE_DIGITS, hmac), code)) ok = true;
  }
  return ok;
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Whole seconds until the current code changes: `periodSeconds` at the start of a period, 1 at its end. */
export function secondsLeft(nowMs: number, periodSeconds = CHECKIN_PERIOD_SECONDS): number {
  const periodMs = periodSeconds * 1000;
  const next = (counterAt(nowMs, periodSeconds) + 1) * periodMs;
  return Math.ceil((next - nowMs) / 1000);
}
