import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { SubscribeChoice } from '@sbd/contracts';
import { loginAs, RESIDENT_OF_7 } from '@test/doubles/api';
import { recorded, subscriptionsApi as api } from '@test/doubles/subscriptions';
import Taro, { __taro } from '@test/doubles/taro';
import { resetSubscribeTemplates } from '@/features/subscriptions/subscribe';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import PostNeedPage from './index';

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

describe('posting a need in WeChat: subscribe messages', () => {
  it('asks a resident for the need’s progress in the tap that posts it', async () => {
    loginAs(RESIDENT_OF_7);
    const { calls } = api();
    render(<PostNeedPage />);
    await flush();
    fireEvent.click(screen.getByLabelText('维修服务'));
    fireEvent.change(screen.getByLabelText('需求标题'), { target: { value: '楼道灯坏了' } });
    fireEvent.change(screen.getByLabelText('具体情况'), { target: { value: '晚上看不见' } });
    fireEvent.change(screen.getByLabelText('具体位置'), { target: { value: '3号楼2单元' } });
    fireEvent.click(screen.getByLabelText('明天'));
    await act(async () => {
      fireEvent.click(screen.getByText('提交需求'));
    });
    expect(subscribe$).toHaveBeenCalledWith({ tmplIds: ['tmpl-need'], entityIds: [] });
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled());
    expect(recorded(calls)).toEqual([{ choices: [{ templateId: 'tmpl-need', choice: SubscribeChoice.Accept }] }]);
  });
});
