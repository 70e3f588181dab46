import { DataSource, type EntityManager } from 'typeorm';

/** Anything raw SQL can run on: the data source, or a transaction's manager. */
export type Executor = DataSource | EntityManager;

export type Dialect = 'mysql' | 'sqlite';

export const dialectOf = (x: Executor): Dialect =>
  (x instanceof DataSource ? x.options.type : x.connection.options.type) === 'mysql' ? 'mysql' : 'sqlite';

/**
 * The Shanghai calendar day of a datetime column as an integer yyyymmdd ('%Y%m%d') or its year
 * ('%Y'). Datetimes are stored in UTC on both dialects (DATETIME(3) on MySQL, ISO-like text on SQLite).
 */
export function shanghaiSql(dialect: Dialect, column: string, format: '%Y%m%d' | '%Y'): string {
  return dialect === 'mysql'
    ? `CAST(DATE_FORMAT(DATE_ADD(${column}, INTERVAL 8 HOUR), '${format}') AS UNSIGNED)`
    : `CAST(strftime('${format}', ${column}, '+8 hours') AS INTEGER)`;
}

/**
 * An SQL list of integer ids, written into the statement (ids come from the database; each is
 * checked to be an integer). An empty list matches nothing.
 */
export function idList(ids: readonly number[]): string {
  if (!ids.length) return '(-1)';
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new Error(`not an id: ${id}`);
  return `(${ids.join(',')})`;
}

/** `INSERT IGNORE` / `INSERT OR IGNORE`. */
export const insertIgnore = (dialect: Dialect) => (dialect === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE');

/** Multi-row INSERT in chunks (SQLite allows 32,766 parameters per statement). */
export async function insertRows(
  x: Executor,
  table: string,
  columns: string[],
  rows: unknown[][],
  chunk = 500,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const one = `(${columns.map(() => '?').join(', ')})`;
    await x.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => one).join(', ')}`, part.flat());
  }
}

/**
 * Adds `values` to the row keyed by `keys` (inserting it when missing): INSERT … ON DUPLICATE KEY
 * UPDATE / ON CONFLICT DO UPDATE. For counters kept by increments in one writer at a time.
 */
export async function addToRow(
  x: Executor,
  table: string,
  keys: Record<string, unknown>,
  values: Record<string, number>,
): Promise<void> {
  const keyCols = Object.keys(keys);
  const valueCols = Object.keys(values);
  const cols = [...keyCols, ...valueCols];
  const insert = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
  const update =
    dialectOf(x) === 'mysql'
      ? ` ON DUPLICATE KEY UPDATE ${valueCols.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`
      : ` ON CONFLICT (${keyCols.join(', ')}) DO UPDATE SET ${valueCols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
  await x.query(insert + update, [...Object.values(keys), ...Object.values(values)]);
}

/** Runs `fn` over `ids` in slices (for IN lists). */
export async function inSlices<T>(ids: readonly T[], size: number, fn: (slice: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < ids.length; i += size) await fn(ids.slice(i, i + size));
}

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** The id of the first node of a materialised path ("/12/34/" → 12): the district of a territory node or unit. */
export function rootOf(path: string): number | null {
  const first = path.split('/').filter(Boolean)[0];
  return first ? Number(first) : null;
}
