import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { AppConfig } from '../../config/app-config';
import { ReadRoutingInterceptor } from './read-routing.interceptor';
import { ReadRouting } from './read-routing.service';

/**
 * Read routing to DATABASE_REPLICA_URL (inert without one). The routing interceptor is installed
 * only with a replica configured: without one, requests go through no interceptor at all.
 */
@Global()
@Module({})
export class ReplicaModule {
  static forRoot(config: Pick<AppConfig, 'replica'>): DynamicModule {
    return {
      module: ReplicaModule,
      providers: [
        ReadRouting,
        ...(config.replica ? [{ provide: APP_INTERCEPTOR, useClass: ReadRoutingInterceptor }] : []),
      ],
      exports: [ReadRouting],
    };
  }
}
