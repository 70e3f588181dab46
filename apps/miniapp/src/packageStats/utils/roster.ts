import { ROSTER_COLUMNS, type RosterImportReport, type RosterRowError } from '@sbd/contracts';

/** How a roster upload's report (row, column, message) reads on the phone. */

/** Errors shown at once; the rest are counted ("还有N处错误"). */
export const ROSTER_ERRORS_SHOWN = 50;

/** "第3行「手机号」：手机号格式不正确"; the whole row: "第3行：…"; the whole file: "文件：…". */
export function rosterErrorText(e: RosterRowError): string {
  if (!e.row) return `文件：${e.message}`;
  return e.column ? `第${e.row}行「${e.column}」：${e.message}` : `第${e.row}行：${e.message}`;
}

function columnOrder(column: string): number {
  const i = (ROSTER_COLUMNS as readonly string[]).indexOf(column);
  return i < 0 ? (column ? ROSTER_COLUMNS.length : -1) : i;
}

/** File-wide problems first, then by row, then in the template's column order. */
export function sortRosterErrors(errors: RosterRowError[]): RosterRowError[] {
  return [...errors].sort((a, b) => a.row - b.row || columnOrder(a.column) - columnOrder(b.column));
}

/** Rows with at least one error. */
export function invalidRows(report: RosterImportReport): number {
  return Math.max(0, report.total - report.valid);
}

/** One sentence about the upload: what was imported, or why nothing was. */
export function rosterSummary(report: RosterImportReport): string {
  const errs = report.errors.length;
  if (report.imported > 0) {
    const skipped = invalidRows(report);
    return [
      `已导入${report.imported}人`,
      `名册共${report.total}行`,
      skipped ? `跳过有错误的${skipped}行` : '',
      `其中${report.matched}人已在社区报到`,
      report.review ? `${report.review}人待核对（姓名或证件不完全一致，请在管理后台确认）` : '',
    ]
      .filter(Boolean)
      .join('，');
  }
  if (report.total === 0 && errs) return `名册无法读取，未导入任何数据`;
  if (errs)
    return `名册共${report.total}行：有效${report.valid}行，有错误的${invalidRows(report)}行（共${errs}处错误）`;
  return `名册共${report.total}行，没有可导入的数据`;
}

/** Whether "只导入有效行" makes sense: errors, and some rows without any. */
export function canImportValidOnly(report: RosterImportReport): boolean {
  return report.imported === 0 && report.errors.length > 0 && report.valid > 0;
}

/** The report in a refused upload's body ({ …, report }), checked; null when it is not one. */
export function reportOf(body: unknown): RosterImportReport | null {
  const r = (
    body && typeof body === 'object' ? ((body as { report?: unknown }).report ?? body) : null
  ) as Partial<RosterImportReport> | null;
  if (!r || typeof r !== 'object') return null;
  if (typeof r.total !== 'number' || typeof r.valid !== 'number' || !Array.isArray(r.errors)) return null;
  return {
    imported: typeof r.imported === 'number' ? r.imported : 0,
    total: r.total,
    valid: r.valid,
    matched: typeof r.matched === 'number' ? r.matched : 0,
    review: typeof r.review === 'number' ? r.review : 0,
    reviews: Array.isArray(r.reviews) ? r.reviews : [],
    errors: r.errors
      .filter((e): e is RosterRowError => !!e && typeof (e as RosterRowError).message === 'string')
      .map((e) => ({
        row: Number(e.row) || 0,
        column: typeof e.column === 'string' ? e.column : '',
        message: e.message,
      })),
  };
}
