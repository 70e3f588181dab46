import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ReplicaConfig } from '../../config/app-config';
import { databaseFault } from '../db-faults';
import { parseGtidPos, pruneHistory, replicaLagMs, type GtidPos, type PrimaryMark } from './replica-lag';

export type ReplicaState = 'unknown' | 'up' | 'lagging' | 'down';

export interface ReplicaStatus {
  state: ReplicaState;
  /** The lag measured last (ms), null when the replica did not answer. */
  lagMs: number | null;
  /** When it was measured (ms since the epoch; 0: never). */
  checkedAt: number;
  /** Why it is not up: the error, or that replication is stopped. */
  detail: string | null;
}

/** The part of a mysql2 pool connection the monitor uses. */
export interface RawConnection {
  query(sql: string, cb: (err: Error | null, rows?: unknown) => void): unknown;
  release(): void;
}

/** A measurement that takes longer than this counts as "down" (a frozen replica must not be used). */
const CHECK_TIMEOUT_FLOOR_MS = 1000;

/**
 * Measures the replica's lag (replica-lag.ts) at most once per `checkIntervalMs`, in the
 * background, and only while reads ask for the replica: `usable()` never waits for a measurement.
 *
 * A measurement of lag L taken at time c says the replica held the primary's data as of c - L; by
 * time r those data are at most (r - c) + L old, so the replica is used only while that stays
 * within `maxLagMs`. An idle process therefore starts on the primary, and a replica whose
 * replication stopped is left once its data pass the bound, even if no measurement succeeds.
 */
export class ReplicaMonitor {
  private status: ReplicaStatus = { state: 'unknown', lagMs: null, checkedAt: 0, detail: null };
  private history: PrimaryMark[] = [];
  private checking: Promise<void> | null = null;
  /** null until known; 'plain' when the servers have no MariaDB GTIDs (MySQL): Seconds_Behind_Master only. */
  private flavour: 'gtid' | 'plain' | null = null;
  private readonly log = new Logger('Replica');

  constructor(
    private readonly ds: DataSource,
    private readonly config: ReplicaConfig,
    /** A connection to the replica itself (never falling back to the primary). */
    private readonly replicaConnection: () => Promise<RawConnection>,
  ) {}

  /**
   * How long after a session's write its reads stay on the primary: a replica read never returns
   * data older than `maxLagMs`, and one more second covers clock differences between API processes
   * (the stamp comes from the process that wrote, the check from the one that reads).
   */
  get readYourWritesMs(): number {
    return this.config.maxLagMs + 1000;
  }

  /** Whether reads may go to the replica now. Starts a measurement when the last one is due. */
  usable(now = Date.now()): boolean {
    const { state, lagMs, checkedAt } = this.status;
    if (now - checkedAt >= this.config.checkIntervalMs) void this.refresh();
    return state === 'up' && lagMs !== null && now - checkedAt + lagMs <= this.config.maxLagMs;
  }

  snapshot(): ReplicaStatus {
    return { ...this.status };
  }

  /** A read on the replica failed for want of the database: stop using it until a measurement says otherwise. */
  markDown(err: unknown): void {
    this.set({ state: 'down', lagMs: null, checkedAt: Date.now(), detail: errorText(err) });
  }

  /** One measurement at a time; resolves when it is done (tests await it). */
  refresh(): Promise<void> {
    this.checking ??= this.measureBounded().finally(() => (this.checking = null));
    return this.checking;
  }

  private async measureBounded(): Promise<void> {
    const bound = Math.max(CHECK_TIMEOUT_FLOOR_MS, 2 * this.config.checkIntervalMs);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${bound} ms`)), bound);
      timer.unref();
    });
    try {
      this.set(await Promise.race([this.measure(), late]));
    } catch (err) {
      this.markDown(err);
    } finally {
      clearTimeout(timer);
    }
  }

  private async measure(): Promise<ReplicaStatus> {
    const primaryPos = await this.primaryPosition();
    const readAt = Date.now();
    if (primaryPos) {
      this.history.push({ at: readAt, pos: primaryPos });
      this.history = pruneHistory(this.history, readAt, this.config.maxLagMs + 10 * this.config.checkIntervalMs);
    }
    const conn = await this.replicaConnection();
    let replicaPos: GtidPos | null = null;
    let slave: Record<string, unknown> | null = null;
    try {
      if (this.flavour === 'gtid') {
        const [row] = (await run(conn, 'SELECT @@GLOBAL.gtid_slave_pos AS pos')) as { pos: string | null }[];
        replicaPos = parseGtidPos(row?.pos);
      }
      // Needs SLAVE MONITOR (REPLICATION CLIENT on MySQL): without it the GTIDs alone decide.
      slave = ((await run(conn, 'SHOW SLAVE STATUS').catch(() => [])) as Record<string, unknown>[])[0] ?? null;
    } finally {
      conn.release();
    }
    const now = Date.now();
    const running = slave?.Slave_IO_Running === 'Yes' && slave?.Slave_SQL_Running === 'Yes';
    const sbm = slave?.Seconds_Behind_Master;
    const secondsBehind = running && sbm !== null && sbm !== undefined ? Number(sbm) : null;
    const lagMs = replicaLagMs({
      history: this.history,
      replicaPos,
      secondsBehind,
      now,
      maxLagMs: this.config.maxLagMs,
    });
    const stopped = slave && !running ? `replication stopped: ${String(slave.Last_Error ?? '') || 'no error'}` : null;
    return {
      state: lagMs <= this.config.maxLagMs ? 'up' : 'lagging',
      lagMs: Number.isFinite(lagMs) ? lagMs : null,
      checkedAt: now,
      detail: stopped,
    };
  }

  /** The primary's `@@gtid_binlog_pos` on a primary connection (whatever the request prefers). */
  private async primaryPosition(): Promise<GtidPos | null> {
    if (this.flavour === 'plain') return null;
    const runner = this.ds.createQueryRunner('master');
    try {
      const [row] = (await runner.query('SELECT @@GLOBAL.gtid_binlog_pos AS pos')) as { pos: string | null }[];
      this.flavour = 'gtid';
      return parseGtidPos(row?.pos);
    } catch (err) {
      if (databaseFault(err)) throw err;
      this.flavour = 'plain'; // MySQL: no such variable
      return null;
    } finally {
      await runner.release();
    }
  }

  private set(next: ReplicaStatus): void {
    const before = this.status.state;
    this.status = next;
    if (before === next.state) return;
    const lag = next.lagMs === null ? 'unknown' : `${next.lagMs} ms`;
    if (next.state === 'up') this.log.log(`replica in use (lag ${lag})`);
    else if (next.state === 'lagging')
      this.log.warn(`replica lag ${lag} > ${this.config.maxLagMs} ms: reads go to the primary${suffix(next.detail)}`);
    else if (next.state === 'down') this.log.warn(`replica unreachable: reads go to the primary${suffix(next.detail)}`);
  }
}

const suffix = (detail: string | null) => (detail ? ` (${detail})` : '');

function errorText(err: unknown): string {
  const fault = databaseFault(err);
  if (fault) return `${fault.kind}: ${fault.message}`;
  return err instanceof Error ? err.message : String(err);
}

function run(conn: RawConnection, sql: string): Promise<unknown> {
  return new Promise((resolve, reject) => conn.query(sql, (err, rows) => (err ? reject(err) : resolve(rows))));
}
