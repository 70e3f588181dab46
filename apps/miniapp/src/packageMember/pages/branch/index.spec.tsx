import { act, fireEvent, render, screen } from '@testing-library/react';
import { ClaimStatus, Role, TaskTarget } from '@sbd/contracts';
import { fakeApi, loginAs } from '@test/doubles/api';
import { makeClaim, makeTask } from '@test/doubles/fixtures';
import { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import BranchClaimPage from './index';

const SECRETARY = [{ role: Role.BranchSecretary, scopeNodeId: 12, scopeName: '幸福社区功能型党支部' }];
const task = makeTask({ target: TaskTarget.Branches, capacity: 3 });
const members = [
  { userId: 1, name: '王芳', phone: '138****1111', positions: [] },
  { userId: 3, name: '张建国', phone: '138****0006', positions: ['政策宣讲', '法律咨询'] },
];

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  __taro.setRoute('/packageMember/pages/branch/index', { taskId: '21' });
});

describe('支部报名 (branch secretary)', () => {
  it('lists the branch’s members with checkboxes and claims for the ones picked', async () => {
    loginAs(SECRETARY, '王芳', 1);
    const calls = fakeApi((method, path) => {
      if (path === '/api/tasks/21') return [200, task];
      if (path === '/api/branches/12/members') return [200, members];
      if (path === '/api/claims' && method === 'POST')
        return [201, [makeClaim(task, { id: 61, userId: 3, memberName: '张建国', status: ClaimStatus.Claimed })]];
      return undefined;
    });
    render(<BranchClaimPage />);
    expect(await screen.findByRole('checkbox', { name: '王芳（本人）' })).toBeTruthy();
    expect(screen.getByText('138****0006 · 岗位：政策宣讲、法律咨询')).toBeTruthy();
    expect(screen.queryByLabelText(/用户编号/)).toBeNull();

    fireEvent.click(screen.getByRole('checkbox', { name: '张建国' }));
    expect(screen.getByRole('checkbox', { name: '张建国' }).getAttribute('aria-checked')).toBe('true');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '为支部报名（1人）' }));
    });
    expect(calls.find((c) => c.path === '/api/claims')?.body).toEqual({ taskId: 21, branchId: 12, memberUserIds: [3] });
    expect(await screen.findByText('报名结果')).toBeTruthy();
  });

  it('picks everyone at once', async () => {
    loginAs(SECRETARY, '王芳', 1);
    fakeApi((_m, path) =>
      path === '/api/tasks/21' ? [200, task] : path === '/api/branches/12/members' ? [200, members] : undefined,
    );
    render(<BranchClaimPage />);
    fireEvent.click(await screen.findByRole('checkbox', { name: '全选' }));
    expect(screen.getByRole('button', { name: '为支部报名（2人）' })).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: '取消全选' }));
    expect(screen.getByRole('button', { name: '为支部报名（0人）' })).toBeTruthy();
  });

  it('shows why the member list cannot be read, with a retry', async () => {
    loginAs(SECRETARY);
    fakeApi((_m, path) =>
      path === '/api/tasks/21'
        ? [200, task]
        : path === '/api/branches/12/members'
          ? [403, { code: 'FORBIDDEN', message: '只有该支部的书记可以查看支部党员', details: [] }]
          : undefined,
    );
    render(<BranchClaimPage />);
    expect(await screen.findByText('只有该支部的书记可以查看支部党员')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  });
});
