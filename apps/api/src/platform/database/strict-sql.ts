import type { DataSource } from 'typeorm';
import type { StrictSqlConfig } from '../config/app-config';
import { mysqlPools, type MysqlPoolLike } from './db-faults';

/**
 * The session sql_mode under DB_STRICT_SQL: what TiDB and OceanBase enforce (or MySQL 8 by
 * default), so that SQL passing here does not depend on MariaDB's leniency: no silently
 * truncated or coerced values (STRICT_ALL_TABLES, also outside transactional tables), no
 * non-aggregated columns outside GROUP BY (ONLY_FULL_GROUP_BY), no zero dates, division by zero
 * an error on write, and no silent fallback to another storage engine.
 */
export const STRICT_SQL_MODE = [
  'STRICT_ALL_TABLES',
  'ONLY_FULL_GROUP_BY',
  'NO_ZERO_DATE',
  'NO_ZERO_IN_DATE',
  'ERROR_FOR_DIVISION_BY_ZERO',
  'NO_ENGINE_SUBSTITUTION',
].join(',');

/** The statement run once on each new MySQL/MariaDB connection in strict mode. */
export function strictSessionSql(config: StrictSqlConfig): string {
  return `SET SESSION sql_mode = '${STRICT_SQL_MODE}', innodb_lock_wait_timeout = ${config.lockWaitTimeoutSeconds}`;
}

const PREPARED = Symbol('sbd.strictSql');

/**
 * Makes every connection of the DataSource's MySQL pools (the primary and, when configured, the
 * replica: each node of mysql2's pool cluster) strict before its first use, including those opened
 * before this was installed. Nothing on SQLite. Install before the migrations so they run strict too.
 */
export function installStrictSql(ds: DataSource, config: StrictSqlConfig | null): void {
  if (!config || ds.options.type !== 'mysql') return;
  const sql = strictSessionSql(config);
  for (const pool of mysqlPools(ds)) prepareEach(pool, sql);
}

function prepareEach(pool: MysqlPoolLike, sql: string): void {
  const marked = pool as unknown as Record<symbol, boolean>;
  if (marked[PREPARED]) return;
  marked[PREPARED] = true;
  const getConnection = pool.getConnection.bind(pool);
  pool.getConnection = (cb) =>
    getConnection((err, conn) => {
      if (err || !conn) return cb(err ?? new Error('no connection'));
      const c = conn as typeof conn & Record<symbol, boolean>;
      if (c[PREPARED]) return cb(null, conn);
      conn.query(sql, (setErr: Error | null) => {
        if (setErr) {
          conn.release();
          return cb(setErr);
        }
        c[PREPARED] = true;
        cb(null, conn);
      });
    });
}
