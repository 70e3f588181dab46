/**
 * A sweep over every write route of the running app (POST, PUT, PATCH, enumerated from the Express
 * router Nest built, not from a list kept by hand): each gets bodies that break the input bounds
 * (depth, key count, size), bodies that are not JSON or not JSON at all, and generated bodies of
 * wrong types. DELETE routes take no body and ignore a JSON one (DELETE /api/me would delete the
 * caller): they get only the bodies refused before any route runs. Never a 5xx; every refusal is `{ code, message, details }` in Chinese;
 * and the database is exactly as it was.
 *
 * Ids in paths name rows that do not exist, so a body the route happens to accept (a route whose
 * body is optional) still changes nothing; the caller is a platform administrator, so most
 * requests pass the guards and reach validation.
 */
import { Role } from '@sbd/contracts';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { buildCity, createUser, type TestUser } from '../support/factories';
import { POISON, isPlainObject, snapshotRows } from '../support/malformed';
import { createTestApp, type TestApp } from '../support/test-app';
import { expectErrorShape } from '../support/error-shape';

const RUNS = Number(process.env.FC_RUNS ?? 24);
const MISSING_ID = '999999999';

interface WriteRoute {
  method: 'post' | 'put' | 'patch' | 'delete';
  path: string;
}

/** Every route Nest registered on Express, with its method. */
function writeRoutes(t: TestApp): WriteRoute[] {
  const server = t.app.getHttpAdapter().getInstance() as {
    router?: { stack: unknown[] };
    _router?: { stack: unknown[] };
  };
  const stack = (server.router ?? server._router)?.stack ?? [];
  const out: WriteRoute[] = [];
  for (const layer of stack as { route?: { path: string; methods: Record<string, boolean> } }[]) {
    if (!layer.route) continue;
    for (const m of Object.keys(layer.route.methods)) {
      if (m === 'post' || m === 'put' || m === 'patch' || m === 'delete')
        out.push({ method: m, path: layer.route.path });
    }
  }
  return out;
}

const repeat = (open: string, close: string, n: number, inner = '1') => `${open.repeat(n)}${inner}${close.repeat(n)}`;
const keys = (n: number, prefix = 'k') => `{${Array.from({ length: n }, (_, i) => `"${prefix}${i}":1`).join(',')}}`;

/** Bodies refused whatever the route: [what, content type, body]; the first ones before any route runs. */
const BOUNDED: [string, string, string][] = [
  ['depth 33 (arrays)', 'application/json', repeat('[', ']', 33)],
  ['depth 1,400 (arrays)', 'application/json', repeat('[', ']', 1400, '')],
  ['depth 50,000 (arrays)', 'application/json', repeat('[', ']', 50_000, '')],
  ['depth 40 (objects)', 'application/json', repeat('{"a":', '}', 40)],
  ['depth 1,400 (objects)', 'application/json', repeat('{"a":', '}', 1400)],
  ['depth 600 (mixed, in a field)', 'application/json', `{"name":${repeat('[{"a":', '}]', 300)}}`],
  [
    'depth 100 (strings with brackets do not count, these do)',
    'application/json',
    `{"s":"[[[[","t":${repeat('[', ']', 100)}}`,
  ],
  ['2,001 keys', 'application/json', keys(2001)],
  ['10,000 keys', 'application/json', keys(10_000)],
  ['60,000 keys', 'application/json', keys(60_000)],
  ['2,500 keys in nested objects', 'application/json', `{"a":${keys(1250)},"b":${keys(1250)}}`],
  ['a string over 1 MB', 'application/json', JSON.stringify({ name: 'x'.repeat(1_100_000) })],
  ['JSON as text/plain', 'text/plain', '{"name":"x"}'],
  ['a form', 'application/x-www-form-urlencoded', 'name=x&a[b][c]=1'],
  ['XML', 'application/xml', '<a>1</a>'],
  [
    'multipart',
    'multipart/form-data; boundary=B',
    '--B\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--B--\r\n',
  ],
  ['octet-stream', 'application/octet-stream', '\u0000\u0001'],
  ['a JSON vendor type', 'application/merge-patch+json', '{"name":"x"}'],
  ['JSON in latin1', 'application/json; charset=latin1', '{"name":"x"}'],
  ['broken JSON', 'application/json', '{"name":'],
  ['a trailing comma', 'application/json', '{"name":"x",}'],
  ['a NUL byte', 'application/json', '\u0000'],
  ['a bare string', 'application/json', '"x"'],
  ['a bare number', 'application/json', '42'],
];
/** Refused by validation, so not sent to DELETE routes. */
const VALIDATED: [string, string, string][] = [
  ['a 900 KB string in an unknown key', 'application/json', JSON.stringify({ [POISON]: '长'.repeat(300_000) })],
  ['an unknown key named 200 KB long', 'application/json', JSON.stringify({ ['k'.repeat(200_000)]: 1 })],
  ['2,000 keys (at the limit), all unknown', 'application/json', keys(2000)],
  ['a 32-deep body (at the limit) in an unknown key', 'application/json', `{"${POISON}":${repeat('[', ']', 31)}}`],
];

