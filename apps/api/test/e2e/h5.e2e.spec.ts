import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDialect } from '../support/test-db';
import { createTestApp, type TestApp } from '../support/test-app';

/** Serving the H5 build is about HTTP, not the database: this runs once, on the SQLite pass. */
(testDialect() === 'sqlite' ? describe : describe.skip)('the H5 build served by the API', () => {
  let t: TestApp;
  let dir: string;
  const bundle = `console.log(${JSON.stringify('党员接单'.repeat(500))});\n`.repeat(20);
  const page = `<!doctype html><html><head><title>双报到</title></head><body><div id="app"></div>${'<!-- pad -->'.repeat(200)}</body></html>`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sbd-h5-'));
    mkdirSync(join(dir, 'js'));
    writeFileSync(join(dir, 'index.html'), page);
    writeFileSync(join(dir, 'js', 'app.1a2b3c4d.js'), bundle);
    writeFileSync(join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    // Files of the build named like API routes: the API still answers those paths.
    mkdirSync(join(dir, 'api', 'tasks'), { recursive: true });
    writeFileSync(join(dir, 'api', 'tasks', 'feed'), 'a file, not the feed');
    mkdirSync(join(dir, 'health'));
    writeFileSync(join(dir, 'health', 'live'), 'a file, not the probe');
    t = await createTestApp({ H5_DIR: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends hashed bundles gzipped to browsers that accept it, cached for a year', async () => {
    const res = await t.http().get('/js/app.1a2b3c4d.js').set('Accept-Encoding', 'gzip, deflate, br').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['vary']).toContain('Accept-Encoding');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(Number(res.headers['content-length'])).toBeLessThan(Buffer.byteLength(bundle) / 5);
    expect(res.text).toBe(bundle); // supertest unzips
    // A repeat visit revalidates with the ETag and gets no body.
    await t
      .http()
      .get('/js/app.1a2b3c4d.js')
      .set('Accept-Encoding', 'gzip')
      .set('If-None-Match', res.headers['etag'])
      .expect(304);
  });

  it('sends the plain file to a client that does not accept gzip', async () => {
    const res = await t.http().get('/js/app.1a2b3c4d.js').set('Accept-Encoding', 'identity').expect(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.text).toBe(bundle);
  });

  it('answers page paths with index.html (history routing), revalidated every time', async () => {
    for (const path of ['/', '/packageMember/pages/task/index']) {
      const res = await t.http().get(path).set('Accept', 'text/html').set('Accept-Encoding', 'gzip').expect(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toBe(page);
    }
  });

  it('serves other files as they are, and leaves the API alone', async () => {
    const png = await t.http().get('/logo.png').set('Accept-Encoding', 'gzip').expect(200);
    expect(png.headers['content-encoding']).toBeUndefined();
    const api = await t
      .http()
      .get('/api/tasks/feed')
      .set('Accept', 'text/html')
      .set('Accept-Encoding', 'gzip')
      .expect(401);
    expect(api.headers['vary'] ?? '').not.toContain('Accept-Encoding');
    expect(api.body.code).toBeDefined();
    await t.http().get('/health/live').set('Accept-Encoding', 'gzip').expect(200, { status: 'ok' });
    await t.http().get('/api').set('Accept', 'text/html').expect(404);
  });

  it('puts no ETag on API answers, which are per user', async () => {
    const res = await t.http().get('/health/live').expect(200);
    expect(res.headers['etag']).toBeUndefined();
  });
});
