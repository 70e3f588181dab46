import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro, { __taro } from '@test/doubles/taro';
import { clearSession, getSession } from '@/platform/session';
import { resetToastDedupe } from '@/platform/request';
import LoginPage from './index';

const request$ = Taro.request as jest.Mock;
const flush = () => act(() => new Promise((r) => setTimeout(r, 0)));

function type(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
});

describe('login page (H5)', () => {
  it('validates before calling the API', async () => {
    render(<LoginPage />);
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('！请填写手机号')).toBeTruthy();
    expect(screen.getByText('！请填写密码')).toBeTruthy();
    expect(request$).not.toHaveBeenCalled();
  });

  it('logs in with phone and password, stores the session and goes to the redirect', async () => {
    __taro.setRoute('/pages/login/index', { redirect: encodeURIComponent('/packageMember/pages/status/index') });
    request$.mockResolvedValueOnce({
      statusCode: 200,
      header: {},
      data: {
        accessToken: 'A',
        refreshToken: 'R',
        expiresIn: 900,
        refreshExpiresIn: 86400,
        user: {
          id: 1,
          name: '王芳',
          phone: '13800001111',
          hasWechat: false,
          roles: [],
          consentVersion: null,
          consentAt: null,
        },
      },
    });
    render(<LoginPage />);
    type('手机号', '13800001111');
    type('密码', 'Secret-123');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    await flush();
    expect(request$.mock.calls[0][0]).toMatchObject({
      url: '/api/auth/login',
      method: 'POST',
      data: { phone: '13800001111', password: 'Secret-123' },
    });
    expect(getSession()?.accessToken).toBe('A');
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/packageMember/pages/status/index' });
  });

  it('shows the lock message from the API inline', async () => {
    request$.mockResolvedValueOnce({
      statusCode: 423,
      header: {},
      data: { code: 'ACCOUNT_LOCKED', message: '密码错误次数过多，账号已锁定15分钟', details: [] },
    });
    render(<LoginPage />);
    type('手机号', '13800001111');
    type('密码', 'wrong');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('密码错误次数过多，账号已锁定15分钟')).toBeTruthy();
    expect(getSession()).toBeNull();
  });

  it('sign-up requires consent to the privacy notice', async () => {
    request$.mockResolvedValueOnce({
      statusCode: 200,
      header: {},
      data: { version: 'v1', title: '隐私政策', body: '……' },
    });
    render(<LoginPage />);
    fireEvent.click(screen.getByRole('tab', { name: '注册' }));
    await flush();
    type('姓名', '王芳');
    type('手机号', '13800001111');
    type('设置密码', 'Abcdef12');
    type('确认密码', 'Abcdef12');
    fireEvent.click(screen.getByRole('button', { name: '注册并登录' }));
    expect(await screen.findByText('！请阅读并同意隐私政策')).toBeTruthy();
    expect(request$).toHaveBeenCalledTimes(1); // only the privacy notice
    fireEvent.click(screen.getByRole('checkbox', { name: /我已阅读并同意/ }));
    expect(screen.getByRole('checkbox', { name: /我已阅读并同意/ }).getAttribute('aria-checked')).toBe('true');
  });
});
