import type { AbuseConfig } from './rate-limit-config';
import type { PosterConfig } from './poster-config';
import type { SmsConfig } from './sms-config';

export type NodeEnv = 'development' | 'production' | 'test';

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** mysql://user:pass@host:port/db, or null for the embedded SQLite file. */
  databaseUrl: string | null;
  /** A read replica of DATABASE_URL for reads that may lag (platform/database/replica), or null. */
  replica: ReplicaConfig | null;
  sqlitePath: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** 32 bytes, for AES-256-GCM field encryption and the keyed look-up hashes. */
  fieldEncryptionKey: Buffer;
  bcryptRounds: number;
  wechat: {
    appId: string;
    appSecret: string;
    apiBaseUrl: string;
    timeoutMs: number;
    /**
     * Subscribe-message template id per notification kind; kinds without one go to the inbox only.
     * A message is sent only while the user has an unused acceptance of its template.
     */
    templateIds: Record<string, string>;
  };
  /** Run the background jobs (dispatcher, hold expiry) in this process. */
  schedulerEnabled: boolean;
  /** Streets with more open tasks than this are not cached for the member feed (0: never cache). */
  feedCacheMaxTasks: number;
  /** Identifies this process when it claims jobs. */
  workerId: string;
  /** Public origin of the H5 app, used in QR codes and card links. */
  publicBaseUrl: string;
  logLevel: string;
  /** Folder of the mini-program's H5 build to serve, if it exists. */
  h5Dir: string | null;
  /** The PC console's build (apps/console/dist), served under /console; null when not built. */
  consoleDir: string | null;
  /** Bounds on waiting for the database: a stalled one answers 503 instead of hanging. */
  db: DbTimeouts;
  /**
   * DB_STRICT_SQL: every MySQL/MariaDB session (primary and replica) runs with a strict sql_mode and
   * a short lock wait (platform/database/strict-sql.ts), as TiDB and OceanBase behave; null when off.
   * On by default in the MariaDB test run.
   */
  strictSql: StrictSqlConfig | null;
  /** After SIGTERM: how long to keep serving (readiness 503, `Connection: close`) before closing. */
  shutdownDrainMs: number;
  /** Phone verification codes by SMS (H5). */
  sms: SmsConfig;
  /** Rate limits, upload quota and login lockout (platform/throttle). */
  abuse: AbuseConfig;
  /** The audit log (platform/audit). */
  audit: AuditConfig;
  attendance: AttendanceConfig;
  /** The community poster's font and logo (org/poster-composer). */
  poster: PosterConfig;
}

/** The rules of check-in (loop/claims). */
export interface AttendanceConfig {
  /** Check-in opens this many minutes before a task starts (CHECKIN_EARLY_MINUTES). */
  checkinEarlyMinutes: number;
  /** Wrong check-in codes by one member on one task before the code is refused for them. */
  codeMaxFailures: number;
  /** How long that refusal lasts. */
  codeLockMinutes: number;
}

export interface AuditConfig {
  /** Events older than this many days are purged (AUDIT_RETENTION_DAYS, default 180). */
  retentionDays: number;
}

/** 网络安全法 §21 / 等保2.0: network logs are kept at least six months. */
export const AUDIT_RETENTION_DAYS_DEFAULT = 180;

export interface DbTimeouts {
  /** Opening a MySQL connection (TCP + handshake). */
  connectTimeoutMs: number;
  /** Waiting for a free pool connection (MySQL) before answering 503. */
  acquireTimeoutMs: number;
  /** One statement, client-side (the connection is dropped); also SQLite's busy timeout. */
  queryTimeoutMs: number;
}

export interface StrictSqlConfig {
  /** innodb_lock_wait_timeout of each session, in seconds (DB_LOCK_WAIT_TIMEOUT_SECONDS). */
  lockWaitTimeoutSeconds: number;
}

export interface ReplicaConfig {
  /** mysql://user:pass@host:port/db of the replica (same database as the primary). */
  url: string;
  /** Reads go to the primary while the replica is further behind than this (or down). */
  maxLagMs: number;
  /** How often, at most, each process measures the replica's lag (only while reads want it). */
  checkIntervalMs: number;
}

export const DEFAULT_DB_TIMEOUTS: DbTimeouts = { connectTimeoutMs: 3000, acquireTimeoutMs: 2000, queryTimeoutMs: 4000 };

export const APP_CONFIG = Symbol('APP_CONFIG');
