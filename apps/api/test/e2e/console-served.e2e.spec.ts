import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDialect } from '../support/test-db';
import { createTestApp, type TestApp } from '../support/test-app';

/** Serving the console next to the H5 build is about HTTP, not the database: SQLite pass only. */
(testDialect() === 'sqlite' ? describe : describe.skip)('the PC console served under /console', () => {
  let t: TestApp;
  const dirs: string[] = [];
  const consolePage = '<!doctype html><html><head><title>双报到 · 管理后台</title></head><body></body></html>';
  const h5Page = '<!doctype html><html><head><title>双报到</title></head><body></body></html>';
  const bundle = `console.log(${JSON.stringify('管理后台'.repeat(400))});\n`;

  const build = (prefix: string, page: string, asset: string): string => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), page);
    writeFileSync(join(dir, 'assets', asset), bundle);
    return dir;
  };

  beforeAll(async () => {
    t = await createTestApp({
      H5_DIR: build('sbd-h5-', h5Page, 'h5.1a2b3c4d.js'),
      CONSOLE_DIR: build('sbd-console-', consolePage, 'app.YKQGP4AB.js'),
    });
  });
  afterAll(async () => {
    await t.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('answers every console page path with the console, and every other page with the H5', async () => {
    for (const path of ['/console', '/console/', '/console/registrations', '/console/stats/district/3']) {
      const res = await t.http().get(path).set('Accept', 'text/html').expect(200);
      expect(res.text).toBe(consolePage);
    }
    for (const path of ['/', '/packageMember/pages/task/index', '/consoles']) {
      const res = await t.http().get(path).set('Accept', 'text/html').expect(200);
      expect(res.text).toBe(h5Page);
    }
  });

  it('sends the console bundle gzipped and cached for a year, under the same security headers', async () => {
    const res = await t.http().get('/console/assets/app.YKQGP4AB.js').set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.text).toBe(bundle);
    await t.http().get('/console/assets/missing.js').expect(404);
  });

  it('leaves the API alone', async () => {
    await t.http().get('/api/no-such-route').set('Accept', 'text/html').expect(404);
    await t.http().get('/health/live').expect(200);
  });
});
