import { useShareAppMessage } from '@tarojs/taro';
import { PAGES, pageUrl, type TaskDto } from '@sbd/contracts';

/** Title of a share card while the task is still loading (or failed to load). */
export const TASK_SHARE_FALLBACK_TITLE = '双报到 · 服务任务';

export interface ShareCard {
  title: string;
  path: string;
}

/** The share card of a task: its title, and the task page with its id (what the card opens). */
export function taskShareCard(id: number, task: Pick<TaskDto, 'id' | 'title'> | null): ShareCard {
  return {
    title: task?.title || TASK_SHARE_FALLBACK_TITLE,
    path: pageUrl(PAGES.task, { id: task?.id ?? id }),
  };
}

/**
 * 转发 a task (weapp: the page's share menu and any Button openType="share"): the card carries the
 * task's title and opens this task's page. The page config needs `enableShareAppMessage: true`.
 * H5 has no share menu; the hook does nothing there.
 */
export function useTaskShare(id: number, task: Pick<TaskDto, 'id' | 'title'> | null): void {
  useShareAppMessage(() => taskShareCard(id, task));
}
