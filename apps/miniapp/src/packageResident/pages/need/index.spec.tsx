import { act, fireEvent, render, screen } from '@testing-library/react';
import { NeedAction, NeedStatus } from '@sbd/contracts';
import { fakeApi, loginAs, RESIDENT_OF_7 } from '@test/doubles/api';
import { iso, makeNeed } from '@test/doubles/fixtures';
import Taro, { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import NeedPage from './index';

const fulfilled = makeNeed({
  id: 11,
  status: NeedStatus.Fulfilled,
  acceptedAt: iso(-7200_000),
  fulfilledAt: iso(-600_000),
  taskIds: [21],
  serviceEndsAt: iso(-300_000),
  allowedActions: [NeedAction.Rate, NeedAction.Reopen],
});

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  loginAs(RESIDENT_OF_7);
  __taro.setRoute('/packageResident/pages/need/index', { id: '11' });
});

describe('need progress (评单)', () => {
  it('shows the timeline in words and asks for a score before rating', async () => {
    const calls = fakeApi((method, path) => {
      if (path === '/api/needs/11' && method === 'GET') return [200, fulfilled];
      if (path === '/api/needs/11/rate')
        return [
          200,
          {
            ...fulfilled,
            status: NeedStatus.Rated,
            ratedAt: iso(0),
            allowedActions: [],
            rating: { score: 4, comment: null, resolved: true, ratedAt: iso(0) },
          },
        ];
      return undefined;
    });
    render(<NeedPage />);
    expect(await screen.findAllByText('服务已完成，请您评价；如果问题没解决，请点“没解决”')).toHaveLength(2);
    expect(screen.getAllByText('已完成')).toHaveLength(3);
    expect(screen.getByText('进行中')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '已解决，提交评价' }));
    expect(screen.getByText('！请先点选分数')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '4分，满意' }));
    expect(screen.getByText('已选：4分（满意）')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '已解决，提交评价' }));
    });
    expect(calls.find((c) => c.path === '/api/needs/11/rate')?.body).toEqual({ score: 4, resolved: true });
    expect(await screen.findByText('4分（满意）')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '已解决，提交评价' })).toBeNull();
  });

  it('"没解决" asks to confirm, then sends the need back (resolved: false)', async () => {
    const calls = fakeApi((method, path) => {
      if (path === '/api/needs/11' && method === 'GET') return [200, fulfilled];
      if (path === '/api/needs/11/rate')
        return [
          200,
          { ...fulfilled, status: NeedStatus.Accepted, reopenCount: 1, allowedActions: [NeedAction.Withdraw] },
        ];
      return undefined;
    });
    render(<NeedPage />);
    fireEvent.click(await screen.findByRole('radio', { name: '2分，不满意' }));
    fireEvent.change(screen.getByLabelText('说说您的感受（选填）'), { target: { value: '灯还是不亮' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '没解决，请重新办理' }));
    });
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '没解决' }));
    expect(calls.find((c) => c.path === '/api/needs/11/rate')?.body).toEqual({
      score: 2,
      resolved: false,
      comment: '灯还是不亮',
    });
    expect(await screen.findAllByText('您反馈“没解决”，已重新办理')).not.toHaveLength(0);
    expect(screen.getByRole('button', { name: '撤回需求' })).toBeTruthy();
  });

  it('keeps both rating buttons disabled until the service has ended, saying when', async () => {
    // The community marked it done early: the service itself ends in an hour.
    const early = { ...fulfilled, serviceEndsAt: iso(3600_000) };
    const calls = fakeApi((method, path) => {
      if (path === '/api/needs/11' && method === 'GET') return [200, early];
      return undefined;
    });
    render(<NeedPage />);
    expect(await screen.findByText(/^服务还没结束（.+结束），结束后才能评价$/)).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '5分，非常满意' }));
    for (const name of ['已解决，提交评价', '没解决，请重新办理']) {
      const button = screen.getByRole('button', { name });
      expect(button.getAttribute('aria-disabled')).toBe('true');
      fireEvent.click(button);
    }
    expect(calls.some((c) => c.path === '/api/needs/11/rate')).toBe(false);
  });
});
