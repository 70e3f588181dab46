import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MemoryRateLimitStore, RedisRateLimitStore, type RateLimitStore } from './rate-limit-store';
import { RateLimitGuard } from './rate-limit.guard';
import { RATE_LIMIT_STORE, RateLimiter } from './rate-limiter';

/** Rate limits: counters in Redis when REDIS_URL is set (shared by all API processes), else in memory. */
@Global()
@Module({
  providers: [
    {
      provide: RATE_LIMIT_STORE,
      inject: [APP_CONFIG],
      useFactory: async (c: AppConfig): Promise<RateLimitStore> => {
        if (!c.abuse.redisUrl) return new MemoryRateLimitStore();
        const store = new RedisRateLimitStore(c.abuse.redisUrl, c.abuse.redisKeyPrefix);
        // Start even if Redis is down (limits are then not enforced, and the log says so).
        await store
          .ready()
          .catch((err: Error) => new Logger('RateLimiter').error(`Redis not reachable at start-up: ${err.message}`));
        return store;
      },
    },
    RateLimiter,
    RateLimitGuard,
  ],
  exports: [RateLimiter, RateLimitGuard, RATE_LIMIT_STORE],
})
export class ThrottleModule implements OnApplicationShutdown {
  constructor(@Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
