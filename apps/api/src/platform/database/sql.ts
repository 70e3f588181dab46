import { DataSource, type EntityManager } from 'typeorm';

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
  table: 'users' | 'tasks' | 'registrations' | 'needs',
  id: number,
): Promise<void> {
  if (m.connection.options.type === 'mysql') {
    await m.query(`SELECT id FROM ${table} WHERE id = ? FOR UPDATE`, [id]);
  }
}

const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/** A transaction retried (up to 4 times, with jitter) when MySQL picks it as a deadlock victim. */
export async function transaction<T>(ds: DataSource, fn: (m: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ds.transaction(fn);
    } catch (err) {
      const code =
        (err as { code?: string; driverError?: { code?: string } }).code ??
        (err as { driverError?: { code?: string } }).driverError?.code;
      if (!code || !RETRYABLE.has(code) || attempt >= 4) throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}
