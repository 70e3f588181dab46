import {
  CHECKIN_RADIUS_M,
  CLAIM_WITHDRAW_CUTOFF_MINUTES,
  DEFAULT_POINTS_RULE,
  TaskKind,
  TaskStatus,
  TaskTarget,
  type CreateTaskRequest,
  type NeedDto,
  type PointsRule,
  type TaskDto,
} from '@sbd/contracts';
import type { Dayjs } from 'dayjs';
import type { FormPath } from '@/platform/form-errors';

/** What the 发布任务 form holds; times as ISO strings (the page converts its pickers). */
export interface TaskDraft {
  kind: TaskKind;
  target: TaskTarget;
  title: string;
  description: string;
  capacity: number;
  waitlist: boolean;
  startAt: string;
  endAt: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  checkinRadiusM: number;
  positionIds: number[];
  skills: string[];
  pointsRule: PointsRule;
  branchIds: number[];
  withdrawCutoffMinutes: number;
  /** The accepted need the task answers (需求分拣 → 转为任务). */
  needId: number | null;
}

/** The antd form's values: the draft with the time window as one range picker's value. */
export type TaskFormValues = Omit<TaskDraft, 'startAt' | 'endAt' | 'needId'> & { window: [Dayjs, Dayjs] | null };

/** Tomorrow 09:00–11:00 local time: the form's starting window. */
export function defaultWindow(now = new Date()): { startAt: string; endAt: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0, 0, 0);
  return { startAt: start.toISOString(), endAt: new Date(start.getTime() + 2 * 3600_000).toISOString() };
}

export function emptyDraft(now = new Date()): TaskDraft {
  return {
    kind: TaskKind.Micro,
    target: TaskTarget.Individuals,
    title: '',
    description: '',
    capacity: 5,
    waitlist: true,
    ...defaultWindow(now),
    place: '',
    latitude: null,
    longitude: null,
    checkinRadiusM: CHECKIN_RADIUS_M,
    positionIds: [],
    skills: [],
    pointsRule: { ...DEFAULT_POINTS_RULE },
    branchIds: [],
    withdrawCutoffMinutes: CLAIM_WITHDRAW_CUTOFF_MINUTES,
    needId: null,
  };
}

/** The form prefilled from an accepted need: its title, description and place, linked to it. */
export function draftFromNeed(need: NeedDto, now = new Date()): TaskDraft {
  return {
    ...emptyDraft(now),
    title: need.title.slice(0, 50),
    description: need.description,
    place: need.place ?? need.buildingName ?? '',
    latitude: need.latitude,
    longitude: need.longitude,
    needId: need.id,
  };
}

/** The create request for a community; `publish` publishes at once, else a draft is saved. */
export function toCreateRequest(d: TaskDraft, communityId: number, publish: boolean): CreateTaskRequest {
  const hasPoint = d.latitude !== null && d.longitude !== null;
  return {
    communityId,
    kind: d.kind,
    target: d.target,
    title: d.title,
    description: d.description,
    capacity: d.capacity,
    waitlist: d.waitlist,
    startAt: d.startAt,
    endAt: d.endAt,
    place: d.place,
    ...(hasPoint ? { latitude: d.latitude!, longitude: d.longitude! } : {}),
    checkinRadiusM: d.checkinRadiusM,
    positionIds: d.positionIds,
    skills: d.skills,
    pointsRule: d.pointsRule,
    needIds: d.needId !== null ? [d.needId] : [],
    ...(d.target === TaskTarget.Branches ? { branchIds: d.branchIds } : {}),
    withdrawCutoffMinutes: d.withdrawCutoffMinutes,
    publish,
  };
}

/** API fields shown on another form field: the time window is one picker for startAt and endAt. */
export const TASK_FIELD_ALIASES: Record<string, FormPath> = {
  startAt: ['window'],
  endAt: ['window'],
  needIds: ['title'],
};

export const TASK_STATUS_COLORS: Record<TaskStatus, string> = {
  [TaskStatus.Draft]: 'default',
  [TaskStatus.Published]: 'blue',
  [TaskStatus.InProgress]: 'gold',
  [TaskStatus.Completed]: 'green',
  [TaskStatus.Closed]: 'default',
  [TaskStatus.Cancelled]: 'red',
};

/** "12/5 09:00–11:00" (same day) or "12/5 09:00 – 12/6 17:00", in the browser's time. */
export function taskWindow(t: Pick<TaskDto, 'startAt' | 'endAt'>): string {
  const s = new Date(t.startAt);
  const e = new Date(t.endAt);
  const day = (d: Date) => `${d.getMonth() + 1}/${d.getDate()}`;
  const hm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return day(s) === day(e) ? `${day(s)} ${hm(s)}–${hm(e)}` : `${day(s)} ${hm(s)} – ${day(e)} ${hm(e)}`;
}

/** "3/5（候补 2）". */
export function slotsText(t: Pick<TaskDto, 'claimedCount' | 'capacity' | 'waitlistCount'>): string {
  return `${t.claimedCount}/${t.capacity}${t.waitlistCount ? `（候补 ${t.waitlistCount}）` : ''}`;
}
