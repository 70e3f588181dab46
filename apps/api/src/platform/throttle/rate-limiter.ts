import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { RateLimitName } from '../config/rate-limit-config';
import type { RateLimitStore } from './rate-limit-store';
import { TooManyRequestsError } from './too-many-requests';

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');

export interface RateLimitCheck {
  name: RateLimitName;
  /** What is limited: an IP, "user:42", a phone's keyed hash… */
  key: string;
}

/** Counts requests against the configured limits; throws 429 (with the seconds to wait) once one is exceeded. */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimiter');
  private lastStoreError = 0;

  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async consume(checks: RateLimitCheck[]): Promise<void> {
    let retryAfterMs = 0;
    for (const c of checks) {
      const rule = this.config.abuse.rateLimits[c.name];
      if (!rule.limit) continue;
      const windowMs = rule.windowSeconds * 1000;
      let hit;
      try {
        hit = await this.store.hit(`rl:${c.name}:${c.key}`, windowMs);
      } catch (err) {
        // The store (Redis) is unreachable: serve rather than fail every request; say so, once a minute.
        if (Date.now() - this.lastStoreError > 60_000) {
          this.lastStoreError = Date.now();
          this.logger.error(`rate-limit store unavailable, limits not enforced: ${(err as Error).message}`);
        }
        return;
      }
      if (hit.count > rule.limit) retryAfterMs = Math.max(retryAfterMs, hit.resetInMs);
    }
    if (retryAfterMs > 0) throw new TooManyRequestsError(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  }
}
