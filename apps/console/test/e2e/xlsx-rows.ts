// exceljs is the API's Excel package (hoisted in the workspace): the specs read exports with it.
interface Worksheet {
  getRow(n: number): { values: unknown[] };
  rowCount: number;
}
const ExcelJS = require('exceljs') as {
  Workbook: new () => { xlsx: { readFile(path: string): Promise<unknown> }; worksheets: Worksheet[] };
};

const cellText = (v: unknown): string =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);

/**
 * The rows of an exported workbook's first sheet as header → cell text; the header row is the
 * first row that has `firstHeader` in it (a title row may come before it).
 */
export async function sheetRows(file: string, firstHeader: string): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  let at = 1;
  while (at <= ws.rowCount && !ws.getRow(at).values.map(cellText).includes(firstHeader)) at++;
  const header = ws.getRow(at).values.map(cellText);
  const out: Record<string, string>[] = [];
  for (let i = at + 1; i <= ws.rowCount; i++) {
    const values = ws.getRow(i).values;
    out.push(Object.fromEntries(header.map((h, j) => [h, cellText(values[j])]).filter(([h]) => h)));
  }
  return out;
}
