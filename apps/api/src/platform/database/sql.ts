import { DataSource, QueryFailedError, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';

/**
 * Dates in raw SQL, the same on both dialects: UTC "YYYY-MM-DD HH:MM:SS.mmm", which MySQL parses
 * into DATETIME(3) (the connection runs with timezone Z) and which SQLite stores and compares as text.
 */
export function toDbDate(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** Reads a date column from a raw row: mysql2 gives a Date, better-sqlite3 a string. */
export function fromDbDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(s.includes('T') ? s : `${s.replace(' ', 'T')}Z`);
}

/**
 * Runs an UPDATE/DELETE and answers how many rows it changed, the same on both drivers
 * (TypeORM's plain `query()` answers the last insert id on SQLite, an OkPacket on MySQL).
 */
export async function execute(target: DataSource | EntityManager, sql: string, params: unknown[]): Promise<number> {
  const own = target instanceof DataSource || !target.queryRunner;
  const runner =
    target instanceof DataSource
      ? target.createQueryRunner()
      : (target.queryRunner ?? target.connection.createQueryRunner());
  try {
    const result = await runner.query(sql, params, true);
    return result.affected ?? 0;
  } finally {
    if (own) await runner.release();
  }
}

/**
 * Serialises writers of one entity: on MySQL an exclusive row lock held until the transaction
 * ends; on SQLite the gate already runs one transaction at a time.
 */
export async function lockRow(
  m: EntityManager,
  table: 'users' | 'tasks' | 'registrations' | 'needs' | 'org_nodes',
  id: number,
): Promise<void> {
  if (m.connection.options.type === 'mysql') {
    await m.query(`SELECT id FROM ${table} WHERE id = ? FOR UPDATE`, [id]);
  }
}

/**
 * Reads the rows as they are now, locked until the transaction ends (FOR UPDATE on MySQL). A plain
 * read in a MySQL transaction sees the REPEATABLE READ snapshot taken at its first plain read,
 * which may predate a change another transaction committed while this one waited for a lock. On
 * SQLite the gate runs one transaction at a time, so every read is current.
 */
export function forUpdate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return qb.connection.options.type === 'mysql' ? qb.setLock('pessimistic_write') : qb;
}

/**
 * A transaction. Deadlock victims and lock conflicts are run again by the retry installed on the
 * DataSource at start-up (transaction-retry.ts), for this and for every other `ds.transaction`.
 */
export function transaction<T>(ds: DataSource, fn: (m: EntityManager) => Promise<T>): Promise<T> {
  return ds.transaction(fn);
}

/** A duplicate key: the same row was written first by someone else (or by a simultaneous repeat). */
export function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const code =
    (err as QueryFailedError & { code?: string }).code ?? (err.driverError as { code?: string } | undefined)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
