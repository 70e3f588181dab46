import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ReadRoutingInterceptor } from './read-routing.interceptor';
import { ReadRouting } from './read-routing.service';

/** Read routing to DATABASE_REPLICA_URL (inert without one). */
@Global()
@Module({
  providers: [ReadRouting, { provide: APP_INTERCEPTOR, useClass: ReadRoutingInterceptor }],
  exports: [ReadRouting],
})
export class ReplicaModule {}
