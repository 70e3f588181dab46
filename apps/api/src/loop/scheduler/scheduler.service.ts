import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { ClaimsService } from '../claims/claims.service';
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
  private running = new Set<string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly claims: ClaimsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    this.every('dispatch', 5_000, () => this.notifications.dispatchDue());
    this.every('expire-holds', 30_000, () => this.claims.expireHolds());
  }

  onApplicationShutdown(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  private every(name: string, ms: number, job: () => Promise<unknown>): void {
    const timer = setInterval(() => {
      if (this.running.has(name)) return; // never overlap with ourselves
      this.running.add(name);
      job()
        .catch((err: Error) => this.logger.error(`${name} failed: ${err.message}`))
        .finally(() => this.running.delete(name));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
