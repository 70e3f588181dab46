import {
  ROUTES,
  type AnnualReportDto,
  type MemberRecordsExportQuery,
  type MemberRecordsListQuery,
  type MemberRecordsPage,
  type NodeStatsQuery,
  type StatsDto,
} from '@sbd/contracts';
import { isH5 } from '@/platform/env';
import { downloadXlsx, openHtmlPage } from '@/platform/download';
import { call, callPath } from '@/platform/request';

/** Calls of the statistics sub-package: dashboards, member records, annual reports, exports. */

export function fetchStats(nodeId: number, q: Required<NodeStatsQuery>): Promise<StatsDto> {
  return call(ROUTES.stats.node, {
    params: { id: nodeId },
    query: { from: q.from, to: q.to, granularity: q.granularity },
    timeout: 30_000,
  });
}

/** 导出Excel: the statistics report of the node and period. */
export function exportStats(nodeId: number, q: Required<NodeStatsQuery>, nodeName: string): Promise<boolean> {
  const query: NodeStatsQuery = { from: q.from, to: q.to, granularity: q.granularity };
  return downloadXlsx({
    path: callPath(ROUTES.stats.nodeExport, { id: nodeId }),
    query: { ...query },
    filename: `${nodeName || '统计'}报表-${q.from}至${q.to}.xlsx`,
  });
}

export function fetchMemberRecords(unitId: number, q: MemberRecordsListQuery): Promise<MemberRecordsPage> {
  return call(ROUTES.rosters.memberRecords, {
    params: { id: unitId },
    query: { flag: q.flag, year: q.year, cursor: q.cursor, limit: q.limit ?? 20 },
  });
}

export function exportMemberRecords(unitId: number, q: MemberRecordsExportQuery): Promise<boolean> {
  const query: MemberRecordsExportQuery = { flag: q.flag, year: q.year };
  return downloadXlsx({
    path: callPath(ROUTES.rosters.memberRecordsExport, { id: unitId }),
    query: { ...query },
    filename: `党员报回记录-${q.year ?? ''}.xlsx`,
  });
}

export function fetchAnnualReport(unitId: number, userId: number, year?: number): Promise<AnnualReportDto> {
  return call(ROUTES.rosters.annualReport, { params: { id: unitId, userId }, query: { year } });
}

/**
 * The printable annual report: H5 opens the API's print page (…/annual-report.html) in a new tab;
 * WeChat cannot show an API page without a business domain, so weapp opens the Excel version.
 */
export function openPrintableReport(unitId: number, userId: number, year: number, name: string): Promise<boolean> {
  const params = { id: unitId, userId };
  if (isH5())
    return openHtmlPage({
      path: callPath(ROUTES.rosters.annualReportHtml, params),
      query: { year },
      filename: `${name}${year}年度报告.html`,
    });
  return downloadXlsx({
    path: callPath(ROUTES.rosters.annualReportXlsx, params),
    query: { year },
    filename: `${name}${year}年度报告.xlsx`,
  });
}

export function downloadRosterTemplate(unitId: number): Promise<boolean> {
  return downloadXlsx({ path: callPath(ROUTES.rosters.template, { id: unitId }), filename: '单位党员名册模板.xlsx' });
}
