import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { LifecycleService } from '../../platform/lifecycle/lifecycle.service';
import { WaitlistService } from '../claims/waitlist.service';
import { NotificationsService } from '../../messaging';

/**
 * Background work in every API process: deliver due notifications (reminders included) and expire
 * unconfirmed holds. Nothing is scheduled in memory that matters: each job claims its rows in the
 * database with conditional updates, so with two processes on one MySQL each item is done once.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private timers: NodeJS.Timeout[] = [];
  private running = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly waitlist: WaitlistService,
    private readonly lifecycle: LifecycleService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    this.every('dispatch', 5_000, () => this.notifications.dispatchDue());
    this.every('expire-holds', 30_000, () => this.waitlist.expireHolds());
    this.lifecycle.onDrain(() => this.stop());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /**
   * Shutting down: no new runs, the dispatcher claims no further rows, running jobs finish (a
   * send under way is recorded), and rows still locked by this process go back to pending, so
   * another process delivers them at once rather than after the lock expires.
   */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.notifications.stopClaiming();
    await Promise.allSettled([...this.running.values()]);
    if (this.config.schedulerEnabled) {
      await this.notifications
        .releaseHeld()
        .catch((err: Error) => this.logger.error(`releasing notifications failed: ${err.message}`));
    }
  }

  private every(name: string, ms: number, job: () => Promise<unknown>): void {
    const timer = setInterval(() => {
      if (this.running.has(name) || this.lifecycle.draining) return; // never overlap with ourselves
      this.running.set(
        name,
        job()
          .catch((err: Error) => this.logger.error(`${name} failed: ${err.message}`))
          .finally(() => this.running.delete(name)),
      );
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
