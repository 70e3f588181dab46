import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

export type TestDialect = 'sqlite' | 'mysql';

export const testDialect = (): TestDialect => (process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite');

/**
 * Refuses to run tests against anything that is not clearly a test database: the database
 * named in TEST_DATABASE_URL must contain "test". Each test file gets a database of its own
 * (created here, dropped afterwards), so files run in parallel without sharing rows.
 */
export function assertTestDatabaseUrl(url: string | undefined): URL {
  if (!url) throw new Error('TEST_DB=mysql needs TEST_DATABASE_URL (mysql://root@127.0.0.1:3306/sbd_test)');
  const parsed = new URL(url);
  const name = parsed.pathname.replace(/^\//, '');
  if (parsed.protocol !== 'mysql:' || !/test/i.test(name)) {
    throw new Error(
      `Refusing to run tests against "${name}": TEST_DATABASE_URL must name a database containing "test"`,
    );
  }
  return parsed;
}

export interface ScratchDatabase {
  /** What goes into the app's config. */
  env: { DATABASE_URL?: string; SQLITE_PATH?: string; DB_STRICT_SQL?: string };
  url: string | null;
  drop(): Promise<void>;
}

export async function createScratchDatabase(): Promise<ScratchDatabase> {
  if (testDialect() === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sbd-test-'));
    return {
      env: { SQLITE_PATH: join(dir, 'test.sqlite') },
      url: null,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const base = assertTestDatabaseUrl(process.env.TEST_DATABASE_URL);
  const name = `${base.pathname.slice(1)}_${process.env.JEST_WORKER_ID ?? 0}_${randomBytes(4).toString('hex')}`;
  const admin = new URL(base.toString());
  admin.pathname = '/';
  const conn = await createConnection(admin.toString());
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    // Strict SQL (platform/database/strict-sql.ts) unless the run turns it off with DB_STRICT_SQL=false.
    env: { DATABASE_URL: url.toString(), DB_STRICT_SQL: process.env.DB_STRICT_SQL ?? 'true' },
    url: url.toString(),
    drop: async () => {
      const c = await createConnection(admin.toString());
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}
