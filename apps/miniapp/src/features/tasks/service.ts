import {
  ROUTES,
  type CancelTaskRequest,
  type CheckinCodeDto,
  type CreateTaskRequest,
  type MemberFeedQuery,
  type Page,
  type TaskDto,
  type TaskListQuery,
} from '@sbd/contracts';
import { call } from '@/platform/request';

/** The feed's filters: its query without the paging. */
export type FeedFilters = Omit<MemberFeedQuery, 'cursor' | 'limit'>;

export function taskFeed(filters: FeedFilters = {}, cursor?: string | null, limit = 20): Promise<Page<TaskDto>> {
  return call(ROUTES.tasks.feed, {
    query: {
      kind: filters.kind,
      positionId: filters.positionId,
      from: filters.from,
      to: filters.to,
      cursor: cursor ?? undefined,
      limit,
    },
  });
}

export function getTask(id: number): Promise<TaskDto> {
  return call(ROUTES.tasks.get, { params: { id } });
}

/** A community's tasks; `cursor` may be null (first page), the limit defaults to 20. */
export function communityTasks(
  communityId: number,
  params: Omit<TaskListQuery, 'cursor'> & { cursor?: string | null } = {},
): Promise<Page<TaskDto>> {
  return call(ROUTES.tasks.ofCommunity, {
    params: { id: communityId },
    query: { status: params.status, cursor: params.cursor ?? undefined, limit: params.limit ?? 20 },
  });
}

export function createTask(body: CreateTaskRequest): Promise<TaskDto> {
  return call(ROUTES.tasks.create, { body, toast: false });
}

export type TaskTransition = 'publish' | 'start' | 'complete' | 'close';

export function transitionTask(id: number, action: TaskTransition): Promise<TaskDto> {
  return call(ROUTES.tasks[action], { params: { id } });
}

export function cancelTask(id: number, body: CancelTaskRequest): Promise<TaskDto> {
  return call(ROUTES.tasks.cancel, { params: { id }, body });
}

/** The rotating code for the on-site screen; errors are shown by the screen itself. */
export function checkinCode(id: number): Promise<CheckinCodeDto> {
  return call(ROUTES.tasks.checkinCode, { params: { id }, toast: false });
}
