import { Global, Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AUDIT_RETENTION_DAYS_DEFAULT, type AppConfig } from '../config/app-config';
import { LeasedJobs } from '../jobs/leased-jobs';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditViewsService } from './audit-views.service';

/** How often the retention purge runs (in one process at a time), and how long it may hold its lease. */
const PURGE_EVERY_MS = 3600_000;
const PURGE_LEASE_MS = 15 * 60_000;

/**
 * The audit log: `AuditService` for every context to record into (global), the read-only route
 * for platform and district admins, and the hourly retention purge.
 */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditViewsService],
  exports: [AuditService],
})
export class AuditModule implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly jobs: LeasedJobs,
  ) {}

  onApplicationBootstrap(): void {
    const days = this.config.audit.retentionDays;
    if (days < AUDIT_RETENTION_DAYS_DEFAULT) {
      new Logger('Audit').warn(`AUDIT_RETENTION_DAYS=${days}: audit events are kept less than the six months required`);
    }
    this.jobs.schedule({
      name: 'audit-purge',
      everyMs: PURGE_EVERY_MS,
      leaseMs: PURGE_LEASE_MS,
      run: ({ shouldStop }) => this.audit.purgeExpired(new Date(), shouldStop),
    });
  }
}
