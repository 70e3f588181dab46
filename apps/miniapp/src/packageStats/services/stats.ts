import type { AnnualReportDto, MemberRecordFilter, MemberRecordsPage, StatsDto, StatsGranularity } from '@sbd/contracts';
import { isH5 } from '@/platform/env';
import { downloadXlsx, openHtmlPage } from '@/platform/download';
import { api } from '@/platform/request';

/** Calls of the statistics sub-package: dashboards, member records, annual reports, exports. */

export interface StatsQuery {
  from: string;
  to: string;
  granularity: StatsGranularity;
}

export function fetchStats(nodeId: number, q: StatsQuery): Promise<StatsDto> {
  return api.get<StatsDto>(`/api/stats/nodes/${nodeId}`, { query: { from: q.from, to: q.to, granularity: q.granularity }, timeout: 30_000 });
}

/** 导出Excel: the statistics report of the node and period. */
export function exportStats(nodeId: number, q: StatsQuery, nodeName: string): Promise<boolean> {
  return downloadXlsx({
    path: `/api/stats/nodes/${nodeId}/export.xlsx`,
    query: { from: q.from, to: q.to, granularity: q.granularity },
    filename: `${nodeName || '统计'}报表-${q.from}至${q.to}.xlsx`,
  });
}

export interface RecordsQuery {
  flag?: MemberRecordFilter | null;
  year?: number;
  cursor?: string | null;
  limit?: number;
}

export function fetchMemberRecords(unitId: number, q: RecordsQuery): Promise<MemberRecordsPage> {
  return api.get<MemberRecordsPage>(`/api/units/${unitId}/member-records`, {
    query: { flag: q.flag ?? undefined, year: q.year, cursor: q.cursor ?? undefined, limit: q.limit ?? 20 },
  });
}

export function exportMemberRecords(unitId: number, q: Pick<RecordsQuery, 'flag' | 'year'>): Promise<boolean> {
  return downloadXlsx({
    path: `/api/units/${unitId}/member-records/export.xlsx`,
    query: { flag: q.flag ?? undefined, year: q.year },
    filename: `党员报回记录-${q.year ?? ''}.xlsx`,
  });
}

export function fetchAnnualReport(unitId: number, userId: number, year?: number): Promise<AnnualReportDto> {
  return api.get<AnnualReportDto>(`/api/units/${unitId}/members/${userId}/annual-report`, { query: { year } });
}

/**
 * The printable annual report: H5 opens the API's print page (…/annual-report.html) in a new tab;
 * WeChat cannot show an API page without a business domain, so weapp opens the Excel version.
 */
export function openPrintableReport(unitId: number, userId: number, year: number, name: string): Promise<boolean> {
  const base = `/api/units/${unitId}/members/${userId}/annual-report`;
  if (isH5()) return openHtmlPage({ path: `${base}.html`, query: { year }, filename: `${name}${year}年度报告.html` });
  return downloadXlsx({ path: `${base}.xlsx`, query: { year }, filename: `${name}${year}年度报告.xlsx` });
}

export function downloadRosterTemplate(unitId: number): Promise<boolean> {
  return downloadXlsx({ path: `/api/units/${unitId}/roster/template.xlsx`, filename: '单位党员名册模板.xlsx' });
}
