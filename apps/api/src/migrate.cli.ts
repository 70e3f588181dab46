import 'reflect-metadata';
import { ENTITIES } from './entities';
import { DataSource } from 'typeorm';
import { validateConfig } from './platform/config/validate-config';
import { buildDataSourceOptions } from './platform/database/data-source-options';
import { runMigrations } from './platform/database/run-migrations';

/** `npm run migrate -w @sbd/api [-- down]`: apply pending migrations, or revert the last one. */
async function main(): Promise<void> {
  const ds = await new DataSource(buildDataSourceOptions(validateConfig(), ENTITIES)).initialize();
  try {
    if (process.argv[2] === 'down') {
      await ds.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
    } else {
      const ran = await runMigrations(ds);
      console.log(ran.length ? `Applied: ${ran.join(', ')}` : 'No pending migrations.');
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
