import { Global, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuthGuard } from './auth.guard';
import { PrincipalLoader } from './principal-loader';
import { ScopeService } from './scope.service';
import { UnitMembership } from './unit-membership';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not a string: jsonwebtoken otherwise tries to parse the secret as a PEM key
      // on every verify (measured: 7% of a request's CPU).
      useFactory: (c: AppConfig) => ({
        secret: createSecretKey(Buffer.from(c.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [PrincipalLoader, ScopeService, UnitMembership, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [JwtModule, PrincipalLoader, ScopeService, UnitMembership],
})
export class AuthCoreModule {}
