import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

/**
 * Every transaction of the app (DataSource.transaction, installed once at start-up) is run again
 * when the database chose it as a deadlock victim or gave up waiting for a lock: MySQL errno 1213
 * (ER_LOCK_DEADLOCK) and 1205 (ER_LOCK_WAIT_TIMEOUT), TiDB's write conflicts (`TIDB_WRITE_CONFLICT_ERRNOS`:
 * a distributed engine reports at commit, or at the conflicting statement, what InnoDB would have made
 * wait), SQLite's BUSY family (another process holds
 * the file, or a WAL snapshot went stale). The whole transaction is rolled back by then, so running
 * the callback again is safe. Retries terminate: a few attempts, jittered exponential back-off, and
 * none once the time spent is past the budget (a lock that took long to time out is a stall: 503).
 * A transaction opened inside another is not retried on its own: the outer one is.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Back-off before the n-th retry: a random delay in [base·2ⁿ⁻¹/2, base·2ⁿ⁻¹] ms. */
  baseDelayMs: number;
  /** No further attempt once this long has passed since the first one began. */
  budgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 20, budgetMs: 4000 };

const RETRYABLE_CODES = new Set([
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_RECOVERY',
  'SQLITE_BUSY_TIMEOUT',
]);
/**
 * TiDB's "roll back and run the whole transaction again" errors (docs.pingcap.com, Error Codes):
 * 8002 a transaction with a locking read (select … for update) hit a commit conflict, 8005 write conflict (txnStartTS
 * is stale), 8022 the commit failed and was rolled back, 9007 write conflict in TiKV. Each is safe
 * to retry as a whole, like a deadlock. See docs/distributed-sql.md.
 */
export const TIDB_WRITE_CONFLICT_ERRNOS = [8002, 8005, 8022, 9007] as const;
const RETRYABLE_ERRNOS = new Set<number>([1213, 1205, ...TIDB_WRITE_CONFLICT_ERRNOS]);

/** Whether the error says "another transaction holds what this one needs": worth running again. */
export function isLockConflict(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; errno?: unknown; driverError?: { code?: unknown; errno?: unknown } };
  const code = typeof e.code === 'string' ? e.code : e.driverError?.code;
  const errno = typeof e.errno === 'number' ? e.errno : e.driverError?.errno;
  return (
    (typeof code === 'string' && RETRYABLE_CODES.has(code)) ||
    (typeof errno === 'number' && RETRYABLE_ERRNOS.has(errno))
  );
}

/** Whether the error is a deadlock (rather than a lock wait that timed out, which is a stall). */
export function isDeadlock(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; errno?: unknown; driverError?: { code?: unknown; errno?: unknown } };
  return (e.code ?? e.driverError?.code) === 'ER_LOCK_DEADLOCK' || (e.errno ?? e.driverError?.errno) === 1213;
}

/** Counts of what the retries did, per process: for tests and diagnostics. */
export const retryStats = { retried: 0, gaveUp: 0 };

const inside = new AsyncLocalStorage<true>();

const backoff = (retry: number, base: number): number => {
  const ceiling = base * 2 ** (retry - 1);
  return ceiling / 2 + Math.random() * (ceiling / 2);
};

/** Runs `attempt` until it succeeds, fails otherwise than by a lock conflict, or the policy says stop. */
export async function withLockRetry<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<T> {
  if (inside.getStore()) return attempt();
  const startedAt = Date.now();
  for (let n = 1; ; n++) {
    try {
      return await inside.run(true, attempt);
    } catch (err) {
      if (!isLockConflict(err)) throw err;
      const delay = backoff(n, policy.baseDelayMs);
      if (n >= policy.maxAttempts || Date.now() - startedAt + delay >= policy.budgetMs) {
        retryStats.gaveUp++;
        throw err;
      }
      retryStats.retried++;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

const INSTALLED = Symbol('sbd.lockRetry');

/** Makes `ds.transaction(...)` (and `ds.manager.transaction`) retry on lock conflicts. */
export function installLockRetry(ds: DataSource, policy: RetryPolicy = DEFAULT_RETRY_POLICY): void {
  const marked = ds as unknown as Record<symbol, boolean>;
  if (marked[INSTALLED]) return;
  marked[INSTALLED] = true;
  const transaction = ds.manager.transaction.bind(ds.manager) as (...a: unknown[]) => Promise<unknown>;
  (ds.manager as { transaction: unknown }).transaction = (...args: unknown[]) =>
    withLockRetry(() => transaction(...args), policy);
}
