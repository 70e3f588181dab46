import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { UsersModule } from '../users/users.module';
import { AccountAlerts } from './account-alerts';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginLockout } from './login-lockout';
import { PasswordHasher } from './password-hasher';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    AccountAlerts,
    LoginLockout,
    { provide: PasswordHasher, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new PasswordHasher(c.bcryptRounds) },
  ],
  exports: [AuthService, AccountAlerts, PasswordHasher],
})
export class AuthModule {}
