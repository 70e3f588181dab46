import { Module } from '@nestjs/common';
import { PhoneController } from './phone.controller';
import { PhoneVerificationService } from './phone-verification.service';

@Module({
  controllers: [PhoneController],
  providers: [PhoneVerificationService],
  exports: [PhoneVerificationService],
})
export class PhoneModule {}
