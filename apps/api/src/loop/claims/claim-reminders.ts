import { PAGES, pageUrl, NotificationKind } from '@sbd/contracts';
import type { EntityManager } from 'typeorm';
import type { NewNotification, NotificationsService } from '../../messaging';
import type { TaskEntity } from '../tasks/entities/task.entity';
import type { ClaimEntity } from './entities/claim.entity';

/**
 * A claim's service reminders, 24 h and 2 h before the task starts: queued when the member gets a
 * slot (claiming or promotion from the waitlist), cancelled when the claim leaves the task or
 * checks in. The dispatcher delivers them when due.
 */
const REMINDERS = [
  ['24h', 24],
  ['2h', 2],
] as const;

function reminderKey(claimId: number, label: string, claimedAt: Date): string {
  return `reminder:${label}:claim:${claimId}:${claimedAt.getTime()}`;
}

/** Reminders 24 h and 2 h before the service, delivered by the dispatcher when due. */
export async function enqueueReminders(
  notifications: NotificationsService,
  m: EntityManager,
  claim: { id: number; memberUserId: number },
  task: TaskEntity,
  claimedAt: Date,
): Promise<void> {
  const claimId = claim.id;
  const items: NewNotification[] = [];
  for (const [label, hours] of REMINDERS) {
    const at = new Date(task.startsAt.getTime() - hours * 3600_000);
    if (at.getTime() <= claimedAt.getTime()) continue;
    items.push({
      userId: claim.memberUserId,
      kind: NotificationKind.TaskReminder,
      title: '服务提醒',
      body: `您报名的「${task.title}」将于${hours}小时后开始，地点：${task.place}`,
      path: pageUrl(PAGES.task, { id: task.id }),
      entityType: 'claim',
      entityId: claimId,
      dedupeKey: reminderKey(claimId, label, claimedAt),
      notBefore: at,
    });
  }
  await notifications.enqueue(m, items);
}

/** Cancels the reminders still pending for the claim's current slot. */
export async function cancelReminders(
  notifications: NotificationsService,
  m: EntityManager,
  claim: ClaimEntity,
): Promise<void> {
  await notifications.cancelPending(
    m,
    REMINDERS.map(([label]) => reminderKey(claim.id, label, claim.claimedAt)),
  );
}
