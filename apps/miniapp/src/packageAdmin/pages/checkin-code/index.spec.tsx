import { act, render, screen } from '@testing-library/react';
import type { CheckinCodeDto } from '@sbd/contracts';
import { ADMIN_OF_7, fakeApi, loginAs } from '@test/doubles/api';
import { makeTask } from '@test/doubles/fixtures';
import { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import CheckinCodePage, { secondsRemaining, spacedCode } from './index';

const code = (c: string, secondsLeft: number): CheckinCodeDto => ({
  taskId: 21,
  code: c,
  periodSeconds: 30,
  secondsLeft,
  serverTime: new Date().toISOString(),
});

async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

beforeEach(() => {
  jest.useFakeTimers();
  __taro.reset();
  clearSession();
  resetToastDedupe();
  loginAs(ADMIN_OF_7);
  __taro.setRoute('/packageAdmin/pages/checkin-code/index', { id: '21' });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('check-in code screen', () => {
  it('counts down from the server’s secondsLeft, whatever the device clock', () => {
    expect(secondsRemaining(1_000_000, 12, 1_000_000)).toBe(12);
    expect(secondsRemaining(1_000_000, 12, 1_004_999)).toBe(8);
    expect(secondsRemaining(1_000_000, 12, 1_060_000)).toBe(0);
    expect(spacedCode('123456')).toBe('123 456');
  });

  it('shows big digits with a countdown and fetches the next code when it ends', async () => {
    const codes = [code('123456', 3), code('654321', 30)];
    const calls = fakeApi((_method, path) => {
      if (path === '/api/tasks/21/checkin-code') return [200, codes.shift() ?? code('000000', 30)];
      if (path === '/api/tasks/21') return [200, makeTask({ title: '楼道灯维修' })];
      return undefined;
    });
    render(<CheckinCodePage />);
    await advance(0);
    expect(screen.getByText('123 456')).toBeTruthy();
    expect(screen.getByText('3 秒后更换')).toBeTruthy();
    expect(screen.getByText('楼道灯维修')).toBeTruthy();

    await advance(1000);
    expect(screen.getByText('2 秒后更换')).toBeTruthy();

    await advance(2000);
    await advance(500);
    expect(screen.getByText('654 321')).toBeTruthy();
    expect(screen.getByText(/^(30|29) 秒后更换$/)).toBeTruthy();
    expect(calls.filter((c) => c.path === '/api/tasks/21/checkin-code')).toHaveLength(2);
  });

  it('keeps retrying when the network fails, then shows the code', async () => {
    let fail = true;
    const calls = fakeApi((_method, path) => {
      if (path === '/api/tasks/21/checkin-code')
        return fail
          ? [503, { code: 'UNAVAILABLE', message: '服务暂时不可用', details: [] }]
          : [200, code('246810', 20)];
      if (path === '/api/tasks/21') return [200, makeTask()];
      return undefined;
    });
    render(<CheckinCodePage />);
    await advance(0);
    expect(screen.getByText('服务暂时不可用（自动重试中）')).toBeTruthy();
    fail = false;
    await advance(5500);
    expect(screen.getByText('246 810')).toBeTruthy();
    expect(screen.queryByText(/自动重试中/)).toBeNull();
    expect(calls.filter((c) => c.path === '/api/tasks/21/checkin-code').length).toBeGreaterThanOrEqual(2);
  });
});
