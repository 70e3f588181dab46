import { Global, Module } from '@nestjs/common';
import { PiiRevealService } from './pii-reveal.service';
import { PiiRevealsController } from './pii-reveals.controller';
import { PrivacyHooks } from './privacy-hooks';

/** 查看完整号码 (audited reveals) and account erasure, filled in by each context at start-up. */
@Global()
@Module({
  controllers: [PiiRevealsController],
  providers: [PrivacyHooks, PiiRevealService],
  exports: [PrivacyHooks],
})
export class PrivacyModule {}
