import {
  ORG_IMPORT_COLUMNS,
  ORG_IMPORT_MAX_ROWS,
  ORG_IMPORT_NAME_MAX,
  type OrgImportColumn,
  type OrgImportError,
} from '@sbd/contracts';
import { cellText, firstSheet, looksLikeXlsx, newWorkbook, readHeader, toBuffer } from '../platform/xlsx/xlsx';

export const ORG_IMPORT_NOT_XLSX = '只支持 .xlsx 格式的 Excel 文件，请下载组织导入模板填写后上传';
export const ORG_IMPORT_UNREADABLE = '文件无法读取，请确认是 .xlsx 格式的组织导入模板';
export const ORG_IMPORT_EMPTY = '文件中没有数据，请从模板第2行起每行填写一个街道、社区、网格或单位';
export const ORG_IMPORT_TOO_LARGE = '组织导入文件不能超过5MB';
export const ORG_IMPORT_NO_FILE = '请选择要上传的组织导入文件（.xlsx）';

/** One data row as written: names trimmed, '' where the cell is empty. */
export interface OrgImportLine {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  street: string;
  community: string;
  grid: string;
  unit: string;
}

export interface ParsedOrgImport {
  lines: OrgImportLine[];
  /** Problems found in the file alone (the tree is not consulted yet). */
  errors: OrgImportError[];
  /** The file as a whole is unusable (wrong header, empty, too many rows). */
  fatal: boolean;
}

const chars = (s: string) => Array.from(s).length;

/** The identity of a row inside the file: two rows with the same one are duplicates. */
export const lineKey = (l: OrgImportLine): string =>
  l.unit ? `unit\u0000${l.unit}` : `area\u0000${l.street}\u0000${l.community}\u0000${l.grid}`;

/**
 * Reads an uploaded import file: the header must be exactly the template's columns (any order);
 * blank rows are skipped. Checks what the file alone can tell: names present where a deeper level is
 * filled, lengths, units on rows of their own, and duplicate rows. The tree is checked later.
 */
export async function parseOrgImport(buffer: Buffer): Promise<ParsedOrgImport | { unreadable: string }> {
  if (!looksLikeXlsx(buffer)) return { unreadable: ORG_IMPORT_NOT_XLSX };
  const ws = await firstSheet(buffer);
  if (ws === 'unreadable') return { unreadable: ORG_IMPORT_UNREADABLE };
  const fatal = (e: OrgImportError): ParsedOrgImport => ({ lines: [], errors: [e], fatal: true });
  if (!ws || ws.actualRowCount === 0) return fatal({ row: 1, column: '', message: ORG_IMPORT_EMPTY });
  const { columnOf, problems } = readHeader(ws, ORG_IMPORT_COLUMNS, '组织导入');
  if (problems.length) return { lines: [], errors: problems.map((p) => ({ row: 1, ...p })), fatal: true };

  const lines: OrgImportLine[] = [];
  let tooMany = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1 || tooMany) return;
    const get = (c: OrgImportColumn) => cellText(row.getCell(columnOf.get(c) as number).value);
    const line = {
      row: rowNumber,
      street: get('街道'),
      community: get('社区'),
      grid: get('网格'),
      unit: get('单位名称'),
    };
    if (!line.street && !line.community && !line.grid && !line.unit) return;
    if (lines.length >= ORG_IMPORT_MAX_ROWS) tooMany = true;
    else lines.push(line);
  });
  if (tooMany) {
    const message = `一次最多导入${ORG_IMPORT_MAX_ROWS}行，本文件超过了这个数量，请分批上传`;
    return fatal({ row: 0, column: '', message });
  }
  if (!lines.length) return fatal({ row: 2, column: '', message: ORG_IMPORT_EMPTY });
  return { lines, errors: checkLines(lines), fatal: false };
}

/** The checks of each row on its own and of duplicates within the file, in row and column order. */
function checkLines(lines: OrgImportLine[]): OrgImportError[] {
  const errors: OrgImportError[] = [];
  const report = (row: number, column: OrgImportColumn | '', message: string) => errors.push({ row, column, message });
  for (const l of lines) {
    if (l.unit && (l.street || l.community || l.grid)) {
      report(l.row, '单位名称', '单位直属区/县，请把单位和街道、社区、网格分行填写');
    } else if (!l.unit) {
      if (!l.street) report(l.row, '街道', l.community ? '填写了社区，请同时填写所属街道' : '街道不能为空');
      if (l.grid && !l.community) report(l.row, '社区', '填写了网格，请同时填写所属社区');
    }
    for (const [column, value] of [
      ['街道', l.street],
      ['社区', l.community],
      ['网格', l.grid],
      ['单位名称', l.unit],
    ] as const) {
      if (chars(value) > ORG_IMPORT_NAME_MAX) report(l.row, column, `${column}名称不能超过${ORG_IMPORT_NAME_MAX}个字`);
    }
  }
  const firstRow = new Map<string, number>();
  const reported = new Set<number>();
  for (const l of lines) {
    const key = lineKey(l);
    const first = firstRow.get(key);
    if (first === undefined) {
      firstRow.set(key, l.row);
      continue;
    }
    report(l.row, '', `与第${first}行重复`);
    if (!reported.has(first)) {
      report(first, '', `与第${l.row}行重复`);
      reported.add(first);
    }
  }
  const order = new Map<string, number>(ORG_IMPORT_COLUMNS.map((c, i) => [c, i]));
  return errors.sort((a, b) => a.row - b.row || (order.get(a.column) ?? 9) - (order.get(b.column) ?? 9));
}

/** The template: the header row only, and a sheet of instructions naming the node imported into. */
export async function orgImportTemplate(nodeName: string): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet('组织');
  ws.columns = [
    { header: '街道', key: 'street', width: 20 },
    { header: '社区', key: 'community', width: 20 },
    { header: '网格', key: 'grid', width: 16 },
    { header: '单位名称', key: 'unit', width: 36 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: `${nodeName}组织导入填写说明`, key: 'text', width: 96 }];
  help.getRow(1).font = { bold: true };
  for (const text of [
    '1. 在“组织”工作表第2行起，每行填写一个街道、社区、网格或单位；不要修改、增加或删除表头。',
    '2. 街道：只填“街道”；社区：填“街道”和“社区”；网格：填“街道”“社区”和“网格”。上级不存在时会一并新建。',
    '3. 单位：只填“单位名称”（单位直属区/县），不要与街道、社区、网格写在同一行。',
    `4. 名称不超过${ORG_IMPORT_NAME_MAX}个字；同一文件中不能有重复的行。一次最多${ORG_IMPORT_MAX_ROWS}行，文件不超过5MB，只支持 .xlsx 格式。`,
    '5. 已存在的组织（同一上级下同名）不会重复新建，结果中显示为“已存在”；同一文件可以放心重复导入。',
    '6. 上传后逐行检查；有任何错误时不导入任何组织，请按提示修改后重新上传。',
  ]) {
    help.addRow({ text });
  }
  return toBuffer(wb);
}
