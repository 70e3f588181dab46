import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { installReadRouting } from './read-routing';
import type { ReplicaMonitor, ReplicaStatus } from './replica-monitor';

/**
 * The response header that stamps a write (ms since the epoch, taken when the response starts, so
 * after the commit), and the request header a client echoes it in. Read-your-writes is kept by the
 * client, not the server: nothing is stored per account, no process or Redis needs to know who
 * wrote what, and the hottest reads cost no extra round trip. A session that echoes a stamp younger
 * than the replica's bound reads from the primary; one that does not (another device, a client that
 * ignores the header) reads data at most the replica's bound old. Forging the header only moves the
 * forger's own reads to the primary.
 */
export const LAST_WRITE_HEADER = 'X-Last-Write';
/** Stamps from a clock this far ahead are not believed (clock differences between processes). */
const FUTURE_SKEW_MS = 5_000;

/** Whether a stamp from the client is of a write the replica may not have yet. */
export function isRecentWrite(stamp: unknown, now: number, windowMs: number): boolean {
  const raw = Array.isArray(stamp) ? stamp[0] : stamp;
  if (typeof raw !== 'string' || !/^\d{1,16}$/.test(raw)) return false;
  const at = Number(raw);
  return at > now - windowMs && at <= now + FUTURE_SKEW_MS;
}

/** Whether a request may read from the replica: wired when DATABASE_REPLICA_URL is set (MySQL only). */
@Injectable()
export class ReadRouting implements OnModuleInit {
  private monitor: ReplicaMonitor | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.replica && this.ds.options.type === 'mysql') {
      this.monitor = installReadRouting(this.ds, this.config.replica);
    }
  }

  get enabled(): boolean {
    return this.monitor !== null;
  }

  /** A lag-tolerant read of a session whose last write was stamped `lastWrite` (the echoed header). */
  mayUseReplica(lastWrite: unknown, now = Date.now()): boolean {
    if (!this.monitor) return false;
    if (isRecentWrite(lastWrite, now, this.monitor.readYourWritesMs)) return false;
    return this.monitor.usable(now);
  }

  /** The replica's last measurement, or null without a replica. */
  status(): ReplicaStatus | null {
    return this.monitor?.snapshot() ?? null;
  }
}
