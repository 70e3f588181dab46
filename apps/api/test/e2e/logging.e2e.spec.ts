import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { testDialect } from '../support/test-db';

/** The built API as a real process on a scratch SQLite file, its JSON log lines collected. */
async function startApi(logLevel: string): Promise<Omit<ApiProcess, 'stop'> & { stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'sbd-log-'));
  const api = await startApiProcess({
    NODE_ENV: 'development',
    SHUTDOWN_DRAIN_MS: '0',
    DATA_DIR: dir,
    SQLITE_PATH: join(dir, 'db.sqlite'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    FIELD_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    WECHAT_APP_ID: 'wx-log-test',
    WECHAT_APP_SECRET: 'log-test-secret',
    PUBLIC_BASE_URL: 'https://sbd.example.test',
    H5_DIR: '/nonexistent',
    SCHEDULER_ENABLED: 'false',
    LOG_LEVEL: logLevel,
  }).catch((err: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  return {
    ...api,
    stop: async () => {
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Request logs are about the process, not the database: this runs once, on the SQLite pass. */
(testDialect() === 'sqlite' ? describe : describe.skip)('request logs', () => {
  it('at info, logs one JSON line per request with the token redacted', async () => {
    const api = await startApi('info');
    try {
      const res = await fetch(`${api.url}/api/tasks/feed`, {
        headers: { authorization: 'Bearer not-a-real-token', 'x-request-id': 'nginx-3f2a9c' },
      });
      expect(res.status).toBe(401);
      await new Promise((r) => setTimeout(r, 200));
      const line = api.lines().find((l) => (l.req as { url?: string } | undefined)?.url === '/api/tasks/feed');
      expect(line).toBeDefined();
      expect((line!.res as { statusCode: number }).statusCode).toBe(401);
      expect((line!.req as { headers: Record<string, string> }).headers.authorization).toBe('[Redacted]');
      // The proxy's request id (nginx forwards X-Request-Id) is the log line's id.
      expect((line!.req as { id: unknown }).id).toBe('nginx-3f2a9c');
      expect(JSON.stringify(api.lines())).not.toContain('not-a-real-token');
    } finally {
      await api.stop();
    }
  }, 90_000);

  it('above info, logs no line for an ordinary request', async () => {
    const api = await startApi('warn');
    try {
      expect((await fetch(`${api.url}/api/tasks/feed`)).status).toBe(401);
      await new Promise((r) => setTimeout(r, 200));
      expect(api.lines().filter((l) => l.req)).toEqual([]);
    } finally {
      await api.stop();
    }
  }, 90_000);
});
