import { render, screen } from '@testing-library/react';
import { ClaimStatus } from '@sbd/contracts';
import { fakeApi, loginAs, MEMBER_OF_7 } from '@test/doubles/api';
import { makeClaim, makeTask } from '@test/doubles/fixtures';
import { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import MyClaimsPage, { hasTaskLocation } from './index';

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  loginAs(MEMBER_OF_7);
  __taro.setRoute('/packageMember/pages/claims/index');
});

describe('我的报名', () => {
  it('offers location check-in only for tasks on the map, from the claim itself (no task fetch)', async () => {
    // Check-in opens 30 minutes before the start: both tasks start in 10 minutes.
    const mapped = makeTask({ id: 21, title: '楼道灯维修', place: '3号楼', latitude: 32.01, longitude: 120.86 }, 10);
    const unmapped = makeTask({ id: 22, title: '政策宣讲', place: '党群服务中心' }, 10);
    const calls = fakeApi((_m, path) =>
      path === '/api/claims/mine'
        ? [
            200,
            {
              items: [makeClaim(mapped, { id: 31 }), makeClaim(unmapped, { id: 32, status: ClaimStatus.Claimed })],
              nextCursor: null,
            },
          ]
        : undefined,
    );
    render(<MyClaimsPage />);
    expect(await screen.findByText('地点：3号楼')).toBeTruthy();
    expect(screen.getByText('地点：党群服务中心')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: '定位签到' })).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: '输入码签到' })).toHaveLength(2);
    expect(calls.map((c) => c.path)).toEqual(['/api/claims/mine']);
  });

  it('knows a task is on the map only with both coordinates', () => {
    expect(hasTaskLocation({ taskLatitude: 32, taskLongitude: 120 })).toBe(true);
    expect(hasTaskLocation({ taskLatitude: 0, taskLongitude: 0 })).toBe(true);
    expect(hasTaskLocation({ taskLatitude: null, taskLongitude: 120 })).toBe(false);
  });
});
