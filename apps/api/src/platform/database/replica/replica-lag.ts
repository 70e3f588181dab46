/**
 * How far behind the primary a replica is, from MariaDB GTIDs (pure functions; ReplicaMonitor
 * does the queries).
 *
 * Each measurement reads the primary's `@@gtid_binlog_pos` (the last transaction of each
 * replication domain) and remembers it with the time it was read. The replica's
 * `@@gtid_slave_pos` then says which of those remembered positions it has applied: if it has
 * applied the position read at time t, it holds every transaction the primary had committed at t,
 * so its data are at most `now - t` old. This is exact about data (a replica whose replication is
 * stopped while nothing is written is not behind at all) and, unlike Seconds_Behind_Master, not
 * fooled by an idle I/O thread. When no remembered position is applied yet,
 * Seconds_Behind_Master is the estimate, and no estimate means "too far behind".
 */

/** domain id → sequence number of the last transaction of that domain. */
export type GtidPos = Map<number, bigint>;

/** Parses `0-1-100,1-2-7` (domain-server-sequence, comma separated); blank is the empty position. */
export function parseGtidPos(text: string | null | undefined): GtidPos {
  const pos: GtidPos = new Map();
  for (const part of String(text ?? '').split(',')) {
    const m = /^\s*(\d+)-(\d+)-(\d+)\s*$/.exec(part);
    if (!m) continue;
    const domain = Number(m[1]);
    const seq = BigInt(m[3]);
    if ((pos.get(domain) ?? -1n) < seq) pos.set(domain, seq);
  }
  return pos;
}

/** Whether `replica` has applied everything in `primary` (every domain at least as far). */
export function covers(replica: GtidPos, primary: GtidPos): boolean {
  for (const [domain, seq] of primary) if ((replica.get(domain) ?? -1n) < seq) return false;
  return true;
}

/** A primary position and when it was read (ms). */
export interface PrimaryMark {
  at: number;
  pos: GtidPos;
}

export interface LagInput {
  /** Primary positions, oldest first; the last one read just before the replica's position. */
  history: readonly PrimaryMark[];
  /** The replica's `@@gtid_slave_pos`, or null when the server has no GTIDs (MySQL). */
  replicaPos: GtidPos | null;
  /** Seconds_Behind_Master from SHOW SLAVE STATUS, null when replication is not running or unknown. */
  secondsBehind: number | null;
  now: number;
  maxLagMs: number;
}

/** The replica's lag in ms (Infinity when it cannot be bounded). */
export function replicaLagMs(input: LagInput): number {
  const { history, replicaPos, secondsBehind, now, maxLagMs } = input;
  if (replicaPos && history.length) {
    for (let i = history.length - 1; i >= 0; i--) {
      if (!covers(replicaPos, history[i].pos)) continue;
      // The newest position applied: nothing the primary had then is missing.
      return i === history.length - 1 ? 0 : Math.max(0, now - history[i].at);
    }
    // Not even the oldest remembered position: at least that old.
    const oldest = now - history[0].at;
    if (oldest >= maxLagMs) return oldest;
    return secondsBehind === null ? Number.POSITIVE_INFINITY : Math.max(oldest, secondsBehind * 1000);
  }
  return secondsBehind === null ? Number.POSITIVE_INFINITY : secondsBehind * 1000;
}

/** Keeps the marks a lag bound needs: those younger than `keepMs`, at most `max` (always the newest). */
export function pruneHistory(history: PrimaryMark[], now: number, keepMs: number, max = 256): PrimaryMark[] {
  const kept = history.filter((m) => now - m.at <= keepMs).slice(-max);
  return kept.length ? kept : history.slice(-1);
}
