/**
 * Jest setup (setupFilesAfterEnv) for every API spec: each supertest response is checked by
 * pii-scan.ts before the spec sees it. A full phone or ID number that reached someone other than
 * its owner fails that request (its promise rejects) and, should the spec swallow the error, the
 * test in afterEach.
 */
import { Test } from 'supertest';
import { unmaskedNumbers } from './pii-scan';

type AssertFn = (this: Test, resError: unknown, res: unknown, fn?: (err: unknown, res: unknown) => void) => void;
interface TestInternals {
  method: string;
  url: string;
  app: unknown;
  _header: Record<string, unknown>;
  _data?: unknown;
  /** Query strings added with .query(), not yet in `url`. */
  _query?: string[];
}

const seen: string[] = [];
const proto = Test.prototype as unknown as { assert: AssertFn; __piiScan?: true };

if (!proto.__piiScan) {
  const original = proto.assert;
  proto.__piiScan = true;
  proto.assert = function (this: Test, resError, res, fn) {
    const t = this as unknown as TestInternals;
    const qs = (t._query ?? []).join('&');
    const url = qs ? `${t.url}${t.url.includes('?') ? '&' : '?'}${qs}` : t.url;
    const req = { method: t.method, url, server: t.app, authorization: t._header.authorization, body: t._data };
    unmaskedNumbers(req, res as never).then(
      (leaks) => {
        if (!leaks.length) return original.call(this, resError, res, fn);
        seen.push(...leaks);
        fn?.call(
          this,
          new Error(`Full phone/ID numbers reached someone other than their owner:\n${leaks.join('\n')}`),
          res,
        );
      },
      (err: unknown) => fn?.call(this, err, res),
    );
  };
}

afterEach(() => {
  const leaks = seen.splice(0);
  if (leaks.length) throw new Error(`Unmasked phone/ID numbers in responses:\n${leaks.join('\n')}`);
});
