import { Text, View } from '@tarojs/components';
import { CLAIMABLE_TASK_STATUSES, TASK_KIND_LABELS, TASK_STATUS_LABELS, type TaskDto } from '@sbd/contracts';
import { Badge } from '@/ui/Badge';
import { TASK_TONE } from '@/features/loop/loop';
import { formatRange } from '@/platform/time';

/** Slots in words: "已报名 2/5 人，候补 1 人". */
export function slotsText(
  task: Pick<TaskDto, 'capacity' | 'claimedCount' | 'waitlistCount' | 'waitlist' | 'status'>,
): string {
  const full = task.claimedCount >= task.capacity;
  const base = `已报名 ${task.claimedCount}/${task.capacity} 人`;
  if (!CLAIMABLE_TASK_STATUSES.includes(task.status)) return base;
  if (task.waitlistCount > 0) return `${base}，候补 ${task.waitlistCount} 人`;
  return full
    ? `${base}（已满${task.waitlist ? '，可候补' : ''}）`
    : `${base}，还剩 ${task.capacity - task.claimedCount} 个名额`;
}

/** The head of a task: title, status, kind, when, where, slots. */
export function TaskSummary({ task, showStatus = true }: { task: TaskDto; showStatus?: boolean }) {
  return (
    <View>
      <View className="row-top">
        <Text className="item-title">{task.title}</Text>
        {showStatus ? <Badge text={TASK_STATUS_LABELS[task.status]} tone={TASK_TONE[task.status]} /> : null}
      </View>
      <Text className="item-line">{`${TASK_KIND_LABELS[task.kind]} · ${task.communityName}`}</Text>
      <Text className="item-line">{`时间：${formatRange(task.startAt, task.endAt)}`}</Text>
      <Text className="item-line">{`地点：${task.place}`}</Text>
      <Text className="item-line">{slotsText(task)}</Text>
      {task.positions.length ? (
        <Text className="item-line">{`岗位：${task.positions.map((p) => p.name).join('、')}`}</Text>
      ) : null}
    </View>
  );
}
