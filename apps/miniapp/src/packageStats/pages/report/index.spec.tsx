import { act, fireEvent, render, screen } from '@testing-library/react';
import { MemberFlag, Role } from '@sbd/contracts';
import { fakeApi, loginAs } from '@test/doubles/api';
import { fakeFetch } from '@test/doubles/fetch';
import { makeAnnualReport, makeMemberRecord } from '@test/doubles/fixtures';
import Taro, { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import AnnualReportPage from './index';

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  process.env.TARO_ENV = 'h5';
  loginAs([{ role: Role.UnitAdmin, scopeNodeId: 9, scopeName: '市税务局' }]);
  __taro.setRoute('/packageStats/pages/report/index', { unitId: '9', userId: '3', year: '2026' });
});

afterEach(() => {
  process.env.TARO_ENV = 'h5';
  jest.restoreAllMocks();
});

describe('年度报告', () => {
  it('shows the year’s figures, services, back-filled hours apart, and flags in words', async () => {
    const calls = fakeApi((_m, path) =>
      path === '/api/units/9/members/3/annual-report'
        ? [200, makeAnnualReport({ record: makeMemberRecord({ flags: [MemberFlag.NegativeList], noShows: 2 }) })]
        : undefined,
    );
    render(<AnnualReportPage />);
    expect(await screen.findByText('张建国 · 2026年度报告')).toBeTruthy();
    expect(calls[0].query.get('year')).toBe('2026');
    expect(screen.getByLabelText('核验时长：10小时，补录2小时，另计')).toBeTruthy();
    expect(screen.getByLabelText('本年积分：80分，缺席2次')).toBeTruthy();
    expect(screen.getByText('✕ 负面清单（多次缺席）')).toBeTruthy();
    expect(screen.getByText('服务记录（1次）')).toBeTruthy();
    expect(screen.getByText('社区评分：5星，“很及时”')).toBeTruthy();
    expect(screen.getByText('补录时长（1条，不计入核验时长）')).toBeTruthy();
    expect(screen.getByText('线下防汛值守')).toBeTruthy();
  });

  it('H5 opens the printable page in a new tab, fetched with the token', async () => {
    fakeApi((_m, path) => (path === '/api/units/9/members/3/annual-report' ? [200, makeAnnualReport()] : undefined));
    const tab = { location: { href: '' }, close: jest.fn() };
    jest.spyOn(window, 'open').mockImplementation(() => tab as unknown as Window);
    (URL as unknown as { createObjectURL: () => string }).createObjectURL = () => 'blob:report';
    const fetches = fakeFetch((c) =>
      c.path === '/api/units/9/members/3/annual-report.html'
        ? { status: 200, blob: new Blob(['<html></html>'], { type: 'text/html' }) }
        : undefined,
    );
    render(<AnnualReportPage />);
    await screen.findByText('张建国 · 2026年度报告');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '打开打印版' }));
    });
    expect(window.open).toHaveBeenCalledWith('', '_blank');
    expect(fetches[0].headers.Authorization).toBe('Bearer A');
    expect(fetches[0].query.get('year')).toBe('2026');
    expect(tab.location.href).toBe('blob:report');
  });

  it('closes the blank tab and says why when the printable page cannot be had', async () => {
    fakeApi((_m, path) => (path === '/api/units/9/members/3/annual-report' ? [200, makeAnnualReport()] : undefined));
    const tab = { location: { href: '' }, close: jest.fn() };
    jest.spyOn(window, 'open').mockImplementation(() => tab as unknown as Window);
    fakeFetch(() => ({ status: 403, body: { code: 'FORBIDDEN', message: '无权查看该单位的党员', details: [] } }));
    render(<AnnualReportPage />);
    await screen.findByText('张建国 · 2026年度报告');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '打开打印版' }));
    });
    expect(tab.close).toHaveBeenCalled();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '无权查看该单位的党员' }));
  });

  it('weapp opens the Excel version in WeChat’s viewer (no business domain for the HTML page)', async () => {
    process.env.TARO_ENV = 'weapp';
    fakeApi((_m, path) => (path === '/api/units/9/members/3/annual-report' ? [200, makeAnnualReport()] : undefined));
    render(<AnnualReportPage />);
    await screen.findByText('张建国 · 2026年度报告');
    await act(async () => {
      fireEvent.click(screen.getByText('打开Excel版（可转发、打印）'));
    });
    const opts = (Taro.downloadFile as jest.Mock).mock.calls[0][0] as { url: string };
    expect(opts.url).toBe('/api/units/9/members/3/annual-report.xlsx?year=2026');
    expect(Taro.openDocument).toHaveBeenCalled();
  });
});
