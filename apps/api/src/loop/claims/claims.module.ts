import { Module } from '@nestjs/common';
import { PointsModule } from '../points/points.module';
import { AttendanceService } from './attendance.service';
import { ClaimViewsService } from './claim-views.service';
import { ClaimsController } from './claims.controller';
import { ClaimsService } from './claims.service';

@Module({
  imports: [PointsModule],
  controllers: [ClaimsController],
  providers: [ClaimsService, ClaimViewsService, AttendanceService],
  exports: [ClaimsService, ClaimViewsService, AttendanceService],
})
export class ClaimsModule {}
