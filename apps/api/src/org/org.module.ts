import { Module } from '@nestjs/common';
import { CommunityPosterService } from './community-poster.service';
import { CommunityQrService } from './community-qr.service';
import { OrgImportController } from './org-import.controller';
import { OrgController } from './org.controller';
import { OrgImportService } from './org-import.service';
import { OrgUpkeepService } from './org-upkeep.service';
import { OrgService } from './org.service';

@Module({
  controllers: [OrgController, OrgImportController],
  providers: [OrgService, OrgUpkeepService, OrgImportService, CommunityQrService, CommunityPosterService],
  exports: [OrgService],
})
export class OrgModule {}
