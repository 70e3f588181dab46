import Redis from 'ioredis';

export interface Hit {
  /** The key's count (or total cost) in the current window, this hit included. */
  count: number;
  /** Milliseconds until the window ends. */
  resetInMs: number;
}

/** Fixed-window counters. Every API process must see the same counts, so production uses Redis. */
export interface RateLimitStore {
  /** Adds `cost` to the key's count, starting a window of `windowMs` if none is open. */
  hit(key: string, windowMs: number, cost?: number): Promise<Hit>;
  close(): Promise<void>;
}

/** One process's counters: for a single API process, development and tests. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly counters = new Map<string, { count: number; resetAt: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async hit(key: string, windowMs: number, cost = 1): Promise<Hit> {
    const now = Date.now();
    let c = this.counters.get(key);
    if (!c || c.resetAt <= now) {
      c = { count: 0, resetAt: now + windowMs };
      this.counters.set(key, c);
    }
    c.count += cost;
    return { count: c.count, resetInMs: c.resetAt - now };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [k, c] of this.counters) if (c.resetAt <= now) this.counters.delete(k);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.counters.clear();
  }
}

/**
 * INCRBY and PEXPIRE in one Lua script, so the count and its window are set atomically however
 * many API processes hit the same key (a key without a TTL would otherwise never reset).
 */
const HIT_SCRIPT = `
local n = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {n, ttl}`;

type RedisWithHit = Redis & { sbdHit(key: string, cost: number, windowMs: number): Promise<[number, number]> };

export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: RedisWithHit;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    // No offline queue: while Redis is away a hit fails at once (and the limiter lets the request through).
    // A short disconnectTimeout: closing while Redis is away would otherwise keep a 2 s timer alive.
    this.redis = new Redis(url, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2000,
      disconnectTimeout: 200,
    }) as RedisWithHit;
    this.redis.defineCommand('sbdHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.redis.on('error', () => undefined);
  }

  /** Resolves once connected (start-up waits for it so the first requests are counted). */
  async ready(timeoutMs = 3000): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('Redis did not become ready')), timeoutMs);
      this.redis.once('ready', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  async hit(key: string, windowMs: number, cost = 1): Promise<Hit> {
    const [count, ttl] = await this.redis.sbdHit(this.prefix + key, cost, windowMs);
    return { count: Number(count), resetInMs: Number(ttl) };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
