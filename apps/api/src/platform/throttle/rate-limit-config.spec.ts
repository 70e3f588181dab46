import { randomBytes } from 'node:crypto';
import { ConfigError, validateConfig } from '../config/validate-config';
import { MemoryRateLimitStore } from './rate-limit-store';

const base = {
  JWT_SECRET: randomBytes(32).toString('hex'),
  FIELD_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  SQLITE_PATH: '/tmp/unused.sqlite',
};

describe('rate-limit configuration', () => {
  it('has production defaults, and limits out of reach in tests unless set', () => {
    const dev = validateConfig({ ...base, NODE_ENV: 'development' }).abuse;
    expect(dev.rateLimits.LOGIN_IP).toEqual({ limit: 30, windowSeconds: 60 });
    expect(dev.rateLimits.CHECKIN_MEMBER_TASK).toEqual({ limit: 10, windowSeconds: 600 });
    expect(dev.uploadDailyQuotaBytes).toBe(50 * 1024 * 1024);
    expect(dev.lockout).toEqual({
      pairMaxFailures: 5,
      pairLockMinutes: 15,
      accountMaxFailures: 50,
      accountWindowMinutes: 60,
      accountLockMinutes: 60,
    });
    expect(dev.redisUrl).toBeNull();

    const test = validateConfig({
      ...base,
      NODE_ENV: 'test',
      RATE_LIMIT_NEED_ACCOUNT: '3/3600',
      RATE_LIMIT_UPLOAD_IP: 'off',
    }).abuse;
    expect(test.rateLimits.LOGIN_IP.limit).toBeGreaterThanOrEqual(1_000_000);
    expect(test.rateLimits.NEED_ACCOUNT).toEqual({ limit: 3, windowSeconds: 3600 });
    expect(test.rateLimits.UPLOAD_IP.limit).toBe(0);
    expect(test.uploadDailyQuotaBytes).toBe(0);
  });

  it.each([
    ['RATE_LIMIT_LOGIN_IP', '30'],
    ['RATE_LIMIT_LOGIN_IP', '0/60'],
    ['RATE_LIMIT_LOGIN_IP', '5/0'],
    ['RATE_LIMIT_SIGNUP_IP', 'ten/60'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['UPLOAD_DAILY_QUOTA_BYTES', '-1'],
    ['LOGIN_MAX_FAILURES', '0'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => validateConfig({ ...base, NODE_ENV: 'test', [name]: value })).toThrow(ConfigError);
    expect(() => validateConfig({ ...base, NODE_ENV: 'test', [name]: value })).toThrow(name);
  });
});

describe('memory rate-limit store', () => {
  it('counts within a window and starts afresh after it', async () => {
    const store = new MemoryRateLimitStore();
    expect((await store.hit('k', 50)).count).toBe(1);
    const second = await store.hit('k', 50);
    expect(second.count).toBe(2);
    expect(second.resetInMs).toBeGreaterThan(0);
    expect(second.resetInMs).toBeLessThanOrEqual(50);
    expect((await store.hit('k', 50, 10)).count).toBe(12);
    await new Promise((r) => setTimeout(r, 60));
    expect((await store.hit('k', 50)).count).toBe(1);
    await store.close();
  });
});
