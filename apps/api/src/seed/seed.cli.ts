import 'reflect-metadata';
import { ENTITIES } from '../entities';
import { DataSource } from 'typeorm';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { validateConfig } from '../platform/config/validate-config';
import { PasswordHasher } from '../identity/auth/password-hasher';
import { buildDataSourceOptions } from '../platform/database/data-source-options';
import { runMigrations } from '../platform/database/run-migrations';
import { BUILD_STATEMENT_MS, refreshRollups } from '../reporting/stats/stats-rollup-refresh';
import { formatDemoAccounts, seedDemoCity } from './demo-city';

/**
 * `npm run seed`: migrate, build the demo city (once), bring the district roll-ups up to date (so
 * the district dashboards answer at once after start, instead of 503 STATS_BUILDING until the
 * background job's first run) and print its accounts.
 */
async function main(): Promise<void> {
  const config = validateConfig();
  if (config.nodeEnv === 'production' && process.env.ALLOW_DEMO_SEED !== 'true') {
    console.error('Refusing to seed demo accounts in production (set ALLOW_DEMO_SEED=true to force).');
    process.exit(1);
  }
  const ds = await new DataSource(buildDataSourceOptions(config, ENTITIES)).initialize();
  try {
    await runMigrations(ds);
    const city = await seedDemoCity(
      ds,
      new FieldCipher(config.fieldEncryptionKey),
      new PasswordHasher(config.bcryptRounds),
    );
    await refreshRollups(ds, { mayRebuild: true, longStatementsMs: BUILD_STATEMENT_MS });
    console.log(city.created ? 'Demo city created.' : 'Demo city already present.');
    console.log(formatDemoAccounts(city));
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
