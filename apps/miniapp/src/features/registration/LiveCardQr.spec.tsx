import { act, render, screen } from '@testing-library/react';
import { MEMBER_OF_7, fakeApi, loginAs } from '@test/doubles/api';
import { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import { LiveCardQr, nextFetchAt } from './LiveCardQr';

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  process.env.TARO_ENV = 'h5';
});
afterEach(() => jest.useRealTimers());

describe('the e-card’s live QR', () => {
  it('fetches the next code when the current one is due, or 5 s after a failure', () => {
    const live = { code: 'c', qrDataUrl: 'd', expiresAt: '', refreshInSeconds: 30 };
    expect(nextFetchAt(1000, live)).toBe(31_000);
    expect(nextFetchAt(1000, null)).toBe(6000);
  });

  it('shows the code’s QR and replaces it with a fresh one every 30 s', async () => {
    jest.useFakeTimers();
    loginAs(MEMBER_OF_7);
    let n = 0;
    const calls = fakeApi((_m, path) => {
      if (path !== '/api/registrations/me/card/live-code') return undefined;
      n += 1;
      return [
        200,
        { code: `SBD1.w${n}.sig`, qrDataUrl: `data:image/png;base64,${n}`, expiresAt: '', refreshInSeconds: 30 },
      ];
    });
    render(<LiveCardQr />);
    await act(async () => {
      await jest.advanceTimersByTimeAsync(100);
    });
    expect(screen.getByText('核验码 SBD1.w1.sig')).toBeTruthy();
    expect(screen.getByText(/秒后自动更新，截图无效/)).toBeTruthy();
    await act(async () => {
      await jest.advanceTimersByTimeAsync(29_000);
    });
    expect(calls).toHaveLength(1);
    await act(async () => {
      await jest.advanceTimersByTimeAsync(2_000);
    });
    expect(calls).toHaveLength(2);
    expect(screen.getByText('核验码 SBD1.w2.sig')).toBeTruthy();
  });
});
