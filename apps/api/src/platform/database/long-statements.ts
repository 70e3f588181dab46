import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

const limit = new AsyncLocalStorage<number>();

/** The deadline (ms) of the statements issued here, when `withLongStatements` set one; else null. */
export const longStatementLimitMs = (): number | null => limit.getStore() ?? null;

/**
 * Background work that reads whole tables (building the district roll-ups at a province's scale)
 * needs statements longer than a request's deadline (DB_QUERY_TIMEOUT_MS, and MariaDB's
 * max_statement_time set on every pooled connection by db-faults.ts). Inside `work`, statements
 * issued from this async context may each run up to `ms`, client-side and — on MariaDB — on the
 * server for the connection of `m` (a transaction's manager, so one connection). The session
 * limit is put back afterwards, since the connection returns to the pool. Requests never use this.
 */
export async function withLongStatements<T>(m: EntityManager, ms: number, work: () => Promise<T>): Promise<T> {
  const mariadb = m.connection.options.type === 'mysql' || m.connection.options.type === 'mariadb';
  let previous: number | null = null;
  if (mariadb) {
    // MySQL has no max_statement_time: nothing to lift there.
    const [row] = (await m.query('SELECT @@SESSION.max_statement_time AS s').catch(() => [])) as { s?: unknown }[];
    if (row && row.s !== undefined && row.s !== null) {
      previous = Number(row.s);
      await m.query(`SET SESSION max_statement_time = ${Math.ceil(ms / 1000)}`);
    }
  }
  try {
    return await limit.run(ms, work);
  } finally {
    if (previous !== null) await m.query(`SET SESSION max_statement_time = ${previous}`);
  }
}
