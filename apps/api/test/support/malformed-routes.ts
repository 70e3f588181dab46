/**
 * The route-table half of the malformed-body harness: a feature's spec hands in its table of write
 * routes (who calls each, on which row, which values each DTO key must refuse, a body it accepts)
 * and gets the property tests — every generated malformed body answered 400 with a Chinese message,
 * nothing written, nothing sent to WeChat, then the valid body accepted — plus the check that the
 * table lists every POST/PATCH/PUT route of the feature's OpenAPI tags.
 *
 * Set MALFORMED_COUNT_FILE to have each spec file append how many generated bodies it sent.
 */
import { ErrorCode } from '@sbd/contracts';
import fc from 'fast-check';
import { appendFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Response } from 'supertest';
import type { TestUser } from './factories';
import { expectRefused, malformedBodies, snapshotRows, type BodySpec } from './malformed';
import type { TestApp } from './test-app';

export type WriteMethod = 'post' | 'patch' | 'put';

export interface MalformedRoute extends BodySpec {
  method: WriteMethod;
  /** With `:id` where the route has one; `id()` fills it in. */
  path: string;
  id?: () => number;
  /** Who calls it; null for the public auth routes. */
  user: () => TestUser | null;
  /** For each key of the DTO, values the API must refuse. Empty: the route takes no input. */
  bad: BodySpec['bad'];
  /** A body the API accepts; the "almost valid" bodies break one field of it. */
  valid: () => Record<string, unknown>;
  /** The status of the valid body, checked once after the generated ones. */
  validStatus: number;
  /** Brings a fresh row into the state the action needs (run before each test of the route). */
  before?: () => Promise<void>;
  /** An action that needs no input: it declares an optional note, so junk is refused like everywhere else. */
  noBody?: true;
}

export interface MalformedSuite {
  /** The app under test (set in the spec's beforeAll). */
  app: () => TestApp;
  /** The OpenAPI tags whose write routes the table must list, exactly. */
  tags: string[];
  /** Runs per family of bodies, and for the family of huge bodies. */
  runs: number;
  hugeRuns: number;
}

export const routeName = (r: Pick<MalformedRoute, 'method' | 'path'>) => `${r.method.toUpperCase()} ${r.path}`;
export const routePath = (r: MalformedRoute, id?: string) => r.path.replace(':id', id ?? String(r.id?.()));

let bodiesSent = 0;
/** For suites that send their generated bodies themselves (multipart uploads): counts one more. */
export const countBodySent = (): void => {
  bodiesSent += 1;
};
afterAll(() => {
  const file = process.env.MALFORMED_COUNT_FILE;
  if (file && bodiesSent) appendFileSync(file, `${basename(expect.getState().testPath ?? 'unknown')} ${bodiesSent}\n`);
});

export function sendBody(
  t: TestApp,
  route: MalformedRoute,
  body: string,
  contentType = 'application/json',
): Promise<Response> {
  const user = route.user();
  const req = t.http()[route.method](routePath(route)).set('Content-Type', contentType);
  if (user) req.set(user.auth);
  return req.send(body);
}

/** The routes the API documents under `tags` that write (POST, PATCH, PUT), as `METHOD /path/{id}`. */
export async function documentedWrites(t: TestApp, tags: string[]): Promise<string[]> {
  const res = await t.http().get('/api/docs-json').expect(200);
  const paths = res.body.paths as Record<string, Record<string, { tags?: string[] }>>;
  return Object.entries(paths)
    .flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([m, op]) => ['post', 'patch', 'put'].includes(m) && (op.tags ?? []).some((tag) => tags.includes(tag)))
        .map(([m]) => `${m.toUpperCase()} ${path}`),
    )
    .sort();
}

type Family = keyof ReturnType<typeof malformedBodies>;

/** Every generated body refused, nothing written, nothing sent to WeChat; then the valid body accepted. */
export async function checkRoute(
  suite: MalformedSuite,
  route: MalformedRoute,
  families: Family[],
  opts: { endOnFailure?: boolean } = {},
): Promise<void> {
  const t = suite.app();
  await route.before?.();
  const countsBefore = await t.counts();
  const rowsBefore = await snapshotRows(t);
  const wechatCallsBefore = t.wechat.requests.length;
  const b = malformedBodies(route);
  const check = async (body: string) => {
    bodiesSent += 1;
    expectRefused(await sendBody(t, route, body), body);
  };
  for (const kind of families) {
    await fc.assert(fc.asyncProperty(b[kind], check), {
      numRuns: kind === 'huge' ? suite.hugeRuns : suite.runs,
      endOnFailure: opts.endOnFailure,
    });
  }
  expect(await t.counts()).toEqual(countsBefore);
  expect(await snapshotRows(t)).toEqual(rowsBefore);
  // Nothing malformed was passed on to WeChat either.
  expect(t.wechat.requests.length).toBe(wechatCallsBefore);
  await expectValidAccepted(t, route);
}

