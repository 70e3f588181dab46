import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';
import { RegistrationController } from './registration.controller';
import { RegistrationViewsService } from './registration-views.service';
import { RegistrationService } from './registration.service';

@Module({
  imports: [AuthModule],
  controllers: [RegistrationController, AccountController],
  providers: [RegistrationService, RegistrationViewsService, AccountService],
  exports: [RegistrationService],
})
export class RegistrationModule {}
