import { Module } from '@nestjs/common';
import { StaffController } from './staff.controller';
import { StaffEvents } from './staff-events';
import { StaffService } from './staff.service';
import { StaffViews } from './staff-views';

@Module({
  controllers: [StaffController],
  providers: [StaffService, StaffViews, StaffEvents],
  exports: [StaffEvents],
})
export class StaffModule {}
