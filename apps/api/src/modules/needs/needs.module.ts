import { Module } from '@nestjs/common';
import { ContentCheckService } from './content-check.service';
import { NeedsController } from './needs.controller';
import { NeedsService } from './needs.service';

/** 居民点单: needs, duplicate suggestions, "+1", content checking, triage. */
@Module({
  controllers: [NeedsController],
  providers: [NeedsService, ContentCheckService],
  exports: [NeedsService, ContentCheckService],
})
export class NeedsModule {}
