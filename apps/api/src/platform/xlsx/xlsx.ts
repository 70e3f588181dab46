import ExcelJS from 'exceljs';
import type { Response } from 'express';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null | undefined;
}

/** Adds a sheet with a bold header row and one row per item, columns in order. */
export function addSheet<T>(
  wb: ExcelJS.Workbook,
  name: string,
  columns: SheetColumn<T>[],
  rows: Iterable<T>,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.columns = columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width ?? Math.max(10, c.header.length * 2 + 2),
  }));
  for (const row of rows) ws.addRow(columns.map((c) => c.value(row) ?? ''));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return ws;
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '双报到';
  wb.created = new Date();
  return wb;
}

/** Sends an .xlsx download; the Chinese file name travels as RFC 5987 `filename*`. */
export function sendXlsx(res: Response, buffer: Buffer, filename: string, asciiName = 'export.xlsx'): void {
  res
    .type(XLSX_MIME)
    .setHeader(
      'Content-Disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    )
    .setHeader('Cache-Control', 'no-store')
    .send(buffer);
}

const CST_OFFSET_MS = 8 * 3_600_000;

/** An instant as Asia/Shanghai local time, "YYYY-MM-DD HH:mm". */
export function shanghaiTime(at: Date | string | null | undefined): string {
  if (!at) return '';
  const d = typeof at === 'string' ? new Date(at) : at;
  return new Date(d.getTime() + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** An .xlsx file is a zip archive: anything else (csv, xls, a renamed text file) is refused before parsing. */
export function looksLikeXlsx(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer.subarray(0, 4).equals(ZIP_MAGIC);
}

/** Text of a cell, whatever exceljs made of it (numbers, rich text, hyperlinks, formulas). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value).trim();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value).trim();
}

/** The first worksheet of an uploaded workbook, or null when the bytes are not a readable .xlsx. */
export async function firstSheet(buffer: Buffer): Promise<ExcelJS.Worksheet | null | 'unreadable'> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return 'unreadable';
  }
  return wb.worksheets[0] ?? null;
}

/**
 * Reads the header row (row 1) against the template's columns: every column exactly once (in any
 * order), each of the `optional` ones at most once, nothing else. Answers each column's index, or
 * the Chinese problems found.
 */
export function readHeader<C extends string>(
  ws: ExcelJS.Worksheet,
  columns: readonly C[],
  templateName: string,
  optional: readonly C[] = [],
): { columnOf: Map<C, number>; problems: { column: string; message: string }[] } {
  const columnOf = new Map<C, number>();
  const problems: { column: string; message: string }[] = [];
  const known: readonly string[] = [...columns, ...optional];
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const text = cellText(cell.value);
    if (!text) return;
    if (!known.includes(text)) {
      problems.push({ column: text, message: `不认识的列「${text}」，${templateName}只能包含：${known.join('、')}` });
    } else if (columnOf.has(text as C)) {
      problems.push({ column: text, message: `「${text}」列重复` });
    } else {
      columnOf.set(text as C, col);
    }
  });
  for (const c of columns) {
    if (!columnOf.has(c)) problems.push({ column: c, message: `缺少「${c}」列，请使用${templateName}模板` });
  }
  return { columnOf, problems };
}
