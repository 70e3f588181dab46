import type { CancelTaskRequest, CheckinCodeDto, CreateTaskRequest, Page, TaskDto, TaskKind, TaskStatus } from '@sbd/contracts';
import { api } from '@/platform/request';

export interface FeedFilters {
  kind?: TaskKind;
  positionId?: number;
  from?: string;
  to?: string;
}

export function taskFeed(filters: FeedFilters = {}, cursor?: string | null, limit = 20): Promise<Page<TaskDto>> {
  return api.get<Page<TaskDto>>('/api/tasks/feed', {
    query: { kind: filters.kind, positionId: filters.positionId, from: filters.from, to: filters.to, cursor: cursor ?? undefined, limit },
  });
}

export function getTask(id: number): Promise<TaskDto> {
  return api.get<TaskDto>(`/api/tasks/${id}`);
}

export function communityTasks(communityId: number, params: { status?: TaskStatus; cursor?: string | null; limit?: number } = {}): Promise<Page<TaskDto>> {
  return api.get<Page<TaskDto>>(`/api/communities/${communityId}/tasks`, {
    query: { status: params.status, cursor: params.cursor ?? undefined, limit: params.limit ?? 20 },
  });
}

export function createTask(body: CreateTaskRequest): Promise<TaskDto> {
  return api.post<TaskDto>('/api/tasks', body, { toast: false });
}

export type TaskTransition = 'publish' | 'start' | 'complete' | 'close';

export function transitionTask(id: number, action: TaskTransition): Promise<TaskDto> {
  return api.post<TaskDto>(`/api/tasks/${id}/${action}`);
}

export function cancelTask(id: number, body: CancelTaskRequest): Promise<TaskDto> {
  return api.post<TaskDto>(`/api/tasks/${id}/cancel`, body);
}

/** The rotating code for the on-site screen; errors are shown by the screen itself. */
export function checkinCode(id: number): Promise<CheckinCodeDto> {
  return api.get<CheckinCodeDto>(`/api/tasks/${id}/checkin-code`, { toast: false });
}
