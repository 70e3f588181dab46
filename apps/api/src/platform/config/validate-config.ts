import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CHECKIN_EARLY_MINUTES, NotificationKind } from '@sbd/contracts';
import { readAbuseConfig } from './rate-limit-config';
import { readPosterConfig } from './poster-config';
import { readSmsConfig } from './sms-config';
import {
  AUDIT_RETENTION_DAYS_DEFAULT,
  DEFAULT_DB_TIMEOUTS,
  type AppConfig,
  type NodeEnv,
  type ReplicaConfig,
} from './app-config';

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/** Repository root: apps/api/{src,dist}/platform/config → ../../../../.. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..', '..');

interface DevSecrets {
  jwtSecret: string;
  fieldEncryptionKey: string;
}

/**
 * In development the app keeps its own secrets in data/dev-secrets.json (git-ignored),
 * so a fresh clone starts with nothing configured and keeps working across restarts.
 */
function loadOrCreateDevSecrets(file: string): DevSecrets {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  const secrets: DevSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    fieldEncryptionKey: randomBytes(32).toString('base64'),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

/** A yes/no setting: true/false or 1/0; anything else is refused at start-up. */
function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

function decodeKey(raw: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    throw new ConfigError('FIELD_ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64');
  }
  return key;
}

const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * WECHAT_TEMPLATE_IDS: a JSON object of notice kind → subscribe-message template id, one template
 * per kind the API sends (a kind left out reaches the inbox only). Unknown kinds are refused, so a
 * typo does not silently turn a notice off.
 */
function templateIds(raw: string | undefined): Record<string, string> {
  if (!raw?.trim()) return {};
  const shape = 'WECHAT_TEMPLATE_IDS must be a JSON object of notification kind → template id';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(shape);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError(shape);
  const kinds = new Set<string>(Object.values(NotificationKind));
  for (const [kind, id] of Object.entries(parsed)) {
    if (!kinds.has(kind)) {
      throw new ConfigError(
        `WECHAT_TEMPLATE_IDS names an unknown notification kind "${kind}" (known: ${[...kinds].join(', ')})`,
      );
    }
    if (typeof id !== 'string' || !TEMPLATE_ID.test(id)) {
      throw new ConfigError(
        `WECHAT_TEMPLATE_IDS.${kind} must be a template id (letters, digits, - and _; ≤ 64), got ${JSON.stringify(id)}`,
      );
    }
  }
  return parsed as Record<string, string>;
}

