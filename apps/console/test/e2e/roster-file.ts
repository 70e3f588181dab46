/** Rosters built in the browser specs: a .xlsx of the template's columns, read back the same way. */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';

export const ROSTER_HEADER = ['姓名', '手机号', '党支部', '职务'];

/** The demo city's members 张建国 (written 張建國 here: 待核对) and 周海燕 (exact), and one person never registered. */
export const DEMO_ROSTER: (string | null)[][] = [
  ['张建國', '13800000006', '机关第一党支部', '科员'],
  ['周海燕', '13800000007', '机关第一党支部', null],
  ['钱未报', '13912340001', '机关第二党支部', null],
];

export async function rosterXlsx(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(ROSTER_HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Every sheet's rows as text cells, from a downloaded file. */
export async function readXlsx(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[][] = [];
  wb.worksheets[0].eachRow((row) => {
    out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
}

/** Chooses `buffer` as the roster in the page's upload button. */
export async function chooseRoster(page: Page, buffer: Buffer): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({
    name: '名册.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
}
