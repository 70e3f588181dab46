import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { OrgNodeType, Role } from '@sbd/contracts';
import { ADMIN_OF_7, fakeApi, loginAs } from '@test/doubles/api';
import { captureDownloads, fakeFetch } from '@test/doubles/fetch';
import { makeStats, makeUnitStats } from '@test/doubles/fixtures';
import Taro, { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import { setElderly } from '@/platform/elderly';
import { periodFor } from '@/packageStats/utils/period';
import DashboardPage from './index';

const UNIT_ADMIN = [{ role: Role.UnitAdmin, scopeNodeId: 9, scopeName: '市税务局' }];

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  act(() => setElderly(false));
  process.env.TARO_ENV = 'h5';
  __taro.setRoute('/packageStats/pages/dashboard/index');
});

afterEach(() => {
  process.env.TARO_ENV = 'h5';
  jest.restoreAllMocks();
});

describe('统计看板', () => {
  it('asks a visitor to log in and tells a member it is for admins', () => {
    const { unmount } = render(<DashboardPage />);
    expect(screen.getByText('请先登录。')).toBeTruthy();
    unmount();
    loginAs([{ role: Role.Member, scopeNodeId: 7, scopeName: '幸福社区' }]);
    render(<DashboardPage />);
    expect(screen.getByText('统计看板供社区、单位、街道和区管理员使用。')).toBeTruthy();
  });

  it('lets a platform admin, who holds no node, choose the top-level organisation to look at', async () => {
    loginAs([{ role: Role.PlatformAdmin, scopeNodeId: null, scopeName: null }]);
    const calls = fakeApi((_m, path) =>
      path === '/api/org/roots'
        ? [
            200,
            [{ id: 1, type: OrgNodeType.District, name: '崇川区', code: null, parentId: null, path: '/1/', depth: 0 }],
          ]
        : undefined,
    );
    render(<DashboardPage />);
    const district = await screen.findByRole('link', { name: '查看崇川区的统计' });
    fireEvent.click(district);
    expect(Taro.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packageStats/pages/dashboard/index?nodeId=1' }),
    );
    expect(calls.map((c) => c.path)).toEqual(['/api/org/roots']);
  });

  it('shows a community’s headline figures for this month, with 报到率’s note instead of a number', async () => {
    loginAs(ADMIN_OF_7);
    const calls = fakeApi((_m, path) => (path === '/api/stats/nodes/7' ? [200, makeStats()] : undefined));
    render(<DashboardPage />);
    expect(await screen.findByText('幸福社区 · 统计看板')).toBeTruthy();

    const month = periodFor('month');
    const q = calls.find((c) => c.path === '/api/stats/nodes/7')!.query;
    expect([q.get('from'), q.get('to'), q.get('granularity')]).toEqual([month.from, month.to, 'week']);
    expect(document.querySelector('.st-period')?.textContent).toBe(
      `统计期：${month.label}（${month.from} 至 ${month.to}）`,
    );

    expect(screen.getByLabelText('报到率：报到率按单位和区统计')).toBeTruthy();
    expect(screen.getByText('报到率按单位和区统计')).toBeTruthy();
    expect(screen.getByLabelText('服务率：30%，已报到40人，其中12人有核验服务')).toBeTruthy();
    expect(screen.getByLabelText('核验服务时长：36.5小时，核验服务18次，补录时长4小时，另计，不含在内')).toBeTruthy();
    expect(
      screen.getByLabelText('满意率：90%，18/20次评价为4星及以上，居民评价100%（8次），社区评价83.3%（12次）'),
    ).toBeTruthy();
    expect(screen.getByLabelText('点单办结率：70%，受理10件，已办结7件')).toBeTruthy();
    expect(screen.getByLabelText('受理用时（中位数）：3.5小时，平均5小时，从居民点单到社区受理')).toBeTruthy();
    expect(screen.getByLabelText('办结用时（中位数）：2.1天，平均2.5天，从受理到办结')).toBeTruthy();

    // The trend (6 weeks → columns), tasks by kind and state, 服务之星.
    expect(screen.getByLabelText('11月16日起的一周：服务次数8次')).toBeTruthy();
    expect(screen.getByText('统计期内创建任务9个')).toBeTruthy();
    expect(screen.getByLabelText('微服务：6个')).toBeTruthy();
    expect(screen.getByLabelText('实项目：0个')).toBeTruthy();
    expect(screen.getByLabelText('已完成：5个')).toBeTruthy();
    expect(screen.getByLabelText('第1名 张建国，服务5次，10小时')).toBeTruthy();
  });

  it('switches the trend metric and draws bars to scale', async () => {
    loginAs(ADMIN_OF_7);
    fakeApi((_m, path) => (path === '/api/stats/nodes/7' ? [200, makeStats()] : undefined));
    const { container } = render(<DashboardPage />);
    await screen.findByText('幸福社区 · 统计看板');
    const heights = () => Array.from(container.querySelectorAll<HTMLElement>('.st-bar')).map((b) => b.style.height);
    expect(heights()).toEqual(['0%', '50%', '75%', '100%', '0%', '0%']);
    fireEvent.click(screen.getByRole('radio', { name: '满意率' }));
    expect(screen.getByLabelText('11月9日起的一周：满意率83.3%')).toBeTruthy();
    expect(screen.getByLabelText('10月26日起的一周：满意率无评价')).toBeTruthy();
    expect(heights()).toEqual(['0%', '100%', '83.33%', '90%', '0%', '0%']);
  });

  it('asks again for 本年 by month, and for a custom period only once it is valid', async () => {
    loginAs(ADMIN_OF_7);
    const calls = fakeApi((_m, path) => (path === '/api/stats/nodes/7' ? [200, makeStats()] : undefined));
    render(<DashboardPage />);
    await screen.findByText('幸福社区 · 统计看板');

    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: '本年' }));
    });
    const year = periodFor('year');
    const last = () => calls.filter((c) => c.path === '/api/stats/nodes/7').pop()!.query;
    await waitFor(() =>
      expect([last().get('from'), last().get('to'), last().get('granularity')]).toEqual([year.from, year.to, 'month']),
    );

    fireEvent.click(screen.getByRole('tab', { name: '自定义' }));
    const pickers = screen.getAllByTestId('picker');
    expect(pickers).toHaveLength(2);
    const before = calls.length;
    // The double's date picker hands over whatever is chosen; make the end precede the start.
    fireEvent.change(pickers[0], { target: { value: '2026-03-10' } });
    fireEvent.change(pickers[1], { target: { value: '2026-03-01' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));
    expect(screen.getByText('！结束日期不能早于开始日期')).toBeTruthy();
    expect(calls.length).toBe(before);

    fireEvent.change(pickers[1], { target: { value: '2026-07-31' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '查询' }));
    });
    await waitFor(() =>
      expect([last().get('from'), last().get('to'), last().get('granularity')]).toEqual([
        '2026-03-10',
        '2026-07-31',
        'month',
      ]),
    );
    expect(screen.getByText('统计期：2026-03-10 至 2026-07-31')).toBeTruthy();
  });

  it('a unit: 报到率 from the roster, no needs or tasks, links to member records and the roster', async () => {
    loginAs(UNIT_ADMIN);
    fakeApi((_m, path) => (path === '/api/stats/nodes/9' ? [200, makeUnitStats()] : undefined));
    render(<DashboardPage />);
    expect(await screen.findByText('市税务局 · 统计看板')).toBeTruthy();
    expect(screen.getByLabelText('报到率：75%，名册8人，已报到6人')).toBeTruthy();
    expect(screen.queryByText(/点单办结率/)).toBeNull();
    expect(screen.queryByText(/统计期内创建任务/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '党员报回记录' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageStats/pages/records/index?unitId=9' });
    fireEvent.click(screen.getByRole('button', { name: '名册导入' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageStats/pages/roster/index?unitId=9' });
  });

  it('a unit without a roster says so instead of a rate', async () => {
    loginAs(UNIT_ADMIN);
    fakeApi((_m, path) =>
      path === '/api/stats/nodes/9'
        ? [200, makeUnitStats({ registrationRate: null, rosterEntries: 0, rosterRegistered: 0 })]
        : undefined,
    );
    render(<DashboardPage />);
    expect(await screen.findByLabelText('报到率：尚未导入单位名册，导入后统计')).toBeTruthy();
  });

  it('shows the API’s refusal in words', async () => {
    loginAs(ADMIN_OF_7);
    __taro.setRoute('/packageStats/pages/dashboard/index', { nodeId: '8' });
    fakeApi((_m, path) =>
      path === '/api/stats/nodes/8'
        ? [403, { code: 'FORBIDDEN', message: '无权查看该组织的统计', details: [] }]
        : undefined,
    );
    render(<DashboardPage />);
    expect(await screen.findByText('无权查看该组织的统计')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  });

  it('H5 导出Excel: fetches the workbook with the token and saves it under the API’s file name', async () => {
    loginAs(ADMIN_OF_7);
    fakeApi((_m, path) => (path === '/api/stats/nodes/7' ? [200, makeStats()] : undefined));
    const xlsx = new Blob(['PK…'], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const fetches = fakeFetch((c) =>
      c.path === '/api/stats/nodes/7/export.xlsx'
        ? {
            status: 200,
            blob: xlsx,
            headers: {
              'Content-Disposition': `attachment; filename="stats-7-2026-11-01.xlsx"; filename*=UTF-8''${encodeURIComponent('stats-7-2026-11-01.xlsx')}`,
            },
          }
        : undefined,
    );
    const saved = captureDownloads();
    render(<DashboardPage />);
    await screen.findByText('幸福社区 · 统计看板');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '导出Excel' }));
    });
    const month = periodFor('month');
    expect(fetches).toHaveLength(1);
    expect(fetches[0].headers.Authorization).toBe('Bearer A');
    expect([fetches[0].query.get('from'), fetches[0].query.get('to'), fetches[0].query.get('granularity')]).toEqual([
      month.from,
      month.to,
      'week',
    ]);
    expect(saved).toEqual([{ name: 'stats-7-2026-11-01.xlsx', blob: xlsx }]);
  });

  it('weapp 导出Excel: downloadFile with the token, then WeChat’s document viewer', async () => {
    process.env.TARO_ENV = 'weapp';
    loginAs(ADMIN_OF_7);
    fakeApi((_m, path) => (path === '/api/stats/nodes/7' ? [200, makeStats()] : undefined));
    render(<DashboardPage />);
    await screen.findByText('幸福社区 · 统计看板');
    await act(async () => {
      // weapp: roles are aria-role attributes, so find the button by its text.
      fireEvent.click(screen.getByText('导出Excel'));
    });
    const opts = (Taro.downloadFile as jest.Mock).mock.calls[0][0] as { url: string; header: Record<string, string> };
    expect(opts.url).toMatch(
      /\/api\/stats\/nodes\/7\/export\.xlsx\?from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}&granularity=week$/,
    );
    expect(opts.header).toEqual({ Authorization: 'Bearer A' });
    expect(Taro.openDocument).toHaveBeenCalledWith({
      filePath: 'wxfile://tmp/download.xlsx',
      fileType: 'xlsx',
      showMenu: true,
    });
  });

  it('长辈版: the trend of a quarter or more is drawn as rows, not columns', async () => {
    loginAs(ADMIN_OF_7);
    act(() => setElderly(true));
    fakeApi((_m, path) => (path === '/api/stats/nodes/7' ? [200, makeStats()] : undefined));
    const { container } = render(<DashboardPage />);
    await screen.findByText('幸福社区 · 统计看板');
    expect(container.querySelector('.st-chart-rows')).toBeTruthy();
    expect(container.querySelector('.st-chart-cols')).toBeNull();
  });

  it('a street lists its communities, each opening its own dashboard', async () => {
    loginAs([{ role: Role.StreetAdmin, scopeNodeId: 3, scopeName: '和平桥街道' }]);
    const calls = fakeApi((_m, path) => {
      if (path === '/api/stats/nodes/3')
        return [200, makeStats({ nodeId: 3, nodeType: OrgNodeType.Street, nodeName: '和平桥街道' })];
      if (path === '/api/org/nodes/3/children')
        return [
          200,
          [
            {
              id: 7,
              type: OrgNodeType.Community,
              name: '桃园社区',
              code: 'TAOYUAN',
              parentId: 3,
              address: null,
              latitude: null,
              longitude: null,
            },
          ],
        ];
      return undefined;
    });
    render(<DashboardPage />);
    const link = await screen.findByRole('link', { name: '查看桃园社区的统计' });
    expect(calls.find((c) => c.path === '/api/org/nodes/3/children')?.query.get('type')).toBe('community');
    fireEvent.click(link);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageStats/pages/dashboard/index?nodeId=7' });
  });
});
