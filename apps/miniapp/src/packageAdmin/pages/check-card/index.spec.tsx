import { act, fireEvent, render, screen } from '@testing-library/react';
import type { LiveCardCheckDto } from '@sbd/contracts';
import { ADMIN_OF_7, MEMBER_OF_7, fakeApi, loginAs } from '@test/doubles/api';
import Taro, { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import CheckCardPage from './index';

const flush = () => act(() => new Promise((r) => setTimeout(r, 0)));
const CODE = 'SBD000042ABCDEF.1a2b3c.abcdefghijklmnopqrstuv';
const CARD: LiveCardCheckDto = {
  valid: true,
  status: 'approved' as LiveCardCheckDto['status'],
  cardNo: 'SBD000042ABCDEF',
  name: '李卫东',
  phone: '138****0001',
  communityName: '甲社区',
  branchName: '甲社区功能型党支部',
  workUnitName: '市税务局',
  positions: ['政策宣讲'],
  approvedAt: '2026-11-02T02:00:00.000Z',
};

function cardApi() {
  return fakeApi((_m, path) => {
    if (path === `/api/cards/live/${CODE}`) return [200, CARD];
    if (path.startsWith('/api/cards/live/')) {
      return [400, { code: 'VALIDATION', message: '该电子证二维码已过期（截图无效）', details: [] }];
    }
    return undefined;
  });
}

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  __taro.setRoute('/packageAdmin/pages/check-card/index', {});
});

describe('核验电子证 (staff check a live e-card)', () => {
  it('in WeChat: scans the member’s QR and shows who it is', async () => {
    process.env.TARO_ENV = 'weapp';
    loginAs(ADMIN_OF_7);
    const calls = cardApi();
    (Taro.scanCode as jest.Mock).mockResolvedValueOnce({ result: CODE, path: '' });
    render(<CheckCardPage />);
    fireEvent.click(screen.getByText('扫码核验'));
    await flush();
    await flush();
    expect(calls.map((c) => c.path)).toEqual([`/api/cards/live/${CODE}`]);
    expect(screen.getByText(/身份有效/)).toBeTruthy();
    expect(screen.getByText('李卫东')).toBeTruthy();
    expect(screen.getByText('138****0001')).toBeTruthy();
  });

  it('on H5: checks a typed code and shows an expired one’s reason on the field', async () => {
    process.env.TARO_ENV = 'h5';
    loginAs(ADMIN_OF_7);
    cardApi();
    render(<CheckCardPage />);
    expect(screen.queryByText('扫码核验')).toBeNull();
    fireEvent.click(screen.getByText('核验'));
    expect(screen.getByText('！请扫码或输入电子证核验码')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('核验码'), { target: { value: 'SBD000042ABCDEF.old.sig' } });
    fireEvent.click(screen.getByText('核验'));
    await flush();
    expect(screen.getByText(/已过期/)).toBeTruthy();
    expect(screen.queryByText(/身份有效/)).toBeNull();
  });

  it('is for community staff only', () => {
    process.env.TARO_ENV = 'h5';
    loginAs(MEMBER_OF_7);
    render(<CheckCardPage />);
    expect(screen.getByText('此功能仅供社区管理员使用。')).toBeTruthy();
  });
});
