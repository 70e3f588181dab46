import { HttpStatus, Logger } from '@nestjs/common';
import { ErrorCode, type ErrorBody } from '@sbd/contracts';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { DEFAULT_DB_TIMEOUTS, type DbTimeouts } from '../config/app-config';
import { currentRequest } from '../lifecycle/request-context';
import { longStatementLimitMs } from './long-statements';

/**
 * A stalled or lost database must answer 503 quickly instead of hanging requests:
 * - waiting for a pool connection is bounded (DB_ACQUIRE_TIMEOUT_MS without any answer from the
 *   database; longer, up to a cap, while it is busy but answering),
 * - every statement is bounded client-side (DB_QUERY_TIMEOUT_MS without any answer from the
 *   database; up to 3× that while it answers others): on expiry the connection is destroyed
 *   (mysql2's own `timeout` leaves it busy, and the pool would hand it out again), so the server
 *   rolls back what that connection had open,
 * - on MariaDB the cap is set as max_statement_time, so the server stops the statement too,
 * - a transaction is not started for a request whose client has already gone away.
 * These errors become `503 DATABASE_UNAVAILABLE` with Retry-After, logged once per kind per 10 s.
 */

export const DATABASE_UNAVAILABLE_MESSAGE = '数据库暂时不可用，请稍后再试';
export const RETRY_AFTER_SECONDS = 5;

/** Error codes of our own deadlines. */
export const DbFaultCode = {
  QueryTimeout: 'DB_QUERY_TIMEOUT',
  AcquireTimeout: 'DB_ACQUIRE_TIMEOUT',
  ClientGone: 'DB_CLIENT_GONE',
} as const;

export class DatabaseDeadlineError extends Error {
  constructor(
    readonly code: (typeof DbFaultCode)[keyof typeof DbFaultCode],
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseDeadlineError';
  }
}

const UNAVAILABLE_CODES = new Set<string>([
  DbFaultCode.QueryTimeout,
  DbFaultCode.AcquireTimeout,
  DbFaultCode.ClientGone,
  // mysql2 / network
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ETIMEDOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  // server
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_STATEMENT_TIMEOUT',
  'ER_QUERY_TIMEOUT',
  'ER_QUERY_INTERRUPTED',
  'ER_CONNECTION_KILLED',
  // SQLite: a lock held by another connection outlived busy_timeout
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_RECOVERY',
  'SQLITE_BUSY_TIMEOUT',
  'SQLITE_LOCKED',
]);

const MARIADB_STATEMENT_TIMEOUT = 1969;

const UNAVAILABLE_MESSAGES = [
  /closed state/i, // mysql2: "Can't add new command when connection is in closed state"
  /Pool is closed/i,
  /Connection is not established/i,
  /Connection lost/i,
];

export interface DatabaseFault {
  /** e.g. DB_QUERY_TIMEOUT, ECONNREFUSED, SQLITE_BUSY: one log line per kind per interval. */
  kind: string;
  message: string;
  /** The client had gone before the work started: nobody reads the answer, nothing to log. */
  clientGone: boolean;
}

/** Whether an error means "the database is not answering" (rather than a bug or a bad request). */
export function databaseFault(err: unknown): DatabaseFault | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as {
    code?: unknown;
    errno?: unknown;
    message?: unknown;
    driverError?: { code?: unknown; errno?: unknown; message?: unknown };
  };
  const errno = typeof e.errno === 'number' ? e.errno : e.driverError?.errno;
  const code =
    typeof e.code === 'string'
      ? e.code
      : typeof e.driverError?.code === 'string'
        ? e.driverError.code
        : // MariaDB's max_statement_time (errno 1969) has no name in mysql2, which knows MySQL's codes only.
          errno === MARIADB_STATEMENT_TIMEOUT
          ? 'ER_STATEMENT_TIMEOUT'
          : undefined;
  const message = String(e.driverError?.message ?? e.message ?? '');
  if (code && UNAVAILABLE_CODES.has(code)) return { kind: code, message, clientGone: code === DbFaultCode.ClientGone };
  if (UNAVAILABLE_MESSAGES.some((re) => re.test(message)))
    return { kind: code ?? 'CONNECTION_CLOSED', message, clientGone: false };
  return null;
}

/**
 * Logs the first error of each kind, then counts the others for `intervalMs` and logs the count
 * once: a database outage under load writes a few lines, not a stack per request.
 */
export class FaultLog {
  private readonly open = new Map<string, { suppressed: number }>();

  constructor(
    private readonly logger: Pick<Logger, 'error' | 'warn'>,
    private readonly intervalMs = 10_000,
  ) {}

