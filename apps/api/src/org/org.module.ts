import { Module } from '@nestjs/common';
import { CommunityPosterService } from './community-poster.service';
import { CommunityQrService } from './community-qr.service';
import { OrgController } from './org.controller';
import { OrgImportService } from './org-import.service';
import { OrgUpkeepService } from './org-upkeep.service';
import { OrgService } from './org.service';

@Module({
  controllers: [OrgController],
  providers: [OrgService, OrgUpkeepService, OrgImportService, CommunityQrService, CommunityPosterService],
  exports: [OrgService],
})
export class OrgModule {}
