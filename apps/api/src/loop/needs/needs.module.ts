import { Module } from '@nestjs/common';
import { ContentCheckService } from './content-check.service';
import { NeedTransitionsService } from './need-transitions.service';
import { NeedViewsService } from './need-views.service';
import { NeedsController } from './needs.controller';
import { NeedsPrivacy } from './needs-privacy';
import { NeedsService } from './needs.service';
import { TriageService } from './triage.service';

/** 居民点单: needs, duplicate suggestions, "+1", content checking, triage. */
@Module({
  controllers: [NeedsController],
  providers: [NeedsService, NeedViewsService, NeedTransitionsService, TriageService, ContentCheckService, NeedsPrivacy],
  exports: [NeedsService, TriageService, ContentCheckService],
})
export class NeedsModule {}