/** Reads and checks the environment once at start-up; throws a ConfigError naming the variable. */
export function validateConfig(env: Env = process.env): AppConfig {
  const nodeEnv = (env.NODE_ENV ?? 'development') as NodeEnv;
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${env.NODE_ENV}"`);
  }
  const production = nodeEnv === 'production';

  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^mysql:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with mysql:// (leave it unset for the embedded SQLite database)');
  }
  const replicaUrl = env.DATABASE_REPLICA_URL?.trim() || null;
  if (replicaUrl && !/^mysql:\/\//.test(replicaUrl)) {
    throw new ConfigError('DATABASE_REPLICA_URL must start with mysql://');
  }
  if (replicaUrl && !databaseUrl) {
    throw new ConfigError('DATABASE_REPLICA_URL needs DATABASE_URL (the primary it replicates)');
  }
  const replica: ReplicaConfig | null = replicaUrl
    ? {
        url: replicaUrl,
        maxLagMs: int(env, 'DATABASE_REPLICA_MAX_LAG_MS', 3000, 100, 600_000),
        checkIntervalMs: int(env, 'DATABASE_REPLICA_CHECK_MS', 500, 50, 60_000),
      }
    : null;
  const dataDir = resolve(env.DATA_DIR ?? join(REPO_ROOT, 'data'));

  const required = (name: string): string => {
    const v = env[name]?.trim();
    if (!v) throw new ConfigError(`${name} is required when NODE_ENV=production`);
    return v;
  };

  let jwtSecret: string;
  let keyRaw: string;
  if (production) {
    required('DATABASE_URL');
    jwtSecret = required('JWT_SECRET');
    keyRaw = required('FIELD_ENCRYPTION_KEY');
    required('WECHAT_APP_ID');
    required('WECHAT_APP_SECRET');
    required('PUBLIC_BASE_URL');
  } else {
    const dev =
      env.JWT_SECRET && env.FIELD_ENCRYPTION_KEY ? null : loadOrCreateDevSecrets(join(dataDir, 'dev-secrets.json'));
    jwtSecret = env.JWT_SECRET?.trim() || dev!.jwtSecret;
    keyRaw = env.FIELD_ENCRYPTION_KEY?.trim() || dev!.fieldEncryptionKey;
  }
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');

  const port = int(env, 'PORT', 3000, 0, 65535);
  const h5Dir = resolve(env.H5_DIR ?? join(REPO_ROOT, 'apps', 'miniapp', 'dist', 'h5'));
  const consoleDir = resolve(env.CONSOLE_DIR ?? join(REPO_ROOT, 'apps', 'console', 'dist'));

  return {
    nodeEnv,
    port,
    databaseUrl,
    replica,
    sqlitePath: resolve(env.SQLITE_PATH ?? join(dataDir, 'shuangbaodao.sqlite')),
    jwtSecret,
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL_SECONDS', 15 * 60, 30, 24 * 3600),
    refreshTokenTtlSeconds: int(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600, 60, 365 * 24 * 3600),
    fieldEncryptionKey: decodeKey(keyRaw),
    bcryptRounds: int(env, 'BCRYPT_ROUNDS', nodeEnv === 'test' ? 4 : 11, 4, 15),
    wechat: {
      appId: env.WECHAT_APP_ID?.trim() || 'wx-dev-appid',
      appSecret: env.WECHAT_APP_SECRET?.trim() || 'dev-secret',
      apiBaseUrl: (env.WECHAT_API_BASE_URL?.trim() || 'https://api.weixin.qq.com').replace(/\/$/, ''),
      timeoutMs: int(env, 'WECHAT_TIMEOUT_MS', 5000, 100, 60000),
      templateIds: templateIds(env.WECHAT_TEMPLATE_IDS),
    },
    schedulerEnabled: (env.SCHEDULER_ENABLED ?? (nodeEnv === 'test' ? 'false' : 'true')) === 'true',
    feedCacheMaxTasks: int(env, 'FEED_CACHE_MAX_TASKS', 1000, 0, 20000),
    workerId: env.WORKER_ID?.trim() || `${hostname()}-${process.pid}`,
    publicBaseUrl: (env.PUBLIC_BASE_URL?.trim() || `http://localhost:${port}`).replace(/\/$/, ''),
    logLevel: env.LOG_LEVEL?.trim() || (nodeEnv === 'test' ? 'silent' : 'info'),
    h5Dir: existsSync(h5Dir) ? h5Dir : null,
    consoleDir: existsSync(join(consoleDir, 'index.html')) ? consoleDir : null,
    db: {
      connectTimeoutMs: int(env, 'DB_CONNECT_TIMEOUT_MS', DEFAULT_DB_TIMEOUTS.connectTimeoutMs, 100, 60_000),
      acquireTimeoutMs: int(env, 'DB_ACQUIRE_TIMEOUT_MS', DEFAULT_DB_TIMEOUTS.acquireTimeoutMs, 50, 60_000),
      queryTimeoutMs: int(env, 'DB_QUERY_TIMEOUT_MS', DEFAULT_DB_TIMEOUTS.queryTimeoutMs, 100, 600_000),
    },
    strictSql: flag(env, 'DB_STRICT_SQL', false)
      ? { lockWaitTimeoutSeconds: int(env, 'DB_LOCK_WAIT_TIMEOUT_SECONDS', 3, 1, 3600) }
      : null,
    shutdownDrainMs: int(env, 'SHUTDOWN_DRAIN_MS', nodeEnv === 'test' ? 500 : 10_000, 0, 300_000),
    // REDIS_URL, REDIS_KEY_PREFIX, RATE_LIMIT_<NAME>, UPLOAD_DAILY_QUOTA_BYTES, LOGIN_* lockout thresholds.
    // SMS_PROVIDER, TENCENT_SMS_*, SMS_CODE_TTL_SECONDS: phone verification codes (H5).
    sms: readSmsConfig(
      env,
      production,
      (name, fallback, min, max) => int(env, name, fallback, min, max),
      (msg) => new ConfigError(msg),
    ),
    abuse: readAbuseConfig(
      env,
      nodeEnv === 'test',
      (name, fallback, min, max) => int(env, name, fallback, min, max),
      (msg) => new ConfigError(msg),
    ),
    // Below 180 days is allowed (a test or staging deployment) but misses the six months the law asks for.
    audit: { retentionDays: int(env, 'AUDIT_RETENTION_DAYS', AUDIT_RETENTION_DAYS_DEFAULT, 1, 36_500) },
    attendance: {
      checkinEarlyMinutes: int(env, 'CHECKIN_EARLY_MINUTES', CHECKIN_EARLY_MINUTES, 0, 24 * 60),
      codeMaxFailures: int(env, 'CHECKIN_CODE_MAX_FAILURES', 5, 1, 100),
      codeLockMinutes: int(env, 'CHECKIN_CODE_LOCK_MINUTES', 15, 1, 24 * 60),
    },
    // POSTER_FONT_PATH (default: the first installed CJK font), POSTER_LOGO_PATH.
    poster: readPosterConfig(env, (msg) => new ConfigError(msg)),
  };
}
