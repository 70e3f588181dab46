import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { NeedsModule } from '../needs/needs.module';
import { TasksController } from './tasks.controller';
import { ImpressionsService } from './impressions.service';
import { TasksService } from './tasks.service';

@Module({ imports: [ClaimsModule, NeedsModule], controllers: [TasksController], providers: [TasksService, ImpressionsService], exports: [TasksService] })
export class TasksModule {}
