import { Global, Module } from '@nestjs/common';
import { LeasedJobs } from './leased-jobs';

/** Background jobs that run in one API process at a time (leases in the database). */
@Global()
@Module({ providers: [LeasedJobs], exports: [LeasedJobs] })
export class JobsModule {}
