import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  NOTIFICATION_KIND_LABELS,
  NotificationKind,
  SUBSCRIBE_MOMENT_KINDS,
  SubscribeChoice,
  type FieldError,
  type SubscribeChoiceItem,
  type SubscribeMoment,
  type SubscribeTemplatesDto,
  type SubscriptionDto,
} from '@sbd/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { AppError } from '../../platform/errors/app-errors';
import { execute, toDbDate, transaction } from '../../platform/database/sql';
import { SubscriptionGrantEntity } from './entities/subscription-grant.entity';

/**
 * The bookkeeping of WeChat subscribe messages: which templates the mini-program asks for at each
 * moment, what each user chose, and the one-time acceptances the dispatcher spends. WeChat
 * delivers one message per acceptance, so the dispatcher sends only while one is left, taking it
 * with a conditional UPDATE (safe with any number of API processes); otherwise the inbox carries
 * the notice.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Configured template id → the notice kinds it carries, in NotificationKind order. */
  private templates(): Map<string, NotificationKind[]> {
    const out = new Map<string, NotificationKind[]>();
    for (const kind of Object.values(NotificationKind)) {
      const id = this.config.wechat.templateIds[kind];
      if (id) out.set(id, [...(out.get(id) ?? []), kind]);
    }
    return out;
  }

  private label(kinds: NotificationKind[]): string {
    return kinds.map((k) => NOTIFICATION_KIND_LABELS[k]).join('、');
  }

  /** The templates to request at a moment: the configured ones of its notices, each once. */
  templatesFor(moment: SubscribeMoment): SubscribeTemplatesDto {
    const all = this.templates();
    const ids: string[] = [];
    for (const kind of SUBSCRIBE_MOMENT_KINDS[moment]) {
      const id = this.config.wechat.templateIds[kind];
      if (id && !ids.includes(id)) ids.push(id);
    }
    return {
      moment,
      templates: ids.map((templateId) => {
        const kinds = all.get(templateId) ?? [];
        return { templateId, kinds, label: this.label(kinds) };
      }),
    };
  }

  /** The caller's standing with every configured template. */
  async mine(userId: number): Promise<SubscriptionDto[]> {
    const rows = await this.db.getRepository(SubscriptionGrantEntity).findBy({ userId });
    const byTemplate = new Map(rows.map((r) => [r.templateId, r]));
    return [...this.templates()].map(([templateId, kinds]) => {
      const row = byTemplate.get(templateId);
      return {
        templateId,
        kinds,
        label: this.label(kinds),
        remaining: row?.remaining ?? 0,
        lastChoice: (row?.lastChoice as SubscribeChoice | null | undefined) ?? null,
      };
    });
  }

  /**
   * Records what `requestSubscribeMessage` answered: each acceptance adds one message WeChat will
   * let through; a rejection or a ban drops the ones left; a filtered template changes nothing.
   */
  async record(userId: number, choices: SubscribeChoiceItem[]): Promise<SubscriptionDto[]> {
    const configured = this.templates();
    const details: FieldError[] = [];
    choices.forEach((c, i) => {
      if (!configured.has(c.templateId)) {
        details.push({ field: `choices.${i}.templateId`, message: '该订阅消息模板不存在或已停用' });
      } else if (choices.findIndex((o) => o.templateId === c.templateId) !== i) {
        details.push({ field: `choices.${i}.templateId`, message: '同一个模板只能提交一次' });
      }
    });
    if (details.length) {
      throw new AppError(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, details[0].message, details);
    }
    await transaction(this.db, async (m) => {
      for (const c of choices) await this.apply(m, userId, c);
    });
    return this.mine(userId);
  }

  private async apply(m: EntityManager, userId: number, c: SubscribeChoiceItem): Promise<void> {
    const now = new Date();
    // The row exists after this, whichever request inserted it (concurrent ones are ignored).
    await m
      .createQueryBuilder()
      .insert()
      .into(SubscriptionGrantEntity)
      .values({ userId, templateId: c.templateId, remaining: 0, lastChoice: null, createdAt: now, updatedAt: now })
      .orIgnore()
      .updateEntity(false)
      .execute();
    const remaining =
      c.choice === SubscribeChoice.Accept ? 'remaining + 1' : c.choice === SubscribeChoice.Filter ? 'remaining' : '0';
    await execute(
      m,
      `UPDATE subscription_grants SET remaining = ${remaining}, last_choice = ?, updated_at = ?
        WHERE user_id = ? AND template_id = ?`,
      [c.choice, toDbDate(now), userId, c.templateId],
    );
  }

  /** Takes one acceptance of the template, if the user has one left; true when taken. */
  async consume(userId: number, templateId: string): Promise<boolean> {
    const taken = await execute(
      this.db,
      `UPDATE subscription_grants SET remaining = remaining - 1, updated_at = ?
        WHERE user_id = ? AND template_id = ? AND remaining > 0`,
      [toDbDate(new Date()), userId, templateId],
    );
    return taken === 1;
  }

  /** Gives an acceptance back: the message taken for was not delivered (WeChat did not count it). */
  async giveBack(userId: number, templateId: string): Promise<void> {
    await execute(
      this.db,
      'UPDATE subscription_grants SET remaining = remaining + 1, updated_at = ? WHERE user_id = ? AND template_id = ?',
      [toDbDate(new Date()), userId, templateId],
    );
  }

  /** WeChat says the user has no subscription (43101): our count was wrong, forget it. */
  async drop(userId: number, templateId: string): Promise<void> {
    await execute(
      this.db,
      'UPDATE subscription_grants SET remaining = 0, updated_at = ? WHERE user_id = ? AND template_id = ?',
      [toDbDate(new Date()), userId, templateId],
    );
  }
}
