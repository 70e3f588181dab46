import {
  TASK_CAPACITY_MAX,
  TASK_DESCRIPTION_MAX,
  TASK_TITLE_MAX,
  TaskKind,
  TaskTarget,
  type CreateTaskRequest,
  type NeedDto,
} from '@sbd/contracts';
import { addMinutes, combineDateTime, roundUpMinutes, timeValue } from '@/platform/time';
import type { FormErrors } from '@/platform/validation';

/** Quick start choices; 'custom' uses the date and time pickers. */
export type StartChoice = 'soon' | 'tonight' | 'tomorrow9' | 'tomorrow14' | 'custom';

export interface TaskForm {
  kind: TaskKind;
  target: TaskTarget;
  title: string;
  description: string;
  capacity: number;
  waitlist: boolean;
  start: StartChoice;
  customDate: string;
  customTime: string;
  durationMinutes: number;
  place: string;
  positionIds: number[];
  needIds: number[];
}

export type TaskField = keyof TaskForm | 'startAt';

export const DURATION_OPTIONS = [
  { value: 60, label: '1小时' },
  { value: 120, label: '2小时' },
  { value: 180, label: '3小时' },
  { value: 240, label: '半天' },
  { value: 480, label: '全天' },
];

export function emptyTaskForm(init: Partial<TaskForm> = {}): TaskForm {
  return {
    kind: TaskKind.Micro,
    target: TaskTarget.Individuals,
    title: '',
    description: '',
    capacity: 2,
    waitlist: true,
    start: 'soon',
    customDate: '',
    customTime: '',
    durationMinutes: 120,
    place: '',
    positionIds: [],
    needIds: [],
    ...init,
  };
}

/** A task form prefilled from the needs it answers. */
export function formFromNeeds(needs: NeedDto[]): Partial<TaskForm> {
  if (!needs.length) return {};
  const first = needs[0];
  const title = Array.from(first.title).slice(0, TASK_TITLE_MAX).join('');
  const description = needs
    .map(
      (n) =>
        `【居民需求 #${n.id}】${n.title}：${n.description}${n.plusOneCount ? `（另有${n.plusOneCount}位居民 +1）` : ''}`,
    )
    .join('\n')
    .slice(0, TASK_DESCRIPTION_MAX);
  const place = [first.buildingName, first.place].filter(Boolean).join(' ');
  return { title, description, place, needIds: needs.map((n) => n.id) };
}

/** The start choices that make sense now, each with the time it stands for (local). */
export function startOptions(now: Date): { value: StartChoice; label: string; at: Date | null }[] {
  const day = (d: number, h: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + d, h, 0, 0, 0);
  const soon = roundUpMinutes(now, 5, 5);
  const opts: { value: StartChoice; label: string; at: Date | null }[] = [
    { value: 'soon', label: `稍后开始（${timeValue(soon)}）`, at: soon },
  ];
  if (now.getHours() < 18) opts.push({ value: 'tonight', label: '今天 19:00', at: day(0, 19) });
  opts.push({ value: 'tomorrow9', label: '明天 09:00', at: day(1, 9) });
  opts.push({ value: 'tomorrow14', label: '明天 14:00', at: day(1, 14) });
  opts.push({ value: 'custom', label: '自定义', at: null });
  return opts;
}

/** The start and end the form stands for at `now` (null start when the custom time is incomplete). */
export function taskWindow(form: TaskForm, now: Date): { start: Date | null; end: Date | null } {
  const start =
    form.start === 'custom'
      ? combineDateTime(form.customDate, form.customTime)
      : (startOptions(now).find((o) => o.value === form.start)?.at ?? null);
  return { start, end: start ? addMinutes(start, form.durationMinutes) : null };
}

const len = (s: string) => Array.from(s.trim()).length;

export function validateTask(form: TaskForm, now: Date): FormErrors<TaskField> {
  const { start } = taskWindow(form, now);
  return {
    title: !len(form.title)
      ? '请填写任务名称'
      : len(form.title) > TASK_TITLE_MAX
        ? `任务名称不能超过${TASK_TITLE_MAX}个字`
        : undefined,
    description: !len(form.description)
      ? '请写明服务内容和要求'
      : len(form.description) > TASK_DESCRIPTION_MAX
        ? `内容不能超过${TASK_DESCRIPTION_MAX}个字`
        : undefined,
    place: !len(form.place) ? '请填写服务地点' : len(form.place) > 255 ? '地点不能超过255个字' : undefined,
    capacity: form.capacity < 1 || form.capacity > TASK_CAPACITY_MAX ? `名额应为1到${TASK_CAPACITY_MAX}人` : undefined,
    startAt: !start
      ? '请选择开始日期和时间'
      : start.getTime() <= now.getTime()
        ? '开始时间已过，请重新选择（报名在开始时截止）'
        : undefined,
  };
}

export function toCreateTaskRequest(form: TaskForm, communityId: number, now: Date): CreateTaskRequest {
  const { start, end } = taskWindow(form, now);
  if (!start || !end) throw new Error('incomplete task window');
  return {
    communityId,
    kind: form.kind,
    target: form.target,
    title: form.title.trim(),
    description: form.description.trim(),
    capacity: form.capacity,
    waitlist: form.waitlist,
    startAt: start.toISOString(),
    endAt: end.toISOString(),
    place: form.place.trim(),
    ...(form.positionIds.length ? { positionIds: form.positionIds } : {}),
    ...(form.needIds.length ? { needIds: form.needIds } : {}),
    publish: true,
  };
}
