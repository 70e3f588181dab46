import { Module } from '@nestjs/common';
import { CommunityQrService } from './community-qr.service';
import { OrgController } from './org.controller';
import { OrgService } from './org.service';

@Module({ controllers: [OrgController], providers: [OrgService, CommunityQrService], exports: [OrgService] })
export class OrgModule {}
