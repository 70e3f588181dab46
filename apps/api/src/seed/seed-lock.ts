import type { DataSource } from 'typeorm';

/** The named lock the migrations take (platform/database/run-migrations.ts). */
const LOCK = 'sbd_migrations';

/**
 * Runs `fn` while holding the migrations' MySQL named lock, so two seeds started together (or a
 * seed and an API process migrating) run one after the other. SQLite (one process, one file) runs
 * `fn` directly.
 */
export async function withSeedLock<T>(ds: DataSource, fn: () => Promise<T>): Promise<T> {
  if (ds.options.type !== 'mysql') return fn();
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    const [row] = await runner.query(`SELECT GET_LOCK('${LOCK}', 300) AS got`);
    if (Number(row?.got) !== 1) throw new Error('could not take the seed lock within 300 s');
    try {
      return await fn();
    } finally {
      await runner.query(`SELECT RELEASE_LOCK('${LOCK}')`);
    }
  } finally {
    await runner.release();
  }
}
