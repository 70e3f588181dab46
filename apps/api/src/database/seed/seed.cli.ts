import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { validateConfig } from '../../config/validate-config';
import { PasswordHasher } from '../../modules/auth/password-hasher';
import { buildDataSourceOptions } from '../data-source-options';
import { runMigrations } from '../run-migrations';
import { formatDemoAccounts, seedDemoCity } from './demo-city';

/** `npm run seed`: migrate, then build the demo city (once) and print its accounts. */
async function main(): Promise<void> {
  const config = validateConfig();
  if (config.nodeEnv === 'production' && process.env.ALLOW_DEMO_SEED !== 'true') {
    console.error('Refusing to seed demo accounts in production (set ALLOW_DEMO_SEED=true to force).');
    process.exit(1);
  }
  const ds = await new DataSource(buildDataSourceOptions(config)).initialize();
  try {
    await runMigrations(ds);
    const city = await seedDemoCity(ds, new FieldCipher(config.fieldEncryptionKey), new PasswordHasher(config.bcryptRounds));
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
