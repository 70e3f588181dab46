import { Module } from '@nestjs/common';
import { TasksModule } from '../../loop';
import { MatchFeaturesService } from './match-features.service';
import { MatchingController } from './matching.controller';
import { MatchingService } from './matching.service';

@Module({
  imports: [TasksModule],
  controllers: [MatchingController],
  providers: [MatchingService, MatchFeaturesService],
  exports: [MatchingService],
})
export class MatchingModule {}
