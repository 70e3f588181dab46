/**
 * 转发 a task (useTaskShare: the card has the task's title and opens that task) and the 任务 tab,
 * which is the task hall for members and each other role's work entries.
 */
import { render, screen } from '@testing-library/react';
import { PAGES, type TaskDto } from '@sbd/contracts';
import { ADMIN_OF_7, fakeApi, loginAs, MEMBER_OF_7, RESIDENT_OF_7 } from '@test/doubles/api';
import { makeTask } from '@test/doubles/fixtures';
import { __taro } from '@test/doubles/taro';
import { clearSession } from '@/platform/session';
import { resetToastDedupe } from '@/platform/request';
import { taskShareCard, useTaskShare } from '@/features/tasks/useTaskShare';
import TasksTab from '@/pages/tasks/index';

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
});

function SharedTask({ id, task }: { id: number; task: TaskDto | null }) {
  useTaskShare(id, task);
  return null;
}

describe('sharing a task', () => {
  it('sends a card titled with the task that opens that task', () => {
    const task = makeTask({ id: 42, title: '帮独居老人买菜' });
    expect(taskShareCard(42, task)).toEqual({
      title: '帮独居老人买菜',
      path: '/packageMember/pages/task/index?id=42',
    });
  });

  it('shares the task the page shows, once it has loaded', () => {
    const { rerender } = render(<SharedTask id={42} task={null} />);
    expect(__taro.share()).toEqual({ title: '双报到 · 服务任务', path: '/packageMember/pages/task/index?id=42' });

    rerender(<SharedTask id={42} task={makeTask({ id: 42, title: '楼道灯维修' })} />);
    expect(__taro.share()).toEqual({ title: '楼道灯维修', path: '/packageMember/pages/task/index?id=42' });
  });
});

describe('the 任务 tab', () => {
  it('asks a visitor to log in', () => {
    render(<TasksTab />);
    expect(screen.getByText('请先登录。')).toBeTruthy();
  });

  it('shows a member the task hall', async () => {
    loginAs(MEMBER_OF_7);
    const calls = fakeApi((_method, path) => {
      if (path === '/api/registrations/me') return [404, { code: 'NOT_FOUND', message: '尚未报到', details: [] }];
      if (path === '/api/tasks/feed')
        return [200, { items: [makeTask({ id: 5, title: '社区义诊' })], nextCursor: null }];
      return undefined;
    });
    render(<TasksTab />);
    expect(await screen.findByText('社区义诊')).toBeTruthy();
    expect(screen.getByText('任务大厅')).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/tasks/feed')).toBe(true);
  });

  it("shows a resident their needs' entries, without the tabs of their own", () => {
    loginAs(RESIDENT_OF_7);
    render(<TasksTab />);
    expect(screen.getByRole('button', { name: /^我要点单/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^我的需求/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^消息/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^我的，/ })).toBeNull();
  });

  it('shows a community admin triage, publishing and task management', () => {
    loginAs(ADMIN_OF_7);
    render(<TasksTab />);
    for (const name of [/^需求分拣/, /^发布任务/, /^任务管理/, /^应急召集/]) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
    expect(PAGES.tasks).toBe('/pages/tasks/index');
  });
});
