import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { SchedulerService } from './scheduler.service';

@Module({ imports: [ClaimsModule], providers: [SchedulerService] })
export class SchedulerModule {}
