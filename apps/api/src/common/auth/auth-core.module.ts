import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuthGuard } from './auth.guard';
import { PrincipalLoader } from './principal-loader';
import { ScopeService } from './scope.service';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({ secret: c.jwtSecret, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  providers: [PrincipalLoader, ScopeService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [JwtModule, PrincipalLoader, ScopeService],
})
export class AuthCoreModule {}
