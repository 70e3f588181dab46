import { Module } from '@nestjs/common';
import { NeedsModule } from '../needs/needs.module';
import { FeedCompanion } from './feed-companion';
import { FeedService } from './feed.service';
import { ImpressionsService } from './impressions.service';
import { TaskHooks } from './task-hooks';
import { TaskViewsService } from './task-views.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [NeedsModule],
  controllers: [TasksController],
  providers: [TasksService, TaskViewsService, FeedService, FeedCompanion, ImpressionsService, TaskHooks],
  exports: [TasksService, TaskViewsService, ImpressionsService, TaskHooks],
})
export class TasksModule {}