/** Generated JSON of any shape, made certainly invalid where it is an object (an unknown key). */
const wrongTypes = fc
  .anything({ maxDepth: 4, maxKeys: 6, withNullPrototype: false })
  .filter((v) => v !== undefined)
  .map((v) => JSON.parse(JSON.stringify(v) ?? 'null') as unknown)
  .map((v) => (isPlainObject(v) ? { ...v, [POISON]: 1 } : v))
  .map((v) => JSON.stringify(v));

describe('hostile bodies on every write route', () => {
  let t: TestApp;
  let platform: TestUser;
  let routes: WriteRoute[];
  const tally = { bodies: 0, refused: 0, accepted: 0 };

  beforeAll(async () => {
    t = await createTestApp();
    await buildCity(t);
    platform = await createUser(t, { roles: [{ role: Role.PlatformAdmin, scopeNodeId: null }] });
    routes = writeRoutes(t).filter((r) => r.path.startsWith('/api/'));
  });
  afterAll(async () => {
    if (process.env.SHOW_TIMINGS)
      console.log(
        `sweep: ${routes.length} write routes, ${tally.bodies} bodies, ${tally.refused} refused, ${tally.accepted} accepted`,
      );
    await t.close();
  });

  const send = (route: WriteRoute, type: string, body: string): Promise<Response> => {
    const path = route.path.replace(/:[A-Za-z]+/g, MISSING_ID);
    return t.http()[route.method](path).set(platform.auth).set('Content-Type', type).send(body);
  };

  it('finds the write routes from the running app', () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
    expect(routes).toEqual(
      expect.arrayContaining([
        { method: 'post', path: '/api/auth/login' },
        { method: 'patch', path: '/api/positions/:id' },
      ]),
    );
  });

  it('refuses every out-of-bounds or non-JSON body on every write route, in the error shape, and writes nothing', async () => {
    const bodies = routes.reduce((n, r) => n + BOUNDED.length + (r.method === 'delete' ? 0 : VALIDATED.length), 0);
    const before = await snapshotRows(t);
    const started = performance.now();
    for (const route of routes) {
      // Upload routes take multipart: a JSON-typed body there is still bounded, the other types are theirs.
      for (const [what, type, body] of route.method === 'delete' ? BOUNDED : [...BOUNDED, ...VALIDATED]) {
        const res = await send(route, type, body);
        tally.bodies++;
        try {
          expectErrorShape(res);
        } catch (err) {
          throw new Error(`${route.method.toUpperCase()} ${route.path} with ${what}: ${(err as Error).message}`);
        }
        tally.refused++;
      }
    }
    if (process.env.SHOW_TIMINGS)
      console.log(`bounded sweep: ${bodies} bodies in ${Math.round(performance.now() - started)} ms`);
    expect(await snapshotRows(t)).toEqual(before);
    // The caller is still there: nothing above reached a handler that deletes.
    await t.http().get('/api/me').set(platform.auth).expect(200);
  });

  it('answers generated bodies of wrong types on every write route without a 5xx, refusals in the error shape, and writes nothing', async () => {
    const before = await snapshotRows(t);
    for (const route of routes.filter((r) => r.method !== 'delete')) {
      await fc.assert(
        fc.asyncProperty(wrongTypes, async (body) => {
          const res = await send(route, 'application/json', body);
          tally.bodies++;
          if (res.status < 400) {
            tally.accepted++;
            return;
          }
          try {
            expectErrorShape(res);
          } catch (err) {
            throw new Error(
              `${route.method.toUpperCase()} ${route.path} with ${body.slice(0, 200)}: ${(err as Error).message}`,
            );
          }
          tally.refused++;
        }),
        { numRuns: RUNS },
      );
    }
    expect(tally.accepted).toBe(0);
    expect(await snapshotRows(t)).toEqual(before);
  });
});
