import type { Response } from 'supertest';
import { CHINESE } from './malformed';

/** The error shape, on any 4xx: a code, a Chinese message, and details (a list, maybe empty). */
export function expectErrorShape(res: Response, status?: number | RegExp): void {
  const why = `${res.status} ${res.text.slice(0, 300)}`;
  if (status instanceof RegExp ? !status.test(String(res.status)) : status !== undefined && res.status !== status) {
    throw new Error(`expected ${status}, got ${why}`);
  }
  if (res.status < 400 || res.status >= 500) throw new Error(`expected a 4xx, got ${why}`);
  const body = res.body as { code?: unknown; message?: unknown; details?: unknown };
  if (typeof body.code !== 'string' || !/^[A-Z_]+$/.test(body.code)) throw new Error(`no code: ${why}`);
  if (typeof body.message !== 'string' || !CHINESE.test(body.message))
    throw new Error(`message is not Chinese: ${why}`);
  if (!Array.isArray(body.details)) throw new Error(`no details: ${why}`);
  for (const d of body.details as { field?: unknown; message?: unknown }[]) {
    if (typeof d.field !== 'string' || typeof d.message !== 'string' || !CHINESE.test(d.message))
      throw new Error(`bad detail: ${why}`);
  }
}
