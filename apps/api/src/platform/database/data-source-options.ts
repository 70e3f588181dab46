import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions, EntitySchema } from 'typeorm';
import { DEFAULT_DB_TIMEOUTS, type AppConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';

export type Dialect = 'mysql' | 'sqlite';

export function dialectOf(config: Pick<AppConfig, 'databaseUrl'>): Dialect {
  return config.databaseUrl ? 'mysql' : 'sqlite';
}

/** Entity classes (or schemas): the list lives at the app level (src/entities.ts). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = ReadonlyArray<Function | EntitySchema>;

/**
 * One set of entities and migrations for both dialects. MySQL/MariaDB when DATABASE_URL is set,
 * otherwise an embedded SQLite file. Migrations run on start; synchronize is never used.
 */
export function buildDataSourceOptions(
  config: Pick<AppConfig, 'databaseUrl' | 'sqlitePath'> & Partial<Pick<AppConfig, 'db' | 'replica'>>,
  entities: EntityList,
): DataSourceOptions {
  // Acquire and query deadlines are enforced around the pool (db-faults.ts), not by these options.
  const timeouts = config.db ?? DEFAULT_DB_TIMEOUTS;
  const common = {
    entities: [...entities],
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false as const,
  };
  if (config.databaseUrl) {
    return {
      ...common,
      type: 'mysql',
      ...(config.replica
        ? {
            // Everything stays on the primary unless a request opts in (replica/read-routing.ts).
            replication: {
              master: { url: config.databaseUrl },
              slaves: [{ url: config.replica.url }],
              defaultMode: 'master' as const,
              // mysql2's pool cluster would otherwise retry a refused node in a loop, and drop a
              // node for good after 5 errors; the replica's health is judged by ReplicaMonitor.
              canRetry: false,
              removeNodeErrorCount: Number.MAX_SAFE_INTEGER,
            },
          }
        : { url: config.databaseUrl }),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      dateStrings: false,
      supportBigNumbers: true,
      connectTimeout: timeouts.connectTimeoutMs,
      extra: { connectionLimit: Number(process.env.DB_POOL_SIZE ?? 20) },
    };
  }
  if (config.sqlitePath !== ':memory:') mkdirSync(dirname(config.sqlitePath), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.sqlitePath,
    enableWAL: true,
    prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
      // A lock held elsewhere (another process on the file) fails after this, as SQLITE_BUSY → 503.
      db.pragma(`busy_timeout = ${Math.min(timeouts.queryTimeoutMs, 5000)}`);
      db.pragma('foreign_keys = ON');
    },
  };
}
