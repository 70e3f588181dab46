import { Injectable } from '@nestjs/common';
import { AuditAction, AuditObjectType } from '@sbd/contracts';
import { AuditService } from '../../platform/audit/audit.service';
import type { Principal } from '../../platform/auth/principal';
import { annualReportHtml, annualReportWorkbook, memberRecordsWorkbook } from './member-records-output';
import { MemberRecordsService, type RecordsQuery } from './member-records.service';

/** A file to download: its bytes, its (Chinese) name and an ASCII fallback name. */
export interface Download {
  buffer: Buffer;
  filename: string;
  asciiName: string;
}

/** The unit's member records and annual reports as files; every download is audited. */
@Injectable()
export class MemberRecordsExportService {
  constructor(
    private readonly records: MemberRecordsService,
    private readonly audit: AuditService,
  ) {}

  /** Exactly the records the same filter lists, as Excel. */
  async recordsXlsx(p: Principal, unitId: number, q: RecordsQuery): Promise<Download> {
    const { unit, records, year } = await this.records.filtered(p, unitId, q);
    const buffer = await memberRecordsWorkbook(unit.name, records);
    await this.audit.record({
      action: AuditAction.ExportDownload,
      actor: p,
      objectType: AuditObjectType.OrgNode,
      objectId: unitId,
      nodeId: unitId,
      detail: { export: 'member_records', filter: { ...q }, rows: records.length },
    });
    return {
      buffer,
      filename: `${unit.name}党员报回记录${year}.xlsx`,
      asciiName: `member-records-${unitId}-${year}.xlsx`,
    };
  }

  /** One member's annual report (民主评议) as Excel. */
  async annualReportXlsx(p: Principal, unitId: number, userId: number, year?: number): Promise<Download> {
    const report = await this.records.annualReport(p, unitId, userId, year);
    const buffer = await annualReportWorkbook(report);
    await this.audited(p, unitId, userId, report.year, 'xlsx');
    return {
      buffer,
      filename: `${report.record.name}${report.year}年度报告.xlsx`,
      asciiName: `annual-report-${userId}-${report.year}.xlsx`,
    };
  }

  /** One member's annual report as a printable page. */
  async annualReportPage(p: Principal, unitId: number, userId: number, year?: number): Promise<string> {
    const report = await this.records.annualReport(p, unitId, userId, year);
    await this.audited(p, unitId, userId, report.year, 'html');
    return annualReportHtml(report);
  }

  private audited(p: Principal, unitId: number, userId: number, year: number, format: string): Promise<void> {
    return this.audit.record({
      action: AuditAction.ExportDownload,
      actor: p,
      objectType: AuditObjectType.Account,
      objectId: userId,
      nodeId: unitId,
      detail: { export: 'annual_report', year, format },
    });
  }
}
