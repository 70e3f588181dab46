import { Module } from '@nestjs/common';
import { ScreenService } from './screen.service';
import { StatsRollupService } from './stats-rollup.service';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

/** The numbers (DOMAIN §7) for any org node and period, with district roll-ups for the city dashboard. */
@Module({
  controllers: [StatsController],
  providers: [StatsService, StatsRollupService, ScreenService],
  exports: [StatsService, StatsRollupService],
})
export class StatsModule {}
