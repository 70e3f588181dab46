import { Module } from '@nestjs/common';
import { MemberRecordsExportService } from './member-records-export.service';
import { MemberRecordsService } from './member-records.service';
import { RosterDecisionsService } from './roster-decisions.service';
import { RosterMembership } from './roster-membership';
import { RostersController } from './rosters.controller';
import { RostersService } from './rosters.service';

/** 报回单位: unit rosters (名册), the unit's member records with flags and honours, annual reports. */
@Module({
  controllers: [RostersController],
  providers: [
    RostersService,
    MemberRecordsService,
    MemberRecordsExportService,
    RosterMembership,
    RosterDecisionsService,
  ],
  exports: [RostersService, MemberRecordsService],
})
export class RostersModule {}
