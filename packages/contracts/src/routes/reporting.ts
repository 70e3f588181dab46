/** The reporting context's routes; see ./index.ts. */
import { route } from '../platform/route';
import type { RegistrationExportQuery } from '../identity/registration';
import type { NeedExportQuery } from '../loop/needs';
import type { TaskExportQuery } from '../loop/tasks';
import type { Page } from '../platform/errors';
import type { FileDownload, MultipartFileBody } from '../platform/health';
import type {
  AnnualReportDto,
  MemberRecordsExportQuery,
  MemberRecordsListQuery,
  MemberRecordsPage,
  ReportYearQuery,
  RosterEntryDto,
  RosterImportReport,
  RosterListQuery,
  RosterUploadQuery,
} from '../reporting/rosters';
import type { RosterDecisionBody, RosterDecisionResult } from '../reporting/roster-review';
import type { NodeStatsQuery, RollupRebuildDto, ScreenDto, StatsDto } from '../reporting/stats';

export const REPORTING_ROUTES = {
  stats: {
    node: route<never, NodeStatsQuery, StatsDto>()('GET', '/api/stats/nodes/:id'),
    nodeExport: route<never, NodeStatsQuery, FileDownload>()('GET', '/api/stats/nodes/:id/export.xlsx'),
    screen: route<never, NodeStatsQuery, ScreenDto>()('GET', '/api/stats/nodes/:id/screen'),
    rebuildRollups: route<never, never, RollupRebuildDto>()('POST', '/api/stats/rollups/rebuild'),
  },
  rosters: {
    template: route<never, never, FileDownload>()('GET', '/api/units/:id/roster/template.xlsx'),
    upload: route<MultipartFileBody, RosterUploadQuery, RosterImportReport>()('POST', '/api/units/:id/roster'),
    list: route<never, RosterListQuery, Page<RosterEntryDto>>()('GET', '/api/units/:id/roster'),
    decide: route<RosterDecisionBody, never, RosterDecisionResult>()(
      'POST',
      '/api/units/:id/roster/entries/:entryId/decision',
    ),
    memberRecords: route<never, MemberRecordsListQuery, MemberRecordsPage>()('GET', '/api/units/:id/member-records'),
    memberRecordsExport: route<never, MemberRecordsExportQuery, FileDownload>()(
      'GET',
      '/api/units/:id/member-records/export.xlsx',
    ),
    annualReport: route<never, ReportYearQuery, AnnualReportDto>()(
      'GET',
      '/api/units/:id/members/:userId/annual-report',
    ),
    annualReportXlsx: route<never, ReportYearQuery, FileDownload>()(
      'GET',
      '/api/units/:id/members/:userId/annual-report.xlsx',
    ),
    annualReportHtml: route<never, ReportYearQuery, string>()(
      'GET',
      '/api/units/:id/members/:userId/annual-report.html',
    ),
  },
  exports: {
    registrations: route<never, RegistrationExportQuery, FileDownload>()(
      'GET',
      '/api/communities/:id/registrations/export.xlsx',
    ),
    needs: route<never, NeedExportQuery, FileDownload>()('GET', '/api/communities/:id/needs/export.xlsx'),
    tasks: route<never, TaskExportQuery, FileDownload>()('GET', '/api/communities/:id/tasks/export.xlsx'),
  },
} as const;
