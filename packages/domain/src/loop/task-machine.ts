import {
  CLAIMABLE_TASK_STATUSES,
  TASK_ACTION_LABELS,
  TASK_STATUS_LABELS,
  TaskAction,
  TaskStatus,
} from '@sbd/contracts';
import { defineMachine } from './state-machine';

const S = TaskStatus;
const A = TaskAction;

/**
 * 下单 (DOMAIN §5.2).
 *
 *   draft       --publish-->  published
 *   published   --start---->  in_progress
 *   in_progress --complete->  completed     (its needs become fulfilled)
 *   completed   --close---->  closed        (hours verified, archived)
 *   draft | published | in_progress --cancel--> cancelled
 *
 * Terminal: closed, cancelled. A completed task cannot be cancelled: service was given.
 */
export const taskMachine = defineMachine<TaskStatus, TaskAction>({
  name: '任务',
  states: TASK_STATUS_LABELS,
  actionLabels: TASK_ACTION_LABELS,
  statePhrases: {
    [S.Draft]: '尚未发布',
    [S.InProgress]: '正在进行',
  },
  transitions: [
    { action: A.Publish, from: [S.Draft], to: S.Published },
    { action: A.Start, from: [S.Published], to: S.InProgress },
    { action: A.Complete, from: [S.InProgress], to: S.Completed },
    { action: A.Close, from: [S.Completed], to: S.Closed },
    { action: A.Cancel, from: [S.Draft, S.Published, S.InProgress], to: S.Cancelled },
  ],
});

/**
 * Null when members may claim (报名) a task in this status, otherwise why not
 * ("任务已取消，不能报名"). Capacity, the cut-off and overlaps are checked separately.
 */
export function whyCannotClaimTask(status: TaskStatus): string | null {
  if (CLAIMABLE_TASK_STATUSES.includes(status)) return null;
  const phrase: Record<TaskStatus, string> = {
    [S.Draft]: '尚未发布',
    [S.Published]: '已发布',
    [S.InProgress]: '正在进行',
    [S.Completed]: '已完成',
    [S.Closed]: '已结项',
    [S.Cancelled]: '已取消',
  };
  return `任务${phrase[status] ?? '状态未知'}，不能报名`;
}

export function isTaskClaimable(status: TaskStatus): boolean {
  return whyCannotClaimTask(status) === null;
}
