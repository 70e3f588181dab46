/**
 * The rate limits, each "at most `limit` requests per `windowSeconds`" for one key (an IP, an
 * account, a member and task). Each is configurable as RATE_LIMIT_<NAME>=<limit>/<seconds>
 * (e.g. RATE_LIMIT_LOGIN_IP=30/60) or RATE_LIMIT_<NAME>=off.
 */
export const RATE_LIMIT_DEFAULTS = {
  /** POST /auth/login per client IP. */
  LOGIN_IP: '30/60',
  /** POST /auth/login per phone number (from all IPs). */
  LOGIN_ACCOUNT: '10/60',
  /** POST /auth/wechat per client IP. */
  WECHAT_LOGIN_IP: '60/60',
  /** POST /auth/refresh per client IP (many members may share one address). */
  REFRESH_IP: '120/60',
  /** POST /auth/refresh per session (refresh-token family): a client refreshes every 15 minutes. */
  REFRESH_SESSION: '10/60',
  /** POST /auth/signup per client IP. */
  SIGNUP_IP: '20/3600',
  /** POST /auth/signup per phone number. */
  SIGNUP_ACCOUNT: '5/3600',
  /** POST /needs per client IP. */
  NEED_IP: '30/60',
  /** POST /needs per account. */
  NEED_ACCOUNT: '10/3600',
  /** POST /uploads per client IP. */
  UPLOAD_IP: '60/60',
  /** POST /uploads per account. */
  UPLOAD_ACCOUNT: '30/600',
  /** POST /claims/:id/check-in and check-out per client IP. */
  CHECKIN_IP: '60/60',
  /** Check-in/check-out attempts (code guesses) per member and task. */
  CHECKIN_MEMBER_TASK: '10/600',
  /** GET /registrations/cards/:cardNo (public e-card check) per client IP. */
  CARD_VERIFY_IP: '60/60',
  /** POST /phone-verifications/sms-codes (an SMS sent) per client IP. */
  SMS_SEND_IP: '20/3600',
  /** SMS codes sent to one phone number, from any account or IP. */
  SMS_SEND_PHONE: '5/3600',
  /** One SMS code per phone number a minute (the "重新发送" countdown). */
  SMS_RESEND_PHONE: '1/60',
  /** Phone checks (an SMS code typed in, a WeChat phone code exchanged) per account. */
  PHONE_VERIFY_USER: '20/600',
  /** GET /communities/:id/poster.png|pdf per account: each render takes about a second of CPU. */
  POSTER_USER: '30/600',
} as const;

export type RateLimitName = keyof typeof RATE_LIMIT_DEFAULTS;

export interface RateLimitRule {
  /** 0: no limit. */
  limit: number;
  windowSeconds: number;
}

export interface LockoutConfig {
  /** Failures from one source (IP) against one account before that pair is locked. */
  pairMaxFailures: number;
  pairLockMinutes: number;
  /** Failures from all sources against one account within the window before it is locked for everyone. */
  accountMaxFailures: number;
  accountWindowMinutes: number;
  accountLockMinutes: number;
}

export interface AbuseConfig {
  /** redis://… shared by every API process; null: counters in this process's memory. */
  redisUrl: string | null;
  /** Prefix of every Redis key, so deployments (and test runs) sharing a Redis stay apart. */
  redisKeyPrefix: string;
  rateLimits: Record<RateLimitName, RateLimitRule>;
  /** Bytes one account may upload per day (China time); 0: no quota. */
  uploadDailyQuotaBytes: number;
  lockout: LockoutConfig;
}

type Env = Record<string, string | undefined>;

/** Limits so high that suites sending many requests never meet them (tests set low ones explicitly). */
const TEST_RULE: RateLimitRule = { limit: 1_000_000, windowSeconds: 60 };

export function parseRateLimit(name: string, raw: string, fail: (msg: string) => Error): RateLimitRule {
  const v = raw.trim().toLowerCase();
  if (v === 'off' || v === '0') return { limit: 0, windowSeconds: 1 };
  const m = /^(\d{1,7})\s*\/\s*(\d{1,6})$/.exec(v);
  const limit = m ? Number(m[1]) : NaN;
  const windowSeconds = m ? Number(m[2]) : NaN;
  if (!m || limit < 1 || windowSeconds < 1 || windowSeconds > 7 * 24 * 3600) {
    throw fail(`RATE_LIMIT_${name} must be "<requests>/<seconds>" (seconds ≤ 604800) or "off", got "${raw}"`);
  }
  return { limit, windowSeconds };
}

export function readAbuseConfig(
  env: Env,
  test: boolean,
  int: (name: string, fallback: number, min: number, max: number) => number,
  fail: (msg: string) => Error,
): AbuseConfig {
  const redisUrl = env.REDIS_URL?.trim() || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw fail('REDIS_URL must start with redis:// or rediss://');
  const rateLimits = {} as Record<RateLimitName, RateLimitRule>;
  for (const name of Object.keys(RATE_LIMIT_DEFAULTS) as RateLimitName[]) {
    const raw = env[`RATE_LIMIT_${name}`];
    rateLimits[name] = raw?.trim()
      ? parseRateLimit(name, raw, fail)
      : test
        ? TEST_RULE
        : parseRateLimit(name, RATE_LIMIT_DEFAULTS[name], fail);
  }
  return {
    redisUrl,
    redisKeyPrefix: env.REDIS_KEY_PREFIX?.trim() || 'sbd:',
    rateLimits,
    uploadDailyQuotaBytes: int('UPLOAD_DAILY_QUOTA_BYTES', test ? 0 : 50 * 1024 * 1024, 0, 1024 ** 4),
    lockout: {
      pairMaxFailures: int('LOGIN_MAX_FAILURES', 5, 1, 1000),
      pairLockMinutes: int('LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
      accountMaxFailures: int('LOGIN_ACCOUNT_MAX_FAILURES', 50, 1, 100_000),
      accountWindowMinutes: int('LOGIN_ACCOUNT_WINDOW_MINUTES', 60, 1, 7 * 24 * 60),
      accountLockMinutes: int('LOGIN_ACCOUNT_LOCK_MINUTES', 60, 1, 7 * 24 * 60),
    },
  };
}
