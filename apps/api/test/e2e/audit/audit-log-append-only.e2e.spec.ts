import { ErrorCode, Role } from '@sbd/contracts';
import { buildCity, createUser, PASSWORD, type TestUser } from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';
import { testDialect } from '../../support/test-db';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe(`the audit log is append-only over the API on ${testDialect()}`, () => {
  let t: TestApp;
  let platform: TestUser;
  let admin: TestUser;
  const snapshot = async (): Promise<Record<string, unknown>[]> => t.ds.query('SELECT * FROM audit_events ORDER BY id');

  beforeAll(async () => {
    t = await createTestApp();
    const city = await buildCity(t);
    platform = await createUser(t, { roles: [{ role: Role.PlatformAdmin, scopeNodeId: null }] });
    admin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
  });
  afterAll(() => t.close());

  it('registers no route on audit events but the read', () => {
    const express = t.app.getHttpAdapter().getInstance() as { router: { stack: RouteLayer[] } };
    const routes = express.router.stack
      .filter((l) => l.route && String(l.route.path).includes('audit'))
      .flatMap((l) =>
        Object.entries(l.route!.methods)
          .filter(([m, on]) => on && m !== '_all')
          .map(([m]) => `${m.toUpperCase()} ${l.route!.path}`),
      );
    expect(routes).toEqual(['GET /api/audit-events']);
  });

  it('answers 404 to PATCH, PUT, DELETE and POST on the log and on any event, even for a platform admin', async () => {
    const [{ id }] = await t.ds.query('SELECT MIN(id) AS id FROM audit_events');
    for (const path of ['/api/audit-events', `/api/audit-events/${id}`]) {
      for (const method of ['patch', 'put', 'delete', 'post'] as const) {
        const res = await t.http()[method](path).set(platform.auth).send({ action: 'auth.login', detail: null });
        expect({ method, path, status: res.status, body: res.body }).toEqual({
          method,
          path,
          status: 404,
          body: { code: ErrorCode.NotFound, message: expect.any(String), details: [] },
        });
      }
    }
    await t.http().get(`/api/audit-events/${id}`).set(platform.auth).expect(404);
  });

  it('only ever grows: earlier events stay exactly as written while new ones are added', async () => {
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(0);
    await t.http().post('/api/auth/login').send({ phone: admin.phone, password: PASSWORD }).expect(200);
    await t.http().post('/api/auth/login').send({ phone: admin.phone, password: 'Wrong-pass1' }).expect(401);
    for (const e of before) {
      await t.http().delete(`/api/audit-events/${e.id}`).set(platform.auth).expect(404);
      await t.http().patch(`/api/audit-events/${e.id}`).set(platform.auth).send({ ip: null }).expect(404);
    }
    await t.http().get('/api/audit-events').set(platform.auth).expect(200);
    const after = await snapshot();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.length).toBe(before.length + 2);
  });
});
