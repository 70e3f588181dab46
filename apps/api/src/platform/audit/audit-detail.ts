import type { AuditDetail, AuditDetailObject, AuditDetailValue } from '@sbd/contracts';
import { maskIdNumber, maskPhone } from '@sbd/domain';

/** A detail's JSON never exceeds this many characters: a few facts, not a copy of the object. */
export const AUDIT_DETAIL_MAX_CHARS = 2000;
const MAX_KEYS = 20;
const MAX_KEY_CHARS = 48;
const MAX_STRING_CHARS = 200;
const MAX_LIST_ITEMS = 20;

/** Mainland mobile numbers and resident ID numbers (18 or 15 characters) anywhere in a text. */
const MOBILE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;
const ID_NUMBER = /(?<![0-9A-Za-z])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9A-Za-z])/g;

/** Masks every full phone or ID number in a text (defence in depth: callers pass masked values). */
export function scrubPersonalNumbers(text: string): string {
  return text.replace(ID_NUMBER, (m) => maskIdNumber(m)).replace(MOBILE, (m) => maskPhone(m));
}

function cleanString(s: string): string {
  const scrubbed = scrubPersonalNumbers(s);
  return scrubbed.length > MAX_STRING_CHARS ? `${scrubbed.slice(0, MAX_STRING_CHARS - 1)}…` : scrubbed;
}

type Scalar = string | number | boolean | null;

function cleanScalar(v: unknown): Scalar | undefined {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'string') return cleanString(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    // A number that reads as a phone or ID number is one: keep it masked, as text.
    const text = String(v);
    return scrubPersonalNumbers(text) === text ? v : scrubPersonalNumbers(text);
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return undefined;
}

function cleanList(list: unknown[]): string[] | number[] {
  const items = list.slice(0, MAX_LIST_ITEMS).map(cleanScalar);
  if (items.every((i): i is number => typeof i === 'number')) return items;
  return items.filter((i) => i !== undefined).map((i) => (i === null ? '' : String(i)));
}

function cleanValue(v: unknown, nested: boolean): AuditDetailValue | undefined {
  const scalar = cleanScalar(v);
  if (scalar !== undefined) return scalar;
  if (Array.isArray(v)) return cleanList(v);
  if (v && typeof v === 'object' && !nested) {
    const out: AuditDetailObject = {};
    for (const [k, inner] of Object.entries(v).slice(0, MAX_KEYS)) {
      const c = cleanValue(inner, true);
      if (c !== undefined && (c === null || typeof c !== 'object' || Array.isArray(c))) {
        out[k.slice(0, MAX_KEY_CHARS)] = c as AuditDetailObject[string];
      }
    }
    return out;
  }
  return undefined;
}

/**
 * What is stored as an event's detail: at most 20 keys, one level of nesting, short strings and
 * lists, every full phone or ID number masked, and at most AUDIT_DETAIL_MAX_CHARS of JSON (keys
 * past that are dropped and `truncated: true` is added). Undefined values and functions are left out.
 */
export function sanitizeDetail(detail: Record<string, unknown> | null | undefined): AuditDetail | null {
  if (!detail) return null;
  const out: AuditDetail = {};
  for (const [k, v] of Object.entries(detail).slice(0, MAX_KEYS)) {
    const c = cleanValue(v, false);
    if (c !== undefined) out[k.slice(0, MAX_KEY_CHARS)] = c;
  }
  const keys = Object.keys(out);
  if (!keys.length) return null;
  while (JSON.stringify(out).length > AUDIT_DETAIL_MAX_CHARS && keys.length) {
    delete out[keys.pop()!];
    out.truncated = true;
  }
  return out;
}
