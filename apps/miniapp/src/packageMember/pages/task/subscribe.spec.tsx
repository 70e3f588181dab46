import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { SubscribeChoice } from '@sbd/contracts';
import { loginAs, MEMBER_OF_7 } from '@test/doubles/api';
import { recorded, subscriptionsApi as api } from '@test/doubles/subscriptions';
import Taro, { __taro } from '@test/doubles/taro';
import { resetSubscribeTemplates } from '@/features/subscriptions/subscribe';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import TaskPage from './index';

const flush = () => act(() => new Promise((r) => setTimeout(r, 0)));
const subscribe$ = Taro.requestSubscribeMessage as jest.Mock;

beforeEach(() => {
  process.env.TARO_ENV = 'weapp';
  resetSubscribeTemplates();
  __taro.reset();
  clearSession();
  resetToastDedupe();
});
afterAll(() => {
  process.env.TARO_ENV = 'h5';
});

describe('task page in WeChat: subscribe messages', () => {
  it('asks for the claim’s notices in the tap that claims, and records the answer', async () => {
    loginAs(MEMBER_OF_7);
    __taro.setRoute('/packageMember/pages/task/index', { id: '21' });
    subscribe$.mockImplementationOnce(async () => ({
      errMsg: 'requestSubscribeMessage:ok',
      'tmpl-remind': 'accept',
      'tmpl-task': 'reject',
    }));
    const { calls } = api();
    render(<TaskPage />);
    await flush();
    fireEvent.click(await screen.findByText('我要报名'));
    expect(subscribe$).toHaveBeenCalledWith({ tmplIds: ['tmpl-remind', 'tmpl-task'], entityIds: [] });
    await flush();
    expect(recorded(calls)).toEqual([
      {
        choices: [
          { templateId: 'tmpl-remind', choice: SubscribeChoice.Accept },
          { templateId: 'tmpl-task', choice: SubscribeChoice.Reject },
        ],
      },
    ]);
    expect(calls.some((c) => c.path === '/api/claims')).toBe(true);
  });

  it('turns "提醒我" on with WeChat’s dialog and off with a recorded rejection', async () => {
    loginAs(MEMBER_OF_7);
    __taro.setRoute('/packageMember/pages/task/index', { id: '21' });
    const { calls, remaining } = api({ claimed: true });
    render(<TaskPage />);
    const remind = await screen.findByLabelText('提醒我');
    expect(remind.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(remind);
    expect(subscribe$).toHaveBeenCalledWith({ tmplIds: ['tmpl-remind'], entityIds: [] });
    await waitFor(() => expect(screen.getByLabelText('提醒我').getAttribute('aria-checked')).toBe('true'));
    expect(remaining.get('tmpl-remind')).toBe(1);
    fireEvent.click(screen.getByLabelText('提醒我'));
    await flush();
    expect(screen.getByLabelText('提醒我').getAttribute('aria-checked')).toBe('false');
    expect(recorded(calls).at(-1)).toEqual({
      choices: [{ templateId: 'tmpl-remind', choice: SubscribeChoice.Reject }],
    });
  });
});

describe('task page on H5: no subscribe messages', () => {
  it('never asks (no WeChat), and says reminders come to the inbox', async () => {
    process.env.TARO_ENV = 'h5';
    loginAs(MEMBER_OF_7);
    __taro.setRoute('/packageMember/pages/task/index', { id: '21' });
    const { calls } = api({ claimed: true });
    render(<TaskPage />);
    expect(await screen.findByText('服务开始前24小时和2小时，会在「消息」中提醒您。')).toBeTruthy();
    expect(calls.some((c) => c.path.startsWith('/api/subscriptions'))).toBe(false);
    expect(subscribe$).not.toHaveBeenCalled();
  });
});
