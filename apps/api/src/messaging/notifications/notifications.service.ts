import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationKind, type InboxSummaryDto, type NotificationDto, type Page } from '@sbd/contracts';
import { chinaDateTime } from '@sbd/domain';
import { DataSource, In, IsNull, LessThan, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { execute, toDbDate } from '../../platform/database/sql';
import { WechatClient } from '../../platform/wechat/wechat.client';
import { WechatApiError, WechatErrcode } from '../../platform/wechat/wechat.errors';
import { NotificationEntity } from './entities/notification.entity';
import { userReader } from '../../identity';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  title: string;
  body: string;
  path?: string | null;
  entityType?: NotificationDto['entityType'];
  entityId?: number | null;
  /** Same key, same notification: enqueueing twice is a no-op (e.g. "reminder:24h:claim:42"). */
  dedupeKey: string;
  /** Not delivered before this time (reminders). */
  notBefore?: Date;
}

const MAX_ATTEMPTS = 5;
const LOCK_SECONDS = 60;

/**
 * The outbox: notifications are written in the same transaction as the change they report and
 * delivered later by `dispatchDue`, which claims each row with a conditional update, so any
 * number of API processes can run it and each notification is delivered once.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');
  /** Set when the process shuts down: `dispatchDue` claims no further rows. */
  private claiming = true;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly wechat: WechatClient,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  async enqueue(m: EntityManager, items: NewNotification | NewNotification[]): Promise<void> {
    const list = Array.isArray(items) ? items : [items];
    if (!list.length) return;
    const now = new Date();
    for (let i = 0; i < list.length; i += 200) {
      await m
        .createQueryBuilder()
        .insert()
        .into(NotificationEntity)
        .values(
          list.slice(i, i + 200).map((n): Partial<NotificationEntity> => ({
            userId: n.userId,
            kind: n.kind,
            title: n.title.slice(0, 100),
            body: n.body.slice(0, 500),
            payload: { path: n.path ?? null, entityType: n.entityType ?? null, entityId: n.entityId ?? null },
            status: 'pending',
            channel: null,
            dedupeKey: n.dedupeKey.slice(0, 96),
            attempts: 0,
            notBefore: n.notBefore ?? now,
            lockedBy: null,
            lockedUntil: null,
            lastError: null,
            sentAt: null,
            readAt: null,
            createdAt: now,
          })) as unknown as QueryDeepPartialEntity<NotificationEntity>[],
        )
        .orIgnore()
        // An ignored duplicate has no generated id to read back.
        .updateEntity(false)
        .execute();
    }
  }

  /**
   * Drops reminders that no longer apply (the claim was withdrawn, the task cancelled). The rows
   * are found by a plain read and changed by primary key: an UPDATE by a dedupe key that does not
   * exist (a task starting within 24 h has no 24 h reminder) would take a gap lock on the unique
   * key on MySQL, and another transaction's reminder inserted into that gap would deadlock with it.
   */
  async cancelPending(m: EntityManager, dedupeKeys: string[]): Promise<void> {
    if (!dedupeKeys.length) return;
    const rows = await m
      .getRepository(NotificationEntity)
      .find({ select: { id: true }, where: { dedupeKey: In(dedupeKeys), status: 'pending' } });
    if (!rows.length) return;
    await execute(
      m,
      `UPDATE notifications SET status = 'cancelled' WHERE id IN (${rows.map(() => '?').join(', ')}) AND status = 'pending'`,
      rows.map((r) => r.id),
    );
  }

  async inbox(
    userId: number,
    q: { unreadOnly?: boolean; cursor?: string; limit?: number },
  ): Promise<Page<NotificationDto>> {
    const limit = q.limit ?? 20;
    const now = new Date();
    const qb = this.db
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId })
      .andWhere('n.status <> :cancelled', { cancelled: 'cancelled' })
      .andWhere('n.not_before <= :now', { now: toDbDate(now) })
      .orderBy('n.id', 'DESC')
      .take(limit + 1);
    if (q.unreadOnly) qb.andWhere('n.read_at IS NULL');
    if (q.cursor) qb.andWhere('n.id < :cursor', { cursor: Number(q.cursor) });
    const rows = await qb.getMany();
    return {
      items: rows.slice(0, limit).map(toNotificationDto),
      nextCursor: rows.length > limit ? String(rows[limit - 1].id) : null,
    };
  }

  async summary(userId: number): Promise<InboxSummaryDto> {
    const unread = await this.db
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.user_id = :userId AND n.read_at IS NULL AND n.status <> :c AND n.not_before <= :now', {
        userId,
        c: 'cancelled',
        now: toDbDate(new Date()),
      })
      .getCount();
    return { unread };
  }

  async markRead(userId: number, ids: number[] | undefined, all: boolean | undefined): Promise<InboxSummaryDto> {
    const repo = this.db.getRepository(NotificationEntity);
    if (all) await repo.update({ userId, readAt: IsNull() }, { readAt: new Date() });
    else if (ids?.length) await repo.update({ userId, id: In(ids), readAt: IsNull() }, { readAt: new Date() });
    return this.summary(userId);
  }

  /**
   * Delivers due notifications. Each row is claimed with a conditional UPDATE before it is sent;
   * a process that dies mid-send leaves a lock that expires, and the row is tried again.
   */
  async dispatchDue(
    now = new Date(),
    batch = 50,
  ): Promise<{ sent: number; inbox: number; retried: number; failed: number }> {
    const stats = { sent: 0, inbox: 0, retried: 0, failed: 0 };
    const candidates = await this.db.getRepository(NotificationEntity).find({
      select: { id: true },
      where: [
        { status: 'pending', notBefore: LessThan(new Date(now.getTime() + 1)) },
        { status: 'sending', lockedUntil: LessThan(now) },
      ],
      order: { id: 'ASC' },
      take: batch,
    });
    for (const { id } of candidates) {
      if (!this.claiming) break;
      const lockUntil = new Date(now.getTime() + LOCK_SECONDS * 1000);
      const claimed = await execute(
        this.db,
        `UPDATE notifications SET status = 'sending', locked_by = ?, locked_until = ?, attempts = attempts + 1
          WHERE id = ? AND ((status = 'pending' AND not_before <= ?) OR (status = 'sending' AND locked_until < ?))`,
        [this.config.workerId, toDbDate(lockUntil), id, toDbDate(now), toDbDate(now)],
      );
      if (claimed !== 1) continue; // another process has it
      const n = await this.db.getRepository(NotificationEntity).findOneByOrFail({ id });
      const outcome = await this.deliver(n);
      const repo = this.db.getRepository(NotificationEntity);
      if (outcome.status === 'retry' && n.attempts < MAX_ATTEMPTS) {
        const backoff = 30_000 * 2 ** (n.attempts - 1);
        await repo.update(
          { id, lockedBy: this.config.workerId },
          {
            status: 'pending',
            lockedBy: null,
            lockedUntil: null,
            notBefore: new Date(now.getTime() + backoff),
            lastError: outcome.error?.slice(0, 200) ?? null,
          },
        );
        stats.retried++;
      } else {
        const status = outcome.status === 'retry' ? 'failed' : outcome.status;
        await repo.update(
          { id, lockedBy: this.config.workerId },
          {
            status,
            channel: status === 'sent' ? 'wechat' : 'inbox',
            lockedBy: null,
            lockedUntil: null,
            sentAt: status === 'failed' ? null : now,
            lastError: outcome.error?.slice(0, 200) ?? null,
          },
        );
        stats[status === 'sent' ? 'sent' : status === 'inbox' ? 'inbox' : 'failed']++;
      }
    }
    return stats;
  }

  stopClaiming(): void {
    this.claiming = false;
  }

  /** Hands rows this process still has locked back to the queue, as if never tried (shutdown). */
  async releaseHeld(): Promise<number> {
    return execute(
      this.db,
      `UPDATE notifications SET status = 'pending', locked_by = NULL, locked_until = NULL, attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END
        WHERE status = 'sending' AND locked_by = ?`,
      [this.config.workerId],
    );
  }

  /**
   * A WeChat subscribe message when the kind has a template, the user has WeChat and an unused
   * acceptance of that template (taken here, given back when WeChat did not deliver); else the inbox.
   */
  private async deliver(n: NotificationEntity): Promise<{ status: 'sent' | 'inbox' | 'retry'; error?: string }> {
    const templateId = this.config.wechat.templateIds[n.kind];
    if (!templateId) return { status: 'inbox' };
    const user = await userReader(this.db).findOneBy({ id: n.userId });
    if (!user?.openid) return { status: 'inbox' };
    if (!(await this.subscriptions.consume(n.userId, templateId))) return { status: 'inbox' };
    try {
      await this.wechat.sendSubscribeMessage({
        touser: user.openid,
        templateId,
        page: n.payload.path ?? undefined,
        data: {
          thing1: { value: n.title.slice(0, 20) },
          thing2: { value: n.body.slice(0, 20) },
          time3: { value: chinaDateTime(n.createdAt) },
        },
      });
      return { status: 'sent' };
    } catch (err) {
      if (err instanceof WechatApiError && err.errcode === WechatErrcode.UserNotSubscribed) {
        // 43101: WeChat holds no subscription for this user after all: the inbox carries it.
        await this.subscriptions.drop(n.userId, templateId);
        return { status: 'inbox', error: '43101 user not subscribed' };
      }
      await this.subscriptions.giveBack(n.userId, templateId);
      if (err instanceof WechatApiError && err.unavailable) return { status: 'retry', error: err.message };
      this.logger.warn(`subscribe message ${n.id} refused: ${(err as Error).message}`);
      return { status: 'inbox', error: (err as Error).message };
    }
  }
}

export const toNotificationDto = (n: NotificationEntity): NotificationDto => ({
  id: n.id,
  kind: n.kind as NotificationKind,
  title: n.title,
  body: n.body,
  path: n.payload?.path ?? null,
  entityType: n.payload?.entityType ?? null,
  entityId: n.payload?.entityId ?? null,
  read: n.readAt !== null,
  createdAt: n.createdAt.toISOString(),
});
