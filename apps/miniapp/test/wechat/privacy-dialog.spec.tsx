/**
 * WeChat's privacy check (weapp): a privacy API waits until the notice has been shown and the
 * user answered. The tests call the listener the app gave wx.onNeedPrivacyAuthorization the way
 * WeChat does, then tap the dialog's buttons. The H5 case runs first: nothing is registered there.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro, { __taro } from '@test/doubles/taro';
import { watchPrivacyAuthorization } from '@/platform/privacy';
import { PrivacyAuthDialog } from '@/ui/PrivacyAuthDialog';
import { Page } from '@/ui/Page';

const env = process.env.TARO_ENV;
afterAll(() => {
  process.env.TARO_ENV = env;
});

/** What WeChat does when getLocation (say) needs consent: calls the listener with its resolve. */
function privacyApiCalled(): jest.Mock {
  const resolve = jest.fn();
  const listener = __taro.privacyListener;
  if (!listener) throw new Error('no listener registered');
  act(() => listener(resolve, { referrer: 'getLocation' }));
  return resolve;
}

describe('privacy authorization dialog', () => {
  beforeAll(() => __taro.reset());

  it('is not registered on H5, and shows nothing there', () => {
    process.env.TARO_ENV = 'h5';
    expect(watchPrivacyAuthorization()).toBe(false);
    expect(Taro.onNeedPrivacyAuthorization).not.toHaveBeenCalled();
    render(<Page title="首页">内容</Page>);
    expect(screen.queryByText('用户隐私保护提示')).toBeNull();
  });

  it('registers once on weapp, and stays hidden until a privacy API asks', () => {
    process.env.TARO_ENV = 'weapp';
    expect(watchPrivacyAuthorization()).toBe(true);
    expect(watchPrivacyAuthorization()).toBe(true);
    expect(Taro.onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1);
    render(<PrivacyAuthDialog />);
    expect(screen.queryByText('用户隐私保护提示')).toBeNull();
  });

  it('shows the notice when asked, reports it shown, and lets the API go on when the user taps 同意', () => {
    render(<PrivacyAuthDialog />);
    const resolve = privacyApiCalled();

    expect(screen.getByText('用户隐私保护提示')).toBeTruthy();
    expect(screen.getByText(/使用定位签到签退、拍照或选择照片、手机号验证前/)).toBeTruthy();
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(resolve).toHaveBeenLastCalledWith({ event: 'exposureAuthorization' });

    const agree = screen.getByRole('button', { name: '同意' });
    expect(agree.getAttribute('data-open-type')).toBe('agreePrivacyAuthorization');
    expect(agree.id).toBe('agree-btn');
    fireEvent.click(agree);

    expect(resolve).toHaveBeenLastCalledWith({ buttonId: 'agree-btn', event: 'agree' });
    expect(resolve).toHaveBeenCalledTimes(2);
    expect(screen.queryByText('用户隐私保护提示')).toBeNull();
  });

  it('answers every waiting call, and 拒绝 makes them fail', () => {
    render(<PrivacyAuthDialog />);
    const first = privacyApiCalled();
    const second = privacyApiCalled();
    fireEvent.click(screen.getByRole('button', { name: '拒绝' }));
    expect(first).toHaveBeenLastCalledWith({ event: 'disagree' });
    expect(second).toHaveBeenLastCalledWith({ event: 'disagree' });
    expect(screen.queryByText('用户隐私保护提示')).toBeNull();
  });

  it('is part of every page on weapp, and opens the privacy guidelines on request', () => {
    render(<Page title="任务详情">内容</Page>);
    privacyApiCalled();
    expect(screen.getByLabelText('用户隐私保护提示')).toBeTruthy();
    fireEvent.click(screen.getByText('查看《双报到小程序隐私保护指引》'));
    expect(Taro.openPrivacyContract).toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: '同意' }));
    expect(screen.queryByLabelText('用户隐私保护提示')).toBeNull();
  });
});
