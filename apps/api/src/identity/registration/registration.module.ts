import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PhoneModule } from '../phone/phone.module';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';
import { RegistrationController } from './registration.controller';
import { RegistrationPrivacy } from './registration-privacy';
import { LiveCardService } from './live-card.service';
import { RegistrationViewsService } from './registration-views.service';
import { RegistrationEvents } from './registration-events';
import { RegistrationService } from './registration.service';
import { WorkUnitLinkService } from './work-unit-link.service';

@Module({
  imports: [AuthModule, PhoneModule],
  controllers: [RegistrationController, AccountController],
  providers: [
    RegistrationService,
    RegistrationViewsService,
    LiveCardService,
    AccountService,
    RegistrationPrivacy,
    RegistrationEvents,
    WorkUnitLinkService,
  ],
  exports: [RegistrationService, RegistrationEvents],
})
export class RegistrationModule {}
