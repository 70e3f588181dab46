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
