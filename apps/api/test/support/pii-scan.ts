/**
 * Every response an API spec receives through supertest is searched for full mainland mobile and
 * resident ID numbers (JSON, text, HTML and the cells of .xlsx files). A full number may reach only
 * its owner: the requester (named by the access token sent, or by the one a login answers) when
 * the number is their own account phone, their registration's phone or ID number, or the contact
 * phone of a need they posted — or when the request itself carried it (a login echoing the phone
 * it was sent). Anything else fails the request, and the test, unless the route is on the short
 * allowlist below. Installed for every spec by pii-scan.setup.ts.
 */
import type { Server } from 'node:http';
import { inflateRawSync } from 'node:zlib';

/** Routes that legitimately answer a full number the requester did not send and the scan cannot trace to them. */
export const FULL_NUMBER_ROUTES: readonly { method: string; path: RegExp; why: string }[] = [
  { method: 'POST', path: /^\/api\/pii-reveals$/, why: '查看完整号码: the audited reveal, with a reason' },
  {
    method: 'GET',
    path: /^\/api\/callups\/\d+\/muster\.xlsx\?(?:.*&)?reason=[^&]+/,
    why: 'the muster list with full numbers: only with a reason, audited',
  },
  { method: 'GET', path: /^\/api\/docs(?:-json$|\/)/, why: 'the API docs: example values, nobody’s number' },
  {
    method: 'POST',
    path: /^\/api\/phone-verifications\/wechat$/,
    why: 'the number WeChat has just verified for the requester: their own, never sent by them',
  },
];

/** Neither inside a word nor the fraction digits of a decimal (a score of 0.13987871875). */
const MOBILE = /(?<![0-9A-Za-z])(?<!\d\.)1[3-9]\d{9}(?![0-9A-Za-z])/g;
const ID_NUMBER =
  /(?<![0-9A-Za-z])(?<!\d\.)[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
/** Random identifiers that may contain a run of digits by chance: UUIDs, JWTs, long hex strings. */
const NOISE = [
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
  /[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
  /[0-9a-f]{24,}/gi,
];
/** JSON keys whose values are secrets or random tokens, never personal numbers. */
const TOKEN_KEY = /token|secret|hash/i;

/** Full mobile and ID numbers in a text. */
export function fullNumbersIn(text: string): string[] {
  let clean = text;
  for (const re of NOISE) clean = clean.replace(re, ' ');
  return [...(clean.match(MOBILE) ?? []), ...(clean.match(ID_NUMBER) ?? [])].map((n) => n.toUpperCase());
}

function jsonStrings(value: unknown, out: string[], key = ''): void {
  if (TOKEN_KEY.test(key)) return;
  if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
  else if (Array.isArray(value)) value.forEach((v) => jsonStrings(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) jsonStrings(v, out, k);
  }
}

/** The XML parts of a zip file (an .xlsx), read from its central directory. */
export function zipTexts(buf: Buffer): string[] {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return [];
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out: string[] = [];
  for (let i = 0; i < count && buf.readUInt32LE(at) === 0x02014b50; i++) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    at += 46 + nameLen + extraLen + commentLen;
    if (!name.endsWith('.xml')) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.push((method === 8 ? inflateRawSync(data) : data).toString('utf8'));
  }
  return out;
}

interface ScannedResponse {
  body?: unknown;
  text?: unknown;
}

/** The texts of a response where numbers could appear. */
export function responseTexts(res: ScannedResponse): string[] {
  if (Buffer.isBuffer(res.body)) {
    const isZip = res.body.length > 4 && res.body.readUInt32LE(0) === 0x04034b50;
    return isZip ? zipTexts(res.body) : [];
  }
  const strings: string[] = [];
  if (res.body && typeof res.body === 'object' && Object.keys(res.body).length) jsonStrings(res.body, strings);
  else if (typeof res.text === 'string') strings.push(res.text);
  return strings;
}

/** The user id an access token names (read, not verified: the API already verified it). */
export function tokenSubject(token: unknown): number | null {
  if (typeof token !== 'string') return null;
  const payload = token.replace(/^Bearer\s+/i, '').split('.')[1];
  if (!payload) return null;
  try {
    const sub = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown }).sub;
    return typeof sub === 'number' ? sub : null;
  } catch {
    return null;
  }
}

/** The full numbers a user owns (account, registration, their needs' contacts), per test app. */
export type OwnNumbers = (userId: number) => Promise<Set<string>>;
const owners = new WeakMap<Server, OwnNumbers>();

export function registerOwnNumbers(server: Server, resolve: OwnNumbers): void {
  owners.set(server, resolve);
}

export interface ScannedRequest {
  method: string;
  url: string;
  server: unknown;
  authorization: unknown;
  /** The request body as sent (numbers in it are the requester's to see again). */
  body?: unknown;
}

/** A description of each full number that reached someone other than its owner, or []. */
export async function unmaskedNumbers(req: ScannedRequest, res: ScannedResponse | undefined): Promise<string[]> {
  if (!res) return [];
  const path = req.url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  if (FULL_NUMBER_ROUTES.some((r) => r.method === req.method && r.path.test(path))) return [];
  const found = [...new Set(responseTexts(res).flatMap(fullNumbersIn))];
  if (!found.length) return [];
  const body = res.body as { accessToken?: unknown } | undefined;
  const requester = tokenSubject(req.authorization) ?? tokenSubject(body?.accessToken);
  const resolve = owners.get(req.server as Server);
  const sentText = typeof req.body === 'string' ? req.body : req.body ? JSON.stringify(req.body) : '';
  const sent = new Set(fullNumbersIn(sentText));
  const unsent = found.filter((n) => !sent.has(n));
  if (!unsent.length) return [];
  const own = requester !== null && resolve ? await resolve(requester) : new Set<string>();
  return unsent.filter((n) => !own.has(n)).map((n) => `${n} in ${req.method} ${path} (requester: ${requester})`);
}
