import type { DataSource } from 'typeorm';
import { installSqliteGate, sqliteGate } from './sqlite-gate';

/**
 * Runs pending migrations once, even when several API processes start together on one MySQL:
 * a named lock (GET_LOCK) serialises them, and the second finds nothing left to do.
 */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  if (ds.options.type !== 'mysql') {
    installSqliteGate(ds);
    const gate = sqliteGate(ds)!;
    return gate.run(async () => (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name));
  }
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    const [row] = await runner.query("SELECT GET_LOCK('sbd_migrations', 120) AS got");
    if (Number(row?.got) !== 1) throw new Error('could not take the migration lock within 120 s');
    try {
      return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await runner.query("SELECT RELEASE_LOCK('sbd_migrations')");
    }
  } finally {
    await runner.release();
  }
}
