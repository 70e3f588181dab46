import { Module } from '@nestjs/common';
import { PointsModule } from '../points/points.module';
import { TasksModule } from '../tasks/tasks.module';
import { AttendanceService } from './attendance.service';
import { CheckinLockout } from './checkin-lockout';
import { ClaimViewsService } from './claim-views.service';
import { ClaimsController } from './claims.controller';
import { ClaimsService } from './claims.service';
import { ClaimsTaskHooks } from './claims-task-hooks';
import { WaitlistService } from './waitlist.service';

@Module({
  imports: [PointsModule, TasksModule],
  controllers: [ClaimsController],
  providers: [ClaimsService, WaitlistService, ClaimViewsService, AttendanceService, CheckinLockout, ClaimsTaskHooks],
  exports: [ClaimsService, WaitlistService, ClaimViewsService, AttendanceService],
})
export class ClaimsModule {}