/** The same route, the same caller, a valid body: accepted, so the refusals before it were the bodies'. */
async function expectValidAccepted(
  t: TestApp,
  route: MalformedRoute,
  body = JSON.stringify(route.valid()),
): Promise<void> {
  const ok = await sendBody(t, route, body);
  expect({ status: ok.status, body: ok.status >= 400 ? ok.body : undefined }).toEqual({
    status: route.validStatus,
    body: undefined,
  });
}

/** Text that is not JSON, or JSON that is neither an object nor an array. */
const notJson = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).filter((s) => {
    try {
      const v = JSON.parse(s) as unknown;
      return v === null || typeof v !== 'object';
    } catch {
      return true;
    }
  }),
  fc.constantFrom('{bad', '{"a":1,}', "{'a': 1}", '[1, 2', 'null', '"text"', '42', 'true'),
);

/**
 * Registers the tests of a feature's table: that it lists every write route of the feature's tags,
 * and, per route, the malformed-body properties (the actions that need no body get the text that
 * is not JSON as well). Call it inside the feature's `describe`, after its beforeAll.
 */
export function describeMalformedRoutes(suite: MalformedSuite, routes: MalformedRoute[]): void {
  it(`should list every POST, PATCH and PUT route of ${suite.tags.join(', ')} in the malformed-body table`, async () => {
    expect(await documentedWrites(suite.app(), suite.tags)).toEqual(
      routes.map((r) => routeName(r).replace(/:id/g, '{id}')).sort(),
    );
  });

  const withBody = routes.filter((r) => !r.noBody);
  const withoutBody = routes.filter((r) => r.noBody);

  if (withBody.length) {
    describe.each(withBody.map((r) => [routeName(r), r] as const))('%s', (_, route) => {
      it('refuses every generated malformed body with 400 and a Chinese message, and writes nothing', async () => {
        await checkRoute(suite, route, ['anything', 'raw', 'wrongTypes', 'almostValid', 'huge']);
      });
    });
  }

  /**
   * Actions that need no body declare one anyway (NoteDto, WithdrawClaimDto), so unknown keys,
   * arrays and junk are refused like everywhere else instead of being ignored.
   */
  if (withoutBody.length) {
    describe.each(withoutBody.map((r) => [routeName(r), r] as const))('%s (reads no body)', (_, route) => {
      it('refuses text that is not JSON, and JSON that is not an object or array, with 400 MALFORMED_BODY', async () => {
        const t = suite.app();
        await route.before?.();
        const rowsBefore = await snapshotRows(t);
        await fc.assert(
          fc.asyncProperty(notJson, async (body) => {
            bodiesSent += 1;
            const res = await sendBody(t, route, body);
            expectRefused(res, body);
            if (res.body.code !== ErrorCode.MalformedBody)
              throw new Error(`expected MALFORMED_BODY, got ${JSON.stringify(res.body)}`);
          }),
          { numRuns: suite.runs },
        );
        expect(await snapshotRows(t)).toEqual(rowsBefore);
        await expectValidAccepted(t, route, '{}');
      });

      it('refuses unknown keys, arrays and junk with 400 like every other route', async () => {
        await checkRoute(suite, route, ['anything', 'wrongTypes', 'almostValid', 'huge'], { endOnFailure: true });
      });
    });
  }
}

/**
 * For each route with an `:id`, the id in the path is checked before anything else: an id that is
 * not a positive integer is answered 400 编号必须是正整数 and nothing is written.
 */
export function describeIdsInPath(suite: Pick<MalformedSuite, 'app'>, routes: MalformedRoute[]): void {
  const withId = routes.filter((r) => r.path.includes(':id'));
  if (!withId.length) return;
  describe('ids in the path', () => {
    it.each(withId.map((r) => [routeName(r), r] as const))(
      '%s answers 400 编号必须是正整数 for an id that is not a positive integer',
      async (_, route) => {
        const t = suite.app();
        const before = await t.counts();
        for (const id of ['abc', '1.5', '0', '-1', '0x10', '1e3', '12abc']) {
          const http = t.http();
          const res = await http[route.method](routePath(route, id))
            .set(route.user()?.auth ?? {})
            .send({});
          expect({ id, status: res.status, body: res.body }).toEqual({
            id,
            status: 400,
            body: {
              code: ErrorCode.ValidationFailed,
              message: '编号必须是正整数',
              details: [{ field: 'id', message: '编号必须是正整数' }],
            },
          });
        }
        expect(await t.counts()).toEqual(before);
      },
    );
  });
}

/** What most route tables need: a request that must answer `status`, or the test fails with its body. */
export async function must(req: PromiseLike<Response>, status: number): Promise<Response> {
  const res = await req;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}