  report(kind: string, line: string): void {
    const window = this.open.get(kind);
    if (window) {
      window.suppressed++;
      return;
    }
    const entry = { suppressed: 0 };
    this.open.set(kind, entry);
    this.logger.error(line);
    setTimeout(() => {
      this.open.delete(kind);
      if (entry.suppressed > 0) {
        this.logger.warn(
          `${kind}: ${entry.suppressed} more in the last ${Math.round(this.intervalMs / 1000)} s, not logged one by one`,
        );
      }
    }, this.intervalMs).unref();
  }
}

export const databaseFaultLog = new FaultLog(new Logger('Database'));

export const databaseUnavailableBody = (): ErrorBody => ({
  code: ErrorCode.DatabaseUnavailable,
  message: DATABASE_UNAVAILABLE_MESSAGE,
  details: [],
});

/** The exception filter's answer to a database fault: 503, Retry-After, one log line per kind. */
export function replyDatabaseUnavailable(req: Request, res: Response, fault: DatabaseFault): void {
  if (!fault.clientGone) {
    databaseFaultLog.report(
      fault.kind,
      `${req.method} ${req.originalUrl ?? req.url}: database unavailable (${fault.kind}): ${fault.message}`,
    );
  }
  if (res.headersSent || res.destroyed) return;
  res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.status(HttpStatus.SERVICE_UNAVAILABLE).json(databaseUnavailableBody());
}

// ---- the deadlines ---------------------------------------------------------------------------

type Callback = (err: Error | null, ...rest: unknown[]) => void;

export interface MysqlConnectionLike {
  query: (...args: unknown[]) => unknown;
  destroy: () => void;
  release: () => void;
  on: (event: string, fn: (...a: unknown[]) => void) => unknown;
}

export interface MysqlPoolLike {
  getConnection: (cb: (err: Error | null, conn?: MysqlConnectionLike) => void) => void;
  on: (event: string, fn: (conn: MysqlConnectionLike) => void) => unknown;
}

const WRAPPED = Symbol('sbd.deadline');
const START_TRANSACTION = /^\s*(START\s+TRANSACTION|BEGIN)\b/i;

function clientGoneError(): DatabaseDeadlineError {
  return new DatabaseDeadlineError(DbFaultCode.ClientGone, 'the client went away before the transaction started');
}

/** Whether the server answered (a result, or an SQL error such as a duplicate key). */
const serverAnswered = (err: Error | null) => !err || typeof (err as { sqlState?: unknown }).sqlState === 'string';

/** When the server last answered anything, on any connection of the pool. */
interface Liveness {
  lastAnswerAt: number;
}

/**
 * The deadlines of a pool's pending statements and connection requests, checked by one timer per
 * pool (running only while something is pending) instead of a timer set and cleared per statement.
 * A deadline is noticed up to one period late; the period is a small fraction of the timeouts.
 */
