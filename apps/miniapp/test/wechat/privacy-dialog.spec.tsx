/**
 * WeChat's privacy check (weapp): a privacy API waits until the notice has been shown and the
 * user answered. The tests call the listener the app gave wx.onNeedPrivacyAuthorization the way
 * WeChat does, then tap the dialog's buttons. The H5 case runs first: nothing is registered there.
 * Tapping 同意 also records the consent on the server (now, or right after the next sign-in).
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { LoginResponse, MeDto } from '@sbd/contracts';
import { fakeApi, loginAs, MEMBER_OF_7, type ApiCall } from '@test/doubles/api';
import Taro, { __taro } from '@test/doubles/taro';
import { login, recordConsentWhenAgreed } from '@/features/auth/service';
import { STORAGE_KEYS } from '@/platform/env';
import { watchPrivacyAuthorization } from '@/platform/privacy';
import { clearSession, getSession, saveUser } from '@/platform/session';
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

describe('同意 records the consent on the server', () => {
  /** The notice's current version, as GET /api/privacy-notice says (not a constant of the app). */
  const VERSION = '2031-07';
  const me = (consentVersion: string | null): MeDto => ({
    id: 5,
    name: '李明',
    phone: '13800002222',
    hasWechat: true,
    roles: [],
    consentVersion,
    consentAt: consentVersion ? '2031-07-01T00:00:00.000Z' : null,
  });
  let calls: ApiCall[];
  let unsubscribe: () => void;
  const consents = () => calls.filter((c) => c.method === 'POST' && c.path === '/api/me/consent').map((c) => c.body);
  const noticeReads = () => calls.filter((c) => c.path === '/api/privacy-notice').length;
  const settle = () => act(() => new Promise((r) => setTimeout(r, 0)));

  beforeAll(() => {
    unsubscribe = recordConsentWhenAgreed();
  });
  afterAll(() => unsubscribe());
  beforeEach(() => {
    clearSession();
    __taro.storage.clear();
    calls = fakeApi((method, path, body) => {
      if (method === 'GET' && path === '/api/privacy-notice')
        return [200, { version: VERSION, title: '说明', body: '…' }];
      if (method === 'POST' && path === '/api/me/consent') return [200, me((body as { version: string }).version)];
      if (method === 'POST' && path === '/api/auth/login') {
        const res: LoginResponse = {
          accessToken: 'A2',
          refreshToken: 'R2',
          expiresIn: 900,
          refreshExpiresIn: 86400,
          user: me(null),
        };
        return [200, res];
      }
      return undefined;
    });
  });

  const tapAgree = () => {
    render(<PrivacyAuthDialog />);
    privacyApiCalled();
    fireEvent.click(screen.getByRole('button', { name: '同意' }));
  };

  it('signed in: sends the current notice version, and the session then carries it', async () => {
    loginAs(MEMBER_OF_7); // accepted an older version
    tapAgree();
    await waitFor(() => expect(consents()).toEqual([{ version: VERSION }]));
    expect(getSession()?.user?.consentVersion).toBe(VERSION);
    expect(__taro.storage.has(STORAGE_KEYS.privacyAgreed)).toBe(false);
  });

  it('signed in with the current version already accepted: nothing more is sent', async () => {
    loginAs(MEMBER_OF_7);
    saveUser(me(VERSION));
    tapAgree();
    await waitFor(() => expect(noticeReads()).toBe(1));
    await settle();
    expect(consents()).toEqual([]);
  });

  it('signed out: remembered, and recorded right after sign-in', async () => {
    tapAgree();
    await settle();
    expect(consents()).toEqual([]);
    expect(__taro.storage.has(STORAGE_KEYS.privacyAgreed)).toBe(true);
    await login({ phone: '13800002222', password: 'Str0ng!pass' });
    await waitFor(() => expect(consents()).toEqual([{ version: VERSION }]));
    expect(__taro.storage.has(STORAGE_KEYS.privacyAgreed)).toBe(false);
    // The next sign-in has nothing left to record.
    await login({ phone: '13800002222', password: 'Str0ng!pass' });
    await settle();
    expect(consents()).toHaveLength(1);
  });
});
