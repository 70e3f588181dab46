import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { execute, toDbDate } from '../database/sql';
import { LifecycleService } from '../lifecycle/lifecycle.service';

/** A background job that must run in one process at a time, about every `everyMs`, across all processes. */
export interface LeasedJob {
  /** Its row in `job_leases` (≤ 64 characters). */
  name: string;
  everyMs: number;
  /** How long a holder may run before another process may take the job over (a crashed holder). */
  leaseMs: number;
  /** After a failure, the next attempt comes this much later (default: everyMs, at most 5 minutes). */
  retryMs?: number;
  /** The work; it should return soon after `shouldStop()` turns true (the process is draining). */
  run: (ctx: { shouldStop: () => boolean }) => Promise<unknown>;
}

/** How often each process looks for due jobs, and how soon after start it looks first (a deploy's build). */
const CHECK_EVERY_MS = 60_000;
const FIRST_CHECK_MS = 2_000;

/**
 * Jobs that run once per interval across every API process on one database: a process runs a due
 * job only after taking its lease in `job_leases` with one conditional UPDATE (due, and not leased
 * or the lease expired), so two processes never run it at once; it then releases the lease and
 * sets the next run. A crashed holder's lease expires after `leaseMs`. Nothing lives in memory
 * but the timer: each process checks 2 s after start, then every minute. Runs only with
 * SCHEDULER_ENABLED (off in tests, which call `runIfDue`).
 */
@Injectable()
export class LeasedJobs implements OnApplicationShutdown {
  private readonly logger = new Logger('LeasedJobs');
  /** Unique per instance: two apps in one process (tests) are two holders. */
  readonly holder: string;
  private readonly jobs: LeasedJob[] = [];
  private timer: NodeJS.Timeout | null = null;
  private first: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lifecycle: LifecycleService,
  ) {
    this.holder = `${config.workerId}:${randomBytes(4).toString('hex')}`.slice(0, 128);
  }

  /** Registers a job; with the scheduler enabled, this process checks for due jobs every minute. */
  schedule(job: LeasedJob): void {
    this.jobs.push(job);
    if (!this.config.schedulerEnabled || this.timer) return;
    const check = () => {
      if (this.running || this.stopping || this.lifecycle.draining) return;
      this.running = this.runDue().finally(() => (this.running = null));
    };
    this.timer = setInterval(check, CHECK_EVERY_MS);
    this.timer.unref();
    // Jobs registered in the same bootstrap are all in by then.
    this.first = setTimeout(check, FIRST_CHECK_MS);
    this.first.unref();
    this.lifecycle.onDrain(() => this.stop());
  }

  /** Runs every registered job that is due and free; answers the names of those this process ran. */
  async runDue(now = new Date()): Promise<string[]> {
    const ran: string[] = [];
    for (const job of this.jobs) {
      if (this.stopping) break;
      const did = await this.runIfDue(job, now).catch((err: Error) => {
        this.logger.error(`${job.name}: could not take its lease: ${err.message}`);
        return false;
      });
      if (did) ran.push(job.name);
    }
    return ran;
  }

  /** Takes the job's lease if it is due and free, runs it and releases the lease; answers whether it ran. */
  async runIfDue(job: LeasedJob, now = new Date()): Promise<boolean> {
    await this.db
      .createQueryBuilder()
      .insert()
      .into('job_leases', ['name', 'holder', 'leased_until', 'next_run_at', 'last_run_at'])
      .values({ name: job.name, holder: null, leased_until: null, next_run_at: toDbDate(now), last_run_at: null })
      .orIgnore()
      .updateEntity(false)
      .execute();
    const taken = await execute(
      this.db,
      `UPDATE job_leases SET holder = ?, leased_until = ?
        WHERE name = ? AND next_run_at <= ? AND (leased_until IS NULL OR leased_until <= ?)`,
      [this.holder, toDbDate(new Date(now.getTime() + job.leaseMs)), job.name, toDbDate(now), toDbDate(now)],
    );
    if (taken !== 1) return false;
    let ok = true;
    try {
      await job.run({ shouldStop: () => this.stopping || this.lifecycle.draining });
    } catch (err) {
      ok = false;
      this.logger.error(`${job.name} failed: ${(err as Error).message}`);
    }
    // Stopped part-way: due again at once, so another process carries on.
    const after = this.stopping ? 0 : ok ? job.everyMs : (job.retryMs ?? Math.min(job.everyMs, 5 * 60_000));
    const finishedAt = new Date(Math.max(Date.now(), now.getTime()));
    await execute(
      this.db,
      `UPDATE job_leases SET holder = NULL, leased_until = NULL, next_run_at = ?, last_run_at = COALESCE(?, last_run_at)
        WHERE name = ? AND holder = ?`,
      [toDbDate(new Date(now.getTime() + after)), ok ? toDbDate(finishedAt) : null, job.name, this.holder],
    );
    return true;
  }

  /** Makes a job due now (a queued rebuild): the next process to check (each checks every minute) runs it. */
  async makeDue(name: string, now = new Date()): Promise<void> {
    await execute(this.db, 'UPDATE job_leases SET next_run_at = ? WHERE name = ?', [toDbDate(now), name]);
  }

  /** No new runs; a running job is asked to stop and awaited (it then releases its lease). */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    if (this.first) clearTimeout(this.first);
    this.timer = null;
    await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
