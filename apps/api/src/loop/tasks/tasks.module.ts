import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { NeedsModule } from '../needs/needs.module';
import { FeedService } from './feed.service';
import { ImpressionsService } from './impressions.service';
import { TaskViewsService } from './task-views.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [ClaimsModule, NeedsModule],
  controllers: [TasksController],
  providers: [TasksService, TaskViewsService, FeedService, ImpressionsService],
  exports: [TasksService, TaskViewsService, ImpressionsService],
})
export class TasksModule {}
