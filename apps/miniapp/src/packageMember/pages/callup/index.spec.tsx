import { act, fireEvent, render, screen } from '@testing-library/react';
import { CallupResponse } from '@sbd/contracts';
import { fakeApi, loginAs, MEMBER_OF_7 } from '@test/doubles/api';
import { makeCallup } from '@test/doubles/fixtures';
import { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import CallupPage, { etaText, responseText } from './index';

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  loginAs(MEMBER_OF_7);
  __taro.setRoute('/packageMember/pages/callup/index');
});

describe('应急召集 (member)', () => {
  it('words the answer with the arrival time the API kept', () => {
    expect(responseText({ myResponse: null, myEtaMinutes: null })).toBe('您还没有回复');
    expect(responseText({ myResponse: CallupResponse.Available, myEtaMinutes: 30 })).toBe(
      '您的回复：能到（约30分钟到达）',
    );
    expect(responseText({ myResponse: CallupResponse.Available, myEtaMinutes: 120 })).toBe(
      '您的回复：能到（约2小时到达）',
    );
    expect(responseText({ myResponse: CallupResponse.Available, myEtaMinutes: null })).toBe('您的回复：能到');
    expect(responseText({ myResponse: CallupResponse.Unavailable, myEtaMinutes: null })).toBe('您的回复：不能到');
    expect(etaText(90)).toBe('1小时30分钟');
  });

  it('shows the given arrival time after a reload, with that time chosen', async () => {
    fakeApi((_m, path) =>
      path === '/api/callups/mine'
        ? [200, [makeCallup({ myResponse: CallupResponse.Available, myEtaMinutes: 60 })]]
        : undefined,
    );
    render(<CallupPage />);
    expect(await screen.findByText('您的回复：能到（约1小时到达）')).toBeTruthy();
    expect(screen.getByRole('radio', { name: '1小时内' }).getAttribute('aria-checked')).toBe('true');
  });

  it('answers 能到 with the chosen time', async () => {
    const calls = fakeApi((_m, path) => {
      if (path === '/api/callups/mine') return [200, [makeCallup()]];
      if (path === '/api/callups/51/respond')
        return [200, makeCallup({ myResponse: CallupResponse.Available, myEtaMinutes: 10, availableCount: 2 })];
      return undefined;
    });
    render(<CallupPage />);
    fireEvent.click(await screen.findByRole('radio', { name: '10分钟内' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '能到' }));
    });
    expect(calls.find((c) => c.path === '/api/callups/51/respond')?.body).toEqual({
      response: CallupResponse.Available,
      etaMinutes: 10,
    });
    expect(await screen.findByText('您的回复：能到（约10分钟到达）')).toBeTruthy();
  });
});
