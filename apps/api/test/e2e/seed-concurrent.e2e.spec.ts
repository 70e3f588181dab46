import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/entities';
import { PasswordHasher } from '../../src/identity/auth/password-hasher';
import { validateConfig } from '../../src/platform/config/validate-config';
import { FieldCipher } from '../../src/platform/crypto/field-cipher';
import { buildDataSourceOptions } from '../../src/platform/database/data-source-options';
import { runMigrations } from '../../src/platform/database/run-migrations';
import { BUILD_STATEMENT_MS, refreshRollups } from '../../src/reporting/stats/stats-rollup-refresh';
import { seedDemoCity } from '../../src/seed/demo-city';
import { createScratchDatabase, testDialect, type ScratchDatabase } from '../support/test-db';

/**
 * Two demo seeds started at once (`npm start` twice, or two containers) on one MariaDB: each on
 * its own connection pool, as two processes would be. One creates the city, the other finds it.
 */
(testDialect() === 'mysql' ? describe : describe.skip)('demo seed run twice at the same moment', () => {
  let db: ScratchDatabase;
  const sources: DataSource[] = [];

  beforeAll(async () => {
    db = await createScratchDatabase();
  });
  afterAll(async () => {
    for (const ds of sources) if (ds.isInitialized) await ds.destroy();
    await db.drop();
  });

  it('seeds the city once; neither run fails', async () => {
    const config = validateConfig({
      NODE_ENV: 'test',
      ...db.env,
      JWT_SECRET: randomBytes(32).toString('hex'),
      FIELD_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      H5_DIR: '/nonexistent',
    });
    for (let i = 0; i < 2; i++)
      sources.push(await new DataSource(buildDataSourceOptions(config, ENTITIES)).initialize());
    const seed = async (ds: DataSource) => {
      await runMigrations(ds);
      const city = await seedDemoCity(
        ds,
        new FieldCipher(config.fieldEncryptionKey),
        new PasswordHasher(config.bcryptRounds),
      );
      // As seed.cli.ts: the district roll-ups are built before the API starts.
      await refreshRollups(ds, { mayRebuild: true, longStatementsMs: BUILD_STATEMENT_MS });
      return city;
    };
    const results = await Promise.allSettled(sources.map(seed));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const created = results.map((r) => (r as PromiseFulfilledResult<{ created: boolean }>).value.created).sort();
    expect(created).toEqual([false, true]);

    const ds = sources[0];
    const [city] = await ds.query("SELECT COUNT(*) AS n FROM org_nodes WHERE code = 'TAOYUAN'");
    expect(Number(city.n)).toBe(1);
    const [districts] = await ds.query("SELECT COUNT(*) AS n FROM org_nodes WHERE type = 'district'");
    expect(Number(districts.n)).toBe(1);
    // Every demo account exists once.
    const dupes = await ds.query('SELECT phone_hash, COUNT(*) AS n FROM users GROUP BY phone_hash HAVING COUNT(*) > 1');
    expect(dupes).toEqual([]);
    const [state] = await ds.query('SELECT built_at FROM stats_refresh_state WHERE id = 1');
    expect(state.built_at).not.toBeNull();
    const [days] = await ds.query('SELECT COUNT(*) AS n FROM stats_district_counters');
    expect(Number(days.n)).toBeGreaterThan(0);
  });
});
