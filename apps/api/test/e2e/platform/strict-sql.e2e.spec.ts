/**
 * DB_STRICT_SQL: every MySQL/MariaDB session of the app, on the primary and on a replica, runs with a
 * strict sql_mode and a short lock wait, so that the suite catches SQL that only MariaDB's leniency
 * lets through (TiDB and OceanBase are strict). On by default in the MariaDB test run.
 */
import { DataSource } from 'typeorm';
import { ConfigError, validateConfig } from '../../../src/platform/config/validate-config';
import { STRICT_SQL_MODE } from '../../../src/platform/database/strict-sql';
import { createTestApp, type TestApp } from '../../support/test-app';
import { testDialect } from '../../support/test-db';

const base = { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), FIELD_ENCRYPTION_KEY: 'a'.repeat(64) };

describe('the strict SQL setting', () => {
  it('is off unless asked for, has a low lock wait when on, and refuses a value that is not yes or no', () => {
    expect(validateConfig(base).strictSql).toBeNull();
    expect(validateConfig({ ...base, DB_STRICT_SQL: 'true' }).strictSql).toEqual({ lockWaitTimeoutSeconds: 3 });
    expect(validateConfig({ ...base, DB_STRICT_SQL: '1', DB_LOCK_WAIT_TIMEOUT_SECONDS: '7' }).strictSql).toEqual({
      lockWaitTimeoutSeconds: 7,
    });
    expect(() => validateConfig({ ...base, DB_STRICT_SQL: 'yes please' })).toThrow(ConfigError);
    expect(() => validateConfig({ ...base, DB_STRICT_SQL: 'true', DB_LOCK_WAIT_TIMEOUT_SECONDS: '0' })).toThrow(
      ConfigError,
    );
  });
});

(testDialect() === 'mysql' ? describe : describe.skip)('strict SQL sessions on MariaDB', () => {
  let t: TestApp;
  const session = async (ds: DataSource, mode: 'master' | 'slave' = 'master') => {
    const runner = ds.createQueryRunner(mode);
    try {
      const [row] = await runner.query('SELECT @@SESSION.sql_mode AS mode, @@SESSION.innodb_lock_wait_timeout AS wait');
      return { modes: String(row.mode).split(','), wait: Number(row.wait) };
    } finally {
      await runner.release();
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('runs every connection of the pool strict, with a short lock wait', async () => {
    expect(t.config.strictSql).not.toBeNull();
    // Several at once: each is a connection of its own, the first ones opened before start-up.
    const all = await Promise.all(Array.from({ length: 5 }, () => session(t.ds)));
    for (const s of all) {
      expect(s.modes).toEqual(expect.arrayContaining(STRICT_SQL_MODE.split(',')));
      expect(s.wait).toBe(t.config.strictSql!.lockWaitTimeoutSeconds);
    }
  });

  it('refuses a non-aggregated column outside GROUP BY instead of picking any row', async () => {
    await expect(t.ds.query('SELECT id, COUNT(*) AS n FROM users GROUP BY created_at')).rejects.toThrow(
      /GROUP BY|only_full_group_by/i,
    );
  });

  it('runs the replica pool strict too', async () => {
    const other = await t.sibling({ DATABASE_REPLICA_URL: t.config.databaseUrl! });
    const s = await session(other.app.get(DataSource), 'slave');
    expect(s.modes).toEqual(expect.arrayContaining(STRICT_SQL_MODE.split(',')));
    expect(s.wait).toBe(t.config.strictSql!.lockWaitTimeoutSeconds);
  });
});
