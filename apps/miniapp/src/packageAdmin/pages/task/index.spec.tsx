import { act, fireEvent, render, screen } from '@testing-library/react';
import { ClaimAction, ClaimStatus, TaskAction, TaskStatus } from '@sbd/contracts';
import { ADMIN_OF_7, fakeApi, loginAs } from '@test/doubles/api';
import { iso, makeClaim, makeTask } from '@test/doubles/fixtures';
import { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import AdminTaskPage, { sortClaims } from './index';

/** A service that ran from three hours ago until an hour ago: its hours may be verified. */
const task = makeTask(
  { status: TaskStatus.InProgress, allowedActions: [TaskAction.Complete, TaskAction.Cancel] },
  -180,
);
const staff = [ClaimAction.Verify, ClaimAction.Reject, ClaimAction.MarkNoShow];
const out = makeClaim(task, {
  id: 41,
  memberName: '张建国',
  status: ClaimStatus.CheckedOut,
  checkInAt: iso(-65 * 60_000),
  checkOutAt: iso(0),
  creditedHours: 1,
  allowedActions: staff,
});
const inside = makeClaim(task, {
  id: 42,
  memberName: '李明',
  status: ClaimStatus.CheckedIn,
  checkInAt: iso(-30 * 60_000),
  allowedActions: staff,
});

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  loginAs(ADMIN_OF_7);
  __taro.setRoute('/packageAdmin/pages/task/index', { id: '21' });
});

describe('task admin page: hours verification (核验)', () => {
  it('lists checked-out claims first', () => {
    expect(sortClaims([inside, out]).map((c) => c.id)).toEqual([41, 42]);
  });

  it('verifies with a 1–5 rating and rejects with a reason', async () => {
    const calls = fakeApi((_method, path) => {
      if (path === '/api/tasks/21') return [200, task];
      if (path === '/api/tasks/21/claims') return [200, { items: [inside, out], nextCursor: null }];
      if (path === '/api/claims/41/verify')
        return [
          200,
          {
            ...out,
            status: ClaimStatus.Verified,
            pointsAwarded: 15,
            allowedActions: [],
            serviceRating: { score: 5, comment: null, ratedByUserId: 1, ratedAt: iso(0) },
          },
        ];
      if (path === '/api/claims/42/reject')
        return [200, { ...inside, status: ClaimStatus.Rejected, rejectReason: '未实际参加', allowedActions: [] }];
      return undefined;
    });
    render(<AdminTaskPage />);
    expect(await screen.findByText('1 人已签退，待核验服务时长')).toBeTruthy();
    expect(screen.getByText('计入时长：1小时（窗口内、按半小时向下取整）')).toBeTruthy();
    // Only the checked-out claim can be verified; both can be rejected.
    expect(screen.queryByRole('button', { name: '核验通过：李明' })).toBeNull();

    fireEvent.click(screen.getAllByRole('radio', { name: '5分，非常满意' })[0]);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '核验通过：张建国' }));
    });
    expect(calls.find((c) => c.path === '/api/claims/41/verify')?.body).toEqual({ score: 5 });
    expect(await screen.findByText('已核验 · 积分 15 · 评价 5分（非常满意）')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '不通过：李明' }));
    fireEvent.click(screen.getByRole('button', { name: '确认不通过' }));
    expect(screen.getByText('！请填写不通过的原因，党员会看到')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('不通过的原因'), { target: { value: '未实际参加' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '确认不通过' }));
    });
    expect(calls.find((c) => c.path === '/api/claims/42/reject')?.body).toEqual({ reason: '未实际参加' });
    expect(await screen.findByText('原因：未实际参加')).toBeTruthy();
  });

  it('keeps 核验通过 disabled until the service has ended, saying when', async () => {
    const running = makeTask({ status: TaskStatus.InProgress }, -60);
    const early = makeClaim(running, { ...out, taskStartAt: running.startAt, taskEndAt: running.endAt });
    const calls = fakeApi((_method, path) => {
      if (path === '/api/tasks/21') return [200, running];
      if (path === '/api/tasks/21/claims') return [200, { items: [early], nextCursor: null }];
      return undefined;
    });
    render(<AdminTaskPage />);
    expect(await screen.findByText(/^服务还没结束（.+结束），结束后才能核验服务时长$/)).toBeTruthy();
    const verify = screen.getByRole('button', { name: /^核验通过：张建国（暂不可用：服务还没结束/ });
    expect(verify.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(verify);
    expect(calls.some((c) => c.path.endsWith('/verify'))).toBe(false);
    // Rejecting stays possible (e.g. checked in but not there).
    expect(screen.getByRole('button', { name: '不通过：张建国' })).toBeTruthy();
  });
});
