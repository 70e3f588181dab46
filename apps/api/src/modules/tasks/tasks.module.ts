import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { NeedsModule } from '../needs/needs.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({ imports: [ClaimsModule, NeedsModule], controllers: [TasksController], providers: [TasksService], exports: [TasksService] })
export class TasksModule {}
