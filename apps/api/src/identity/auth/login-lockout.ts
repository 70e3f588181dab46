import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode } from '@sbd/contracts';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { execute, fromDbDate, toDbDate } from '../../platform/database/sql';
import { AppError } from '../../platform/errors/app-errors';
import { AccountAlerts } from './account-alerts';

/** The row counting failures against an account from all sources. */
const ALL_SOURCES = '*';

export interface Lock {
  until: Date;
  /** true: locked for everyone (the per-account threshold); false: only for this source. */
  global: boolean;
}

/**
 * Login lockout that a stranger cannot turn against the owner: failures are counted per
 * (account, source IP) and lock only that pair after LOGIN_MAX_FAILURES; a much higher count from
 * all sources within a window (LOGIN_ACCOUNT_MAX_FAILURES per LOGIN_ACCOUNT_WINDOW_MINUTES) locks
 * the account for everyone and tells the owner in the inbox. Counted in the database (one
 * statement at a time, each atomic), so the lockout holds across API processes.
 */
@Injectable()
export class LoginLockout {
  private readonly logger = new Logger('LoginLockout');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alerts: AccountAlerts,
  ) {}

  private get cfg() {
    return this.config.abuse.lockout;
  }

  /** The lock that applies to this account from this source, if any. */
  async current(accountHash: string, source: string, now = new Date()): Promise<Lock | null> {
    const rows: { source: string; locked_until: unknown }[] = await this.db.query(
      'SELECT source, locked_until FROM login_failures WHERE account_hash = ? AND source IN (?, ?) AND locked_until > ?',
      [accountHash, source, ALL_SOURCES, toDbDate(now)],
    );
    let lock: Lock | null = null;
    for (const r of rows) {
      const until = fromDbDate(r.locked_until)!;
      const global = r.source === ALL_SOURCES;
      if (!lock || (global && !lock.global) || (global === lock.global && until > lock.until)) lock = { until, global };
    }
    return lock;
  }

  /** Counts a failure; answers the lock it caused or that applies (null: not locked). */
  async recordFailure(
    accountHash: string,
    source: string,
    userId: number | null,
    now = new Date(),
  ): Promise<Lock | null> {
    await this.bump(accountHash, source, now, null, this.cfg.pairMaxFailures, this.cfg.pairLockMinutes);
    const lockedNow = await this.bump(
      accountHash,
      ALL_SOURCES,
      now,
      this.cfg.accountWindowMinutes,
      this.cfg.accountMaxFailures,
      this.cfg.accountLockMinutes,
    );
    if (lockedNow && userId !== null) await this.tellOwner(userId, now);
    // Now and then, forget counts that are a day old and not locking anything.
    if (Math.random() < 0.01) await this.purge(now);
    return this.current(accountHash, source, now);
  }

  /** Drops rows whose count started over a day ago and whose lock (if any) has passed. */
  async purge(now = new Date()): Promise<number> {
    const dayAgo = toDbDate(new Date(now.getTime() - 24 * 3600_000));
    return execute(
      this.db,
      'DELETE FROM login_failures WHERE window_started_at < ? AND (locked_until IS NULL OR locked_until < ?)',
      [dayAgo, toDbDate(now)],
    );
  }

  /** A successful login from this source clears that source's count (not the all-sources one). */
  async recordSuccess(accountHash: string, source: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE account_hash = ? AND source = ?', [accountHash, source]);
  }

  /** One more failure on a row; answers true when this failure locked it. */
  private async bump(
    accountHash: string,
    source: string,
    now: Date,
    windowMinutes: number | null,
    max: number,
    lockMinutes: number,
  ): Promise<boolean> {
    const ts = toDbDate(now);
    await this.db
      .createQueryBuilder()
      .insert()
      .into('login_failures', ['account_hash', 'source', 'failure_count', 'window_started_at', 'locked_until'])
      .values({ account_hash: accountHash, source, failure_count: 0, window_started_at: ts, locked_until: null })
      .orIgnore()
      .updateEntity(false)
      .execute();
    // An expired lock, or a count whose window has passed, starts afresh.
    const windowStart = windowMinutes === null ? null : toDbDate(new Date(now.getTime() - windowMinutes * 60_000));
    await execute(
      this.db,
      `UPDATE login_failures SET failure_count = 0, locked_until = NULL, window_started_at = ?
        WHERE account_hash = ? AND source = ?
          AND ((locked_until IS NOT NULL AND locked_until <= ?)${windowStart ? ' OR (locked_until IS NULL AND window_started_at <= ?)' : ''})`,
      windowStart ? [ts, accountHash, source, ts, windowStart] : [ts, accountHash, source, ts],
    );
    await execute(
      this.db,
      'UPDATE login_failures SET failure_count = failure_count + 1 WHERE account_hash = ? AND source = ?',
      [accountHash, source],
    );
    const until = toDbDate(new Date(now.getTime() + lockMinutes * 60_000));
    const locked = await execute(
      this.db,
      'UPDATE login_failures SET locked_until = ? WHERE account_hash = ? AND source = ? AND failure_count >= ? AND locked_until IS NULL',
      [until, accountHash, source, max],
    );
    return locked === 1;
  }

  private async tellOwner(userId: number, now: Date): Promise<void> {
    const { accountWindowMinutes: w, accountMaxFailures: n, accountLockMinutes: l } = this.cfg;
    this.logger.warn(`account ${userId} locked for everyone after ${n} failed logins within ${w} minutes`);
    await this.alerts.locked({
      userId,
      title: '账号安全提醒',
      body: `您的账号在${w}分钟内登录失败已达${n}次，为保护账号安全，已暂时锁定${l}分钟，期间任何设备都无法用密码登录。如非本人操作，请在解锁后尽快修改密码。`,
      dedupeKey: `account-locked:${userId}:${now.getTime()}`,
    });
  }

  error(lock: Lock): AppError {
    const minutes = Math.max(1, Math.ceil((lock.until.getTime() - Date.now()) / 60_000));
    const message = lock.global
      ? `该账号登录失败次数过多，已暂时锁定，请${minutes}分钟后再试`
      : `密码连续错误${this.cfg.pairMaxFailures}次，账号已锁定，请${minutes}分钟后再试`;
    return new AppError(HttpStatus.LOCKED, ErrorCode.AccountLocked, message);
  }
}
