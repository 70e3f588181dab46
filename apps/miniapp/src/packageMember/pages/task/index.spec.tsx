import { act, fireEvent, render, screen } from '@testing-library/react';
import { ClaimStatus, Role, type TaskDto } from '@sbd/contracts';
import { fakeApi, loginAs, MEMBER_OF_7 } from '@test/doubles/api';
import { iso, makeClaim, makeTask } from '@test/doubles/fixtures';
import Taro, { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import TaskPage from './index';

const MIN = 60_000;

/** Serves GET /api/tasks/21 as `task` (mutable by the other handlers). */
function serve(
  task: TaskDto,
  extra: (method: string, path: string, body: unknown) => [number, unknown] | undefined = () => undefined,
) {
  const state = { task };
  const calls = fakeApi((method, path, body) => {
    if (method === 'GET' && path === '/api/tasks/21') return [200, state.task];
    return extra(method, path, body);
  });
  return { state, calls };
}

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  loginAs(MEMBER_OF_7);
  __taro.setRoute('/packageMember/pages/task/index', { id: '21' });
});

describe('task page: claim buttons by state', () => {
  it('claims a slot', async () => {
    const task = makeTask({ capacity: 3, claimedCount: 1 });
    const { state, calls } = serve(task, (method, path) => {
      if (method === 'POST' && path === '/api/claims') {
        const claim = makeClaim(task);
        state.task = { ...task, claimedCount: 2, myClaim: claim };
        return [201, claim];
      }
      return undefined;
    });
    render(<TaskPage />);
    fireEvent.click(await screen.findByRole('button', { name: '我要报名' }));
    expect(await screen.findByText('已报名，请按时到场签到')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/claims')?.body).toEqual({ taskId: 21 });
    // A day ahead: check-in is disabled, saying from when, but withdrawing is still allowed.
    expect(screen.getByText(/^还没到签到时间，活动开始前30分钟起可签到（.+起）$/)).toBeTruthy();
    const checkIn = screen.getByRole('button', { name: /^签到（暂不可用：还没到签到时间/ });
    expect(checkIn.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(checkIn);
    expect(calls.some((c) => c.path.endsWith('/check-in'))).toBe(false);
    expect(screen.getByRole('button', { name: '退出报名' })).toBeTruthy();
    expect(screen.queryByLabelText('签到码')).toBeNull();
  });

  it('offers the waitlist when full and shows the place in it', async () => {
    const task = makeTask({ capacity: 1, claimedCount: 1, waitlistCount: 2 });
    const { state, calls } = serve(task, (method, path) => {
      if (method === 'POST' && path === '/api/claims') {
        const claim = makeClaim(task, { status: ClaimStatus.Waitlisted, waitlistPosition: 3 });
        state.task = { ...task, waitlistCount: 3, myClaim: claim };
        return [201, claim];
      }
      return undefined;
    });
    render(<TaskPage />);
    expect(await screen.findByText(/名额已满。加入候补后/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '加入候补' }));
    expect(await screen.findByText('候补第 3 位')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/claims')?.body).toEqual({ taskId: 21, joinWaitlist: true });
    expect(screen.getByRole('button', { name: '退出候补' })).toBeTruthy();
  });

  it("offers no 我要报名 until the member's sign-ups are known, then shows the time clash instead", async () => {
    const task = makeTask({ capacity: 3, claimedCount: 1 });
    const other = makeClaim({ ...task, id: 99, title: '社区义诊服务' });
    serve(task, (method, path) =>
      method === 'GET' && path === '/api/claims/mine' ? [200, { items: [other], nextCursor: null }] : undefined,
    );
    let release = () => undefined as void;
    const gate = new Promise<void>((r) => (release = r));
    const request = Taro.request as jest.Mock;
    const served = request.getMockImplementation()!;
    request.mockImplementation(async (opts: { url: string }) => {
      if (opts.url.includes('/api/claims/mine')) await gate;
      return served(opts);
    });
    render(<TaskPage />);
    expect(await screen.findByText('正在确认报名资格…')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '我要报名' })).toBeNull();
    await act(async () => release());
    expect(await screen.findByText(/与已报名的任务「社区义诊服务」时间冲突/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '我要报名' })).toBeNull();
  });

  it('says why a task cannot be claimed', async () => {
    serve(makeTask({ capacity: 1, claimedCount: 1, waitlist: false }));
    render(<TaskPage />);
    expect(await screen.findByText('名额已满')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '我要报名' })).toBeNull();
  });

  it('counts a promoted hold down and confirms it', async () => {
    const task = makeTask();
    const hold = makeClaim(task, { holdExpiresAt: iso(75 * MIN) });
    const { state } = serve({ ...task, claimedCount: 1, myClaim: hold }, (method, path) => {
      if (method === 'POST' && path === '/api/claims/31/confirm') {
        const confirmed = { ...hold, holdExpiresAt: null };
        state.task = { ...state.task, myClaim: confirmed };
        return [200, confirmed];
      }
      return undefined;
    });
    render(<TaskPage />);
    expect(await screen.findByText(/^剩余 1小时1[45]分$/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '确认参加' }));
    expect(await screen.findByText('已报名，请按时到场签到')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '确认参加' })).toBeNull();
    expect(screen.queryByText(/^剩余/)).toBeNull();
  });

  it('checks in with the typed code; a wrong code is explained next to the input', async () => {
    const task = makeTask({}, 10);
    let tries = 0;
    const { state, calls } = serve({ ...task, myClaim: makeClaim(task) }, (method, path) => {
      if (method === 'POST' && path === '/api/claims/31/check-in') {
        tries += 1;
        if (tries === 1)
          return [
            400,
            {
              code: 'VALIDATION_FAILED',
              message: '签到码错误或已过期，请看现场最新的签到码',
              details: [{ field: 'code', message: '签到码错误或已过期，请看现场最新的签到码' }],
            },
          ];
        const claim = makeClaim(task, { status: ClaimStatus.CheckedIn, checkInAt: new Date().toISOString() });
        state.task = { ...state.task, myClaim: claim };
        return [200, claim];
      }
      return undefined;
    });
    render(<TaskPage />);
    const input = await screen.findByLabelText('签到码');
    fireEvent.click(screen.getByRole('button', { name: '输入码签到' }));
    expect(screen.getByText('！请输入现场大屏上的6位签到码')).toBeTruthy();

    fireEvent.change(input, { target: { value: '12a3456' } });
    expect((input as HTMLInputElement).value).toBe('123456');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '输入码签到' }));
    });
    expect(await screen.findByText('！签到码错误或已过期，请看现场最新的签到码')).toBeTruthy();
    expect(Taro.showToast).not.toHaveBeenCalledWith(
      expect.objectContaining({ title: '签到码错误或已过期，请看现场最新的签到码' }),
    );

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '输入码签到' }));
    });
    expect(await screen.findByLabelText('签退码')).toBeTruthy();
    expect(calls.filter((c) => c.path === '/api/claims/31/check-in').map((c) => c.body)).toEqual([
      { code: '123456' },
      { code: '123456' },
    ]);
  });

  it('checks in with the device’s position; the map shows only the rounded one it was given', async () => {
    const before = process.env.TARO_ENV;
    process.env.TARO_ENV = 'weapp';
    try {
      // The API sends members the place's map position rounded to 2 decimals.
      const task = makeTask({ place: '甲社区1号楼', latitude: 32.01, longitude: 120.86 }, 10);
      const { state, calls } = serve({ ...task, myClaim: makeClaim(task) }, (method, path) => {
        if (method === 'POST' && path === '/api/claims/31/check-in') {
          const claim = makeClaim(task, { status: ClaimStatus.CheckedIn, checkInAt: new Date().toISOString() });
          state.task = { ...state.task, myClaim: claim };
          return [200, claim];
        }
        return undefined;
      });
      render(<TaskPage />);
      // weapp markup has no DOM roles: find the buttons by their text.
      fireEvent.click(await screen.findByText('在地图上查看大致位置'));
      expect(Taro.openLocation).toHaveBeenCalledWith(
        expect.objectContaining({ latitude: 32.01, longitude: 120.86, name: '甲社区1号楼' }),
      );

      await act(async () => {
        fireEvent.click(screen.getByText('定位签到'));
      });
      expect(await screen.findByLabelText('签退码')).toBeTruthy();
      expect(Taro.getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02', isHighAccuracy: true }));
      // What the device reported (the double: at the door), not the task's position.
      expect(calls.find((c) => c.path === '/api/claims/31/check-in')?.body).toEqual({
        latitude: 32.0123,
        longitude: 120.8642,
        accuracyM: 20,
      });
    } finally {
      process.env.TARO_ENV = before;
    }
  });

  it('offers the branch secretary to claim for the branch', async () => {
    loginAs([...MEMBER_OF_7, { role: Role.BranchSecretary, scopeNodeId: 8, scopeName: '幸福社区功能型党支部' }]);
    serve(makeTask());
    render(<TaskPage />);
    fireEvent.click(await screen.findByRole('button', { name: '为支部报名并指派党员' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageMember/pages/branch/index?taskId=21' });
  });
});
