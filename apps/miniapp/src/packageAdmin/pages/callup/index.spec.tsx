import { act, fireEvent, render, screen } from '@testing-library/react';
import { CallupStatus } from '@sbd/contracts';
import { ADMIN_OF_7, fakeApi, loginAs } from '@test/doubles/api';
import { captureDownloads, fakeFetch } from '@test/doubles/fetch';
import { makeCallup } from '@test/doubles/fixtures';
import { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import AdminCallupPage from './index';

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  process.env.TARO_ENV = 'h5';
  loginAs(ADMIN_OF_7);
  __taro.setRoute('/packageAdmin/pages/callup/index');
});

afterEach(() => jest.restoreAllMocks());

describe('应急召集 (staff)', () => {
  it('lists the community’s call-ups from the API, whoever started them on whichever phone', async () => {
    const calls = fakeApi((_m, path) => {
      if (path === '/api/callups')
        return [
          200,
          [
            makeCallup(),
            makeCallup({
              id: 50,
              title: '寒潮防冻巡查',
              status: CallupStatus.Closed,
              closedAt: new Date().toISOString(),
            }),
          ],
        ];
      if (path.startsWith('/api/org/nodes/7/children')) return [200, []];
      return undefined;
    });
    render(<AdminCallupPage />);
    expect(await screen.findByText('暴雨防汛应急集结')).toBeTruthy();
    expect(screen.getByText('寒潮防冻巡查')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/callups')?.query.get('scopeNodeId')).toBe('7');
    expect(screen.getByText('本社区的召集')).toBeTruthy();
  });

  it('says so when there are none, and exports the muster list with the token', async () => {
    fakeApi((_m, path) =>
      path === '/api/callups' ? [200, [makeCallup()]] : path.startsWith('/api/org/') ? [200, []] : undefined,
    );
    const fetches = fakeFetch(() => ({ status: 200, blob: new Blob(['PK']) }));
    const saved = captureDownloads();
    render(<AdminCallupPage />);
    await screen.findByText('暴雨防汛应急集结');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '导出花名册' }));
    });
    expect(fetches[0].path).toBe('/api/callups/51/muster.xlsx');
    expect(fetches[0].headers.Authorization).toBe('Bearer A');
    expect(saved.map((s) => s.name)).toEqual(['花名册-51.xlsx']);
  });

  it('masks group members’ phones, and reveals one or exports full numbers only with a reason', async () => {
    const grouped = makeCallup({
      groups: [
        { index: 1, name: '第1组', leaderUserId: 9, members: [{ userId: 9, name: '李红梅', phone: '137****3333' }] },
      ],
    });
    const calls = fakeApi((_m, path) => {
      if (path === '/api/callups') return [200, [grouped]];
      if (path.startsWith('/api/org/')) return [200, []];
      if (path === '/api/pii-reveals')
        return [201, { objectType: 'callup', objectId: 51, field: 'phone', memberUserId: 9, value: '13722223333' }];
      return undefined;
    });
    const fetches = fakeFetch(() => ({ status: 200, blob: new Blob(['PK']) }));
    captureDownloads();
    render(<AdminCallupPage />);
    expect(await screen.findByText('第1组：李红梅（组长）')).toBeTruthy();
    expect(screen.getByText('137****3333')).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: '查看完整号码：李红梅（第1组）' }));
    fireEvent.change(screen.getByLabelText('查看原因'), { target: { value: '电话通知集合' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '确认查看' }));
    });
    expect(calls.find((c) => c.path === '/api/pii-reveals')?.body).toEqual({
      objectType: 'callup',
      objectId: 51,
      field: 'phone',
      memberUserId: 9,
      reason: '电话通知集合',
    });
    expect(await screen.findByText('13722223333')).toBeTruthy();

    fireEvent.click(screen.getByRole('link', { name: '导出含完整号码的花名册' }));
    fireEvent.click(screen.getByRole('button', { name: '确认导出' }));
    expect(screen.getByText('！请填写查看完整号码的原因')).toBeTruthy();
    expect(fetches).toHaveLength(0);
    fireEvent.change(screen.getByLabelText('导出原因'), { target: { value: '逐一电话通知' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '确认导出' }));
    });
    expect(fetches[0].path).toBe('/api/callups/51/muster.xlsx');
    expect(fetches[0].query.get('reason')).toBe('逐一电话通知');
  });

  it('shows an empty list in words', async () => {
    fakeApi((_m, path) => (path === '/api/callups' ? [200, []] : path.startsWith('/api/org/') ? [200, []] : undefined));
    render(<AdminCallupPage />);
    expect(await screen.findByText('还没有发起过召集')).toBeTruthy();
  });
});
