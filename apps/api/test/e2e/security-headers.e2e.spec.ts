/**
 * Security headers (helmet) on everything the API serves: JSON answers, errors, the H5 app and the
 * API docs. The CSP lets the H5 build's inline script run by its hash, nothing else inline.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { expectErrorShape } from '../support/error-shape';
import { testDialect } from '../support/test-db';
import { createTestApp, type TestApp } from '../support/test-app';

const INLINE = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';

function expectSecurityHeaders(res: Response): void {
  const h = res.headers;
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(h['x-powered-by']).toBeUndefined();
  const csp = h['content-security-policy'] as string;
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*;/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(csp).not.toContain('upgrade-insecure-requests');
}

/** Headers are about HTTP, not the database: this runs once, on the SQLite pass. */
(testDialect() === 'sqlite' ? describe : describe.skip)('security headers', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sbd-h5-csp-'));
    mkdirSync(join(dir, 'js'));
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><html><head><script>${INLINE}</script><script defer src="/js/app.1a2b3c4d.js"></script></head><body><div id="app"></div></body></html>`,
    );
    writeFileSync(join(dir, 'js', 'app.1a2b3c4d.js'), 'console.log(1)');
    t = await createTestApp({ H5_DIR: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['a JSON answer', () => t.http().get('/health/live')],
    ['an API error', () => t.http().get('/api/me')],
    ['an unknown API route', () => t.http().get('/api/no-such-thing')],
    ['a refused body', () => t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('[[[')],
    ['the H5 page', () => t.http().get('/').set('Accept', 'text/html')],
    ['an H5 page path', () => t.http().get('/packageMember/pages/task/index').set('Accept', 'text/html')],
    ['an H5 bundle', () => t.http().get('/js/app.1a2b3c4d.js')],
    ['the API docs', () => t.http().get('/api/docs/')],
    ['the API docs script', () => t.http().get('/api/docs/swagger-ui-init.js')],
  ])('on %s', async (_, go) => {
    expectSecurityHeaders(await go());
  });

  it('lets exactly the H5 build’s inline script run, by its hash', async () => {
    const res = await t.http().get('/').set('Accept', 'text/html').expect(200);
    const hash = createHash('sha256').update(INLINE).digest('base64');
    expect(res.headers['content-security-policy']).toContain(`script-src 'self' 'sha256-${hash}';`);
  });

  it('allows what the H5 app and swagger-ui need: inline styles, data:/blob: images, blob: reads', async () => {
    const csp = (await t.http().get('/').set('Accept', 'text/html')).headers['content-security-policy'] as string;
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("connect-src 'self' blob:");
  });

  it('serves the API docs page whose scripts are all files (no inline script to hash)', async () => {
    const res = await t.http().get('/api/docs/').expect(200);
    const inline = [...res.text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].filter((m) =>
      m[1].trim(),
    );
    expect(inline).toEqual([]);
  });

  it('answers a malformed or missing H5 asset path in the error shape, with the headers', async () => {
    for (const path of ['/%E0%A4%A', '/js/%ZZ.js', '/js/missing.1a2b3c4d.js']) {
      const res = await t.http().get(path);
      expectSecurityHeaders(res);
      if (res.status >= 400) expectErrorShape(res);
      else expect(res.status).toBe(200); // index.html for a page path
    }
  });
});
