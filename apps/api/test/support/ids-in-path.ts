import { ErrorCode } from '@sbd/contracts';
import type { TestUser } from './factories';
import type { TestApp } from './test-app';

/** A route with a body it accepts, so that only the id in the path can be wrong. */
export type IdRoute = [
  name: string,
  method: 'post' | 'patch',
  path: (id: string) => string,
  body: () => Record<string, unknown>,
];

/** Each route answers 400 编号必须是正整数 for an id that is not a number, and writes nothing. */
export function itRefusesNonNumericIds(app: () => TestApp, caller: () => TestUser, routes: IdRoute[]): void {
  it.each(routes)('%s answers 400 编号必须是正整数 for a non-numeric id', async (_, method, path, body) => {
    const t = app();
    const before = await t.counts();
    for (const id of ['abc', '1.5', 'x1', 'NaN', '12abc', '%E4%B8%80']) {
      const res = await t.http()[method](path(id)).set(caller().auth).send(body()).expect(400);
      expect(res.body).toEqual({
        code: ErrorCode.ValidationFailed,
        message: '编号必须是正整数',
        details: [{ field: 'id', message: '编号必须是正整数' }],
      });
    }
    expect(await t.counts()).toEqual(before);
  });
}
