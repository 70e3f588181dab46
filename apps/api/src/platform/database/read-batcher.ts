import { AsyncResource } from 'node:async_hooks';

type Rows = Record<string, unknown>[];
type Run = (sql: string, params: unknown[]) => Promise<Rows>;

interface Waiting {
  params: unknown[];
  resolve: (rows: Rows) => void;
  reject: (err: unknown) => void;
}

/** Statements of one batch at most (placeholders stay far below the protocol's 65,535). */
export const MAX_BATCH = 32;
/** The column that tells the batch's callers' rows apart; removed before they see them. */
const SLOT = 'batch_slot_';

/**
 * Sends the reads of one statement text that arrive in the same turn of the event loop as ONE
 * statement: `SELECT 0 AS batch_slot_, b.* FROM (<sql>) b UNION ALL SELECT 1 …`, each caller
 * getting its own rows. Every caller still reads the database after its request arrived (nothing
 * is cached); what is saved is a round trip per caller: under load the socket write and read of
 * each statement cost more of the API's CPU than the statement itself (about a fifth of the feed's).
 *
 * For reads whose row order does not matter and whose columns have distinct names. A failing batch
 * fails each of its callers with the same error, as their own statements would have (a stalled
 * database fails them all alike). Off (`enabled` false) it runs each read on its own: SQLite runs
 * in-process, with no round trip to save.
 */
export class ReadBatcher {
  private readonly pending = new Map<string, Waiting[]>();
  /**
   * Bound now, outside any request: a batch belongs to no single request, so neither the first
   * caller's request context (its client leaving, its replica routing) nor its deadline applies.
   */
  private readonly flushSoon = AsyncResource.bind((sql: string) => this.flush(sql));

  constructor(
    private readonly run: Run,
    private readonly enabled: boolean,
  ) {}

  query(sql: string, params: unknown[]): Promise<Rows> {
    if (!this.enabled) return this.run(sql, params);
    return new Promise<Rows>((resolve, reject) => {
      let waiting = this.pending.get(sql);
      if (!waiting) {
        waiting = [];
        this.pending.set(sql, waiting);
        setImmediate(this.flushSoon, sql);
      }
      waiting.push({ params, resolve, reject });
      if (waiting.length >= MAX_BATCH) this.flush(sql);
    });
  }

  private flush(sql: string): void {
    const batch = this.pending.get(sql);
    if (!batch) return;
    this.pending.delete(sql);
    void this.send(sql, batch);
  }

  private async send(sql: string, batch: Waiting[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch;
      return this.run(sql, only.params).then(only.resolve, only.reject);
    }
    const union = batch.map((_, i) => `SELECT ${i} AS ${SLOT}, b.* FROM (${sql}) b`).join('\nUNION ALL\n');
    let rows: Rows;
    try {
      rows = await this.run(
        union,
        batch.flatMap((w) => w.params),
      );
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    const bySlot: Rows[] = batch.map(() => []);
    for (const row of rows) {
      const slot = Number(row[SLOT]);
      delete row[SLOT];
      bySlot[slot]?.push(row);
    }
    batch.forEach((w, i) => w.resolve(bySlot[i]));
  }
}
