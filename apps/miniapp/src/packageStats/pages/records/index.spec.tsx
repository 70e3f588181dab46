import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemberFlag, Role } from '@sbd/contracts';
import { fakeApi, loginAs } from '@test/doubles/api';
import { captureDownloads, fakeFetch } from '@test/doubles/fetch';
import { makeMemberRecord } from '@test/doubles/fixtures';
import Taro, { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import MemberRecordsPage from './index';

const UNIT_ADMIN = [{ role: Role.UnitAdmin, scopeNodeId: 9, scopeName: '市税务局' }];
const THIS_YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

const flagged = makeMemberRecord({
  key: 'e2',
  rosterEntryId: 2,
  registrationId: null,
  userId: null,
  name: '王五',
  phone: '139****1234',
  registrationStatus: null,
  communityName: null,
  unitConfirmed: false,
  services: 0,
  verifiedHours: 0,
  backfilledHours: 0,
  ratings: 0,
  satisfiedRatings: 0,
  satisfaction: null,
  points: 0,
  lastServiceAt: null,
  flags: [MemberFlag.NotRegistered],
});

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  __taro.setRoute('/packageStats/pages/records/index', { unitId: '9' });
});

afterEach(() => jest.restoreAllMocks());

describe('党员报回记录', () => {
  it('is for unit admins only', () => {
    loginAs([{ role: Role.CommunityAdmin, scopeNodeId: 7 }]);
    render(<MemberRecordsPage />);
    expect(screen.getByText('此功能供单位管理员使用。')).toBeTruthy();
  });

  it('lists every member with the year’s figures, flags in words, and the annual report', async () => {
    loginAs(UNIT_ADMIN);
    const calls = fakeApi((_m, path) =>
      path === '/api/units/9/member-records'
        ? [200, { items: [makeMemberRecord({ honours: true }), flagged], nextCursor: null, year: THIS_YEAR }]
        : undefined,
    );
    render(<MemberRecordsPage />);
    expect(await screen.findByText('张建国')).toBeTruthy();
    expect(calls[0].query.get('year')).toBe(String(THIS_YEAR));
    expect(calls[0].query.get('flag')).toBeNull();
    expect(screen.getByText('138****0006 · 第一党支部 · 科员')).toBeTruthy();
    expect(screen.getByText('核验时长：10小时')).toBeTruthy();
    expect(screen.getByText('满意率：100%（4次）')).toBeTruthy();
    expect(screen.getByText('✓ 推荐评先评优')).toBeTruthy();
    // Status as text: the registration and each flag.
    expect(screen.getByLabelText('状态：已报到')).toBeTruthy();
    expect(screen.getByLabelText('状态：未报到')).toBeTruthy();
    expect(screen.getAllByText('✕ 未报到')).toHaveLength(1);
    expect(screen.getByText('满意率：暂无评价')).toBeTruthy();
    expect(screen.getByText('最近一次服务：无')).toBeTruthy();
    // Only members with an account have an annual report.
    expect(screen.getAllByRole('button', { name: /的年度报告$/ })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: '张建国的年度报告' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/packageStats/pages/report/index?unitId=9&userId=3&year=${THIS_YEAR}`,
    });
  });

  it('filters by flag chip, explains the rule, and exports exactly that filter', async () => {
    loginAs(UNIT_ADMIN);
    const calls = fakeApi((_m, path, _b, q) => {
      if (path !== '/api/units/9/member-records') return undefined;
      return [
        200,
        {
          items: q.get('flag') === 'not_registered' ? [flagged] : [makeMemberRecord()],
          nextCursor: null,
          year: THIS_YEAR,
        },
      ];
    });
    render(<MemberRecordsPage />);
    await screen.findByText('张建国');
    await act(async () => {
      fireEvent.click(screen.getByRole('radio', { name: '未报到' }));
    });
    expect(await screen.findByText('王五')).toBeTruthy();
    expect(screen.queryByText('张建国')).toBeNull();
    expect(calls[calls.length - 1].query.get('flag')).toBe('not_registered');
    expect(screen.getByText('在单位名册上，但没有同名同手机号的已通过报到。')).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByRole('radio', { name: '评先评优' }));
    });
    await waitFor(() => expect(calls[calls.length - 1].query.get('flag')).toBe('honours'));
    expect(screen.getByText(/^年度核验服务时长不少于20小时/)).toBeTruthy();

    const fetches = fakeFetch(() => ({ status: 200, blob: new Blob(['x']) }));
    const saved = captureDownloads();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '导出Excel' }));
    });
    expect(fetches[0].path).toBe('/api/units/9/member-records/export.xlsx');
    expect(fetches[0].query.get('flag')).toBe('honours');
    expect(fetches[0].query.get('year')).toBe(String(THIS_YEAR));
    expect(saved.map((f) => f.name)).toEqual([`党员报回记录-${THIS_YEAR}.xlsx`]);
  });

  it('loads more with the cursor and switches the year', async () => {
    loginAs(UNIT_ADMIN);
    const calls = fakeApi((_m, path, _b, q) => {
      if (path !== '/api/units/9/member-records') return undefined;
      if (q.get('cursor') === 'e1') return [200, { items: [flagged], nextCursor: null, year: THIS_YEAR }];
      return [200, { items: [makeMemberRecord()], nextCursor: 'e1', year: THIS_YEAR }];
    });
    render(<MemberRecordsPage />);
    await screen.findByText('张建国');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    });
    expect(await screen.findByText('王五')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('radio', { name: `${THIS_YEAR - 1}年` }));
    });
    await waitFor(() => expect(calls[calls.length - 1].query.get('year')).toBe(String(THIS_YEAR - 1)));
  });
});
