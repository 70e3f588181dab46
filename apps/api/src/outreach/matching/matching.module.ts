import { Module } from '@nestjs/common';
import { TasksModule } from '../../loop';
import { MatchingController } from './matching.controller';
import { MatchingService } from './matching.service';

@Module({ imports: [TasksModule], controllers: [MatchingController], providers: [MatchingService], exports: [MatchingService] })
export class MatchingModule {}
