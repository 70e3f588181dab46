import { Injectable } from '@nestjs/common';
import { NeedAction, NeedStatus, NotificationKind, Role } from '@sbd/contracts';
import { IllegalTransitionError, needMachine } from '@sbd/domain';
import type { EntityManager } from 'typeorm';
import { illegalTransition } from '../../platform/errors/app-errors';
import { execute, toDbDate } from '../../platform/database/sql';
import { NotificationsService, type NewNotification } from '../../messaging';
import type { NeedEntity } from './entities/need.entity';
import { NEED_PAGE_PATH } from './need-rules';

/** A need's state changes (one conditional UPDATE each) and whom they tell. */
@Injectable()
export class NeedTransitionsService {
  constructor(private readonly notifications: NotificationsService) {}

  /** needMachine.next, with its Chinese refusal as a 409 ILLEGAL_TRANSITION. */
  next(status: NeedStatus, action: NeedAction): NeedStatus {
    try {
      return needMachine.next(status, action);
    } catch (err) {
      if (err instanceof IllegalTransitionError) throw illegalTransition(err.message);
      throw err;
    }
  }

  /**
   * The transition as one conditional UPDATE (`WHERE id = ? AND status = ?`): of two simultaneous
   * decisions only one changes the row; the other gets the machine's refusal for the new state.
   */
  async apply(
    m: EntityManager,
    need: NeedEntity,
    action: NeedAction,
    assignments: string[],
    params: unknown[],
    now = new Date(),
  ): Promise<NeedStatus> {
    const to = this.next(need.status, action);
    const set = ['status = ?', ...assignments, 'updated_at = ?'].join(', ');
    const changed = await execute(m, `UPDATE needs SET ${set} WHERE id = ? AND status = ?`, [
      to,
      ...params,
      toDbDate(now),
      need.id,
      need.status,
    ]);
    if (changed !== 1) {
      const rows: { status: NeedStatus }[] = await m.query('SELECT status FROM needs WHERE id = ?', [need.id]);
      const current = rows[0]?.status;
      throw illegalTransition(
        (current && current !== need.status && needMachine.whyNot(current, action)) || '需求状态已变化，请刷新后重试',
      );
    }
    return to;
  }

  async notifyResident(
    m: EntityManager,
    need: NeedEntity,
    kind: NotificationKind,
    title: string,
    body: string,
    event: string,
    now: Date,
  ): Promise<void> {
    if (need.residentUserId === null) return; // 代点单: the resident is not online
    await this.notifications.enqueue(
      m,
      aboutNeed(need, need.residentUserId, { kind, title, body }, `need:${need.id}:${event}:${now.getTime()}`),
    );
  }

  async notifyFulfilled(m: EntityManager, need: NeedEntity, now: Date, taskId?: number): Promise<void> {
    await this.notifyResident(
      m,
      need,
      NotificationKind.NeedFulfilled,
      '需求已办结',
      `您的需求「${need.title}」已办结，请对服务进行评价。`,
      taskId ? `fulfilled:task${taskId}` : 'fulfilled',
      now,
    );
  }

  /** The community's admins (scope = the community itself). */
  async notifyStaff(
    m: EntityManager,
    need: NeedEntity,
    kind: NotificationKind,
    title: string,
    body: string,
    event: string,
    now: Date,
  ): Promise<void> {
    const admins: { user_id: unknown }[] = await m.query(
      `SELECT DISTINCT r.user_id FROM user_roles r JOIN users u ON u.id = r.user_id
        WHERE r.role = ? AND r.scope_node_id = ? AND u.deleted_at IS NULL
          AND (r.ends_at IS NULL OR r.ends_at > ?)`,
      [Role.CommunityAdmin, need.communityId, toDbDate(now)],
    );
    const items = admins.map((a) =>
      aboutNeed(
        need,
        Number(a.user_id),
        { kind, title, body },
        `need:${need.id}:${event}:${now.getTime()}:u${Number(a.user_id)}`,
      ),
    );
    await this.notifications.enqueue(m, items);
  }
}

/** A notification about a need, opening the need's page. */
function aboutNeed(
  need: NeedEntity,
  userId: number,
  text: { kind: NotificationKind; title: string; body: string },
  dedupeKey: string,
): NewNotification {
  return { userId, ...text, path: `${NEED_PAGE_PATH}?id=${need.id}`, entityType: 'need', entityId: need.id, dedupeKey };
}
