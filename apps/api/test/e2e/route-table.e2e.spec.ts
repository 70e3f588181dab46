import { ROUTES } from '@sbd/contracts';
import { createTestApp, type TestApp } from '../support/test-app';

/** The OpenAPI document and UI (SwaggerModule), served beside the controllers' routes. */
const DOCS = /^\/api\/docs(-json|-yaml|\/|$)/;

interface RouteLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** Every (method, path) the real app's Express router answers, as Nest registered them. */
function registeredRoutes(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance() as { router: { stack: RouteLayer[] } };
  const out: string[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    for (const path of paths) {
      if (DOCS.test(path)) continue;
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && method !== '_all') out.push(`${method.toUpperCase()} ${path}`);
      }
    }
  }
  return out;
}

describe('route table (@sbd/contracts ROUTES)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists exactly the routes Nest registers, both ways', () => {
    const registered = registeredRoutes(t);
    // Guard against reading the wrong router: the API has well over a hundred routes.
    expect(registered.length).toBeGreaterThan(100);
    const table = Object.values(ROUTES).flatMap((group) => Object.values(group).map((r) => `${r.method} ${r.path}`));
    expect(new Set(registered).size).toBe(registered.length);
    const notInTable = registered.filter((r) => !table.includes(r)).sort();
    const notRegistered = table.filter((r) => !registered.includes(r)).sort();
    expect({ notInTable, notRegistered }).toEqual({ notInTable: [], notRegistered: [] });
    expect(registered.length).toBe(table.length);
  });
});