class DeadlineSweep {
  /** Each answers true once its work is over (answered, or failed by its deadline). */
  private readonly pending = new Set<(now: number) => boolean>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly periodMs: number) {}

  watch(expired: (now: number) => boolean): () => void {
    this.pending.add(expired);
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), this.periodMs);
      // A pending statement keeps the process alive by its socket; the timer need not.
      this.timer.unref();
    }
    return () => this.pending.delete(expired);
  }

  private sweep(): void {
    const now = Date.now();
    for (const expired of this.pending) if (expired(now)) this.pending.delete(expired);
    if (!this.pending.size && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}

const sweepPeriodMs = (t: DbTimeouts): number =>
  Math.max(20, Math.min(250, Math.floor(Math.min(t.queryTimeoutMs, t.acquireTimeoutMs) / 8)));

/**
 * A statement fails once the database has answered nothing for `ms` (a stall) — or, while it keeps
 * answering other statements (this one waits for a row lock in a burst), after `queryCapMs`. The
 * connection is then destroyed, so the server rolls back whatever it had open.
 */
export const queryCapMs = (t: DbTimeouts): number => 3 * t.queryTimeoutMs;

function wrapConnection(conn: MysqlConnectionLike, t: DbTimeouts, live: Liveness, sweep: DeadlineSweep): void {
  const marked = conn as unknown as Record<symbol, boolean>;
  if (marked[WRAPPED]) return;
  marked[WRAPPED] = true;
  // A destroyed connection may still emit errors; they are answered through the callbacks.
  conn.on('error', () => undefined);
  // MariaDB stops the statement itself too; MySQL has no such variable (the error is ignored). Set
  // here, on the first hand-out, so connections the pool opened before it was wrapped get it too.
  conn.query(`SET SESSION max_statement_time = ${Math.max(1, Math.ceil(queryCapMs(t) / 1000))}`, () => undefined);
  const query = conn.query.bind(conn);
  const cap = queryCapMs(t);
  conn.query = (...args: unknown[]) => {
    const cbIndex = args.findIndex((a) => typeof a === 'function');
    if (cbIndex < 0) return query(...args); // streams: not used by the app
    const cb = args[cbIndex] as Callback;
    const sql = typeof args[0] === 'string' ? args[0] : String((args[0] as { sql?: string })?.sql ?? '');
    if (START_TRANSACTION.test(sql) && currentRequest()?.clientGone()) {
      process.nextTick(() => cb(clientGoneError()));
      return undefined;
    }
    let done = false;
    const startedAt = Date.now();
    // Background work that was allowed long statements (long-statements.ts): one deadline, its own.
    const long = longStatementLimitMs();
    const timeout = long ?? t.queryTimeoutMs;
    const capNow = long ?? cap;
    const unwatch = sweep.watch((now) => {
      if (done) return true;
      const quietFor = now - live.lastAnswerAt;
      const waited = now - startedAt;
      if (waited < timeout || (quietFor < timeout && waited < capNow)) return false;
      done = true;
      conn.destroy();
      cb(
        new DatabaseDeadlineError(
          DbFaultCode.QueryTimeout,
          `no answer to a statement within ${waited} ms (the database answered nothing for ${quietFor} ms)`,
        ),
      );
      return true;
    });
    args[cbIndex] = (err: Error | null, ...rest: unknown[]) => {
      if (done) return;
      done = true;
      unwatch();
      if (serverAnswered(err)) live.lastAnswerAt = Date.now();
      cb(err, ...rest);
    };
    return query(...args);
  };
}

/**
 * Waiting for a pool connection: a request gives up once the database has answered nothing for
 * `acquireTimeoutMs` (a stall: 503 within about that time), but while other statements keep
 * completing the pool is merely busy (a burst on one hot row), and it waits up to
 * `acquireCapMs(t)` for its turn.
 */
export const acquireCapMs = (t: DbTimeouts): number => Math.max(10_000, 5 * t.acquireTimeoutMs);

function wrapPool(pool: MysqlPoolLike, t: DbTimeouts): void {
  const marked = pool as unknown as Record<symbol, boolean>;
  if (marked[WRAPPED]) return;
  marked[WRAPPED] = true;
  const live: Liveness = { lastAnswerAt: Date.now() };
  const sweep = new DeadlineSweep(sweepPeriodMs(t));
  pool.on('connection', () => {
    live.lastAnswerAt = Date.now(); // a handshake completed
  });
  const getConnection = pool.getConnection.bind(pool);
  const cap = acquireCapMs(t);
  pool.getConnection = (cb) => {
    const startedAt = Date.now();
    let settled = false;
    const unwatch = sweep.watch((now) => {
      if (settled) return true;
      const quietFor = now - live.lastAnswerAt;
      const waited = now - startedAt;
      if (waited < t.acquireTimeoutMs || (quietFor < t.acquireTimeoutMs && waited < cap)) return false;
      settled = true;
      cb(new DatabaseDeadlineError(DbFaultCode.AcquireTimeout, `no database connection within ${waited} ms`));
      return true;
    });
    getConnection((err, conn) => {
      if (settled) {
        conn?.release(); // too late: whoever asked has answered 503 already
        return;
      }
      settled = true;
      unwatch();
      if (err || !conn) return cb(err ?? new Error('no connection'));
      wrapConnection(conn, t, live, sweep);
      cb(null, conn);
    });
  };
}

/** The driver's pools: one, or with a replica one per node of mysql2's pool cluster (each its own liveness). */
export function mysqlPools(ds: DataSource): MysqlPoolLike[] {
  const driver = ds.driver as unknown as {
    pool?: MysqlPoolLike;
    poolCluster?: { _nodes?: Record<string, { pool: MysqlPoolLike }> };
  };
  if (driver.pool) return [driver.pool];
  return Object.values(driver.poolCluster?._nodes ?? {}).map((node) => node.pool);
}

/** Installs the deadlines on an initialised DataSource (after the migrations have run). */
export function installDbFaults(ds: DataSource, timeouts: DbTimeouts = DEFAULT_DB_TIMEOUTS): void {
  const marked = ds as unknown as Record<symbol, boolean>;
  if (marked[WRAPPED]) return;
  marked[WRAPPED] = true;
  if (ds.options.type === 'mysql') for (const pool of mysqlPools(ds)) wrapPool(pool, timeouts);
  const transaction = ds.manager.transaction.bind(ds.manager) as (...a: unknown[]) => Promise<unknown>;
  (ds.manager as { transaction: unknown }).transaction = (...args: unknown[]) => {
    if (currentRequest()?.clientGone()) return Promise.reject(clientGoneError());
    return transaction(...args);
  };
}
