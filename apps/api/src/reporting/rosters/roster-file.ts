import {
  ROSTER_BRANCH_MAX,
  ROSTER_COLUMNS,
  ROSTER_MAX_ROWS,
  ROSTER_NAME_MAX,
  ROSTER_OPTIONAL_COLUMNS,
  ROSTER_POSITION_MAX,
  type RosterColumn,
  type RosterOptionalColumn,
  type RosterRowError,
} from '@sbd/contracts';
import { isCnIdNumber, isCnMobile } from '@sbd/domain';
import ExcelJS from 'exceljs';
import { cellText, firstSheet, looksLikeXlsx, readHeader } from '../../platform/xlsx/xlsx';

export const ROSTER_NOT_XLSX = '只支持 .xlsx 格式的 Excel 文件，请下载名册模板填写后上传';
export const ROSTER_UNREADABLE = '文件无法读取，请确认是 .xlsx 格式的名册模板';
export const ROSTER_EMPTY = '名册中没有数据，请从模板第2行起每行填写一名党员';
export const ROSTER_TOO_LARGE = '名册文件不能超过5MB';
export const ROSTER_NO_FILE = '请选择要上传的名册文件（.xlsx）';

export interface RosterRow {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  name: string;
  phone: string;
  /** Optional 身份证号, upper-cased. */
  idNumber: string | null;
  partyBranch: string | null;
  position: string | null;
}

export interface ParsedRoster {
  /** Data rows in the file (blank rows not counted). */
  total: number;
  /** Rows without any error, in file order. */
  valid: RosterRow[];
  errors: RosterRowError[];
  /** The file as a whole is unusable (wrong header, empty, too many rows): nothing can be imported. */
  fatal: boolean;
}

const chars = (s: string) => Array.from(s).length;
/** Not a type guard: a refused phone stays a string. */
const validMobile = (s: string): boolean => isCnMobile(s);

/**
 * Reads and checks an uploaded roster: the header must be exactly the template's columns (in any
 * order); each data row needs a name (≤ 50 characters) and a valid mainland mobile number, unique
 * within the file; 党支部 and 职务 are optional. Every problem is reported with its row and column.
 */
export async function parseRoster(buffer: Buffer): Promise<ParsedRoster | { unreadable: string }> {
  if (!looksLikeXlsx(buffer)) return { unreadable: ROSTER_NOT_XLSX };
  const ws = await firstSheet(buffer);
  if (ws === 'unreadable') return { unreadable: ROSTER_UNREADABLE };
  const errors: RosterRowError[] = [];
  const fatal = (e: RosterRowError): ParsedRoster => ({ total: 0, valid: [], errors: [e], fatal: true });
  if (!ws || ws.actualRowCount === 0) return fatal({ row: 1, column: '', message: ROSTER_EMPTY });

  // Header: row 1, every template column exactly once, the optional ones at most once, nothing else.
  const { columnOf, problems } = readHeader<RosterColumn | RosterOptionalColumn>(
    ws,
    ROSTER_COLUMNS,
    '名册',
    ROSTER_OPTIONAL_COLUMNS,
  );
  for (const problem of problems) errors.push({ row: 1, ...problem });
  if (errors.length) return { total: 0, valid: [], errors, fatal: true };

  const rows: RosterRow[] = [];
  let tooMany = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1 || tooMany) return;
    const get = (c: RosterColumn | RosterOptionalColumn) => {
      const col = columnOf.get(c);
      return col === undefined ? '' : cellText(row.getCell(col).value);
    };
    const values = { name: get('姓名'), phone: get('手机号'), branch: get('党支部'), position: get('职务') };
    const idNumber = get('身份证号').replace(/\s/g, '').toUpperCase();
    if (!values.name && !values.phone && !values.branch && !values.position && !idNumber) return;
    if (rows.length >= ROSTER_MAX_ROWS) {
      tooMany = true;
      return;
    }
    rows.push({
      row: rowNumber,
      name: values.name,
      phone: values.phone.replace(/[\s-]/g, ''),
      idNumber: idNumber || null,
      partyBranch: values.branch || null,
      position: values.position || null,
    });
  });
  if (tooMany) {
    return fatal({
      row: 0,
      column: '',
      message: `名册最多${ROSTER_MAX_ROWS}行，本文件超过了这个数量，请分批整理后上传`,
    });
  }
  if (!rows.length) return fatal({ row: 2, column: '', message: ROSTER_EMPTY });

  const bad = new Set<number>();
  const report = (row: number, column: RosterColumn | RosterOptionalColumn, message: string) => {
    errors.push({ row, column, message });
    bad.add(row);
  };
  const firstRowOfPhone = new Map<string, number>();
  const reportedDuplicate = new Set<number>();
  for (const r of rows) {
    if (!r.name) report(r.row, '姓名', '姓名不能为空');
    else if (chars(r.name) > ROSTER_NAME_MAX) report(r.row, '姓名', `姓名不能超过${ROSTER_NAME_MAX}个字符`);
    if (!r.phone) report(r.row, '手机号', '手机号不能为空');
    else if (!validMobile(r.phone)) report(r.row, '手机号', `手机号「${r.phone.slice(0, 20)}」不是有效的11位手机号`);
    else {
      const first = firstRowOfPhone.get(r.phone);
      if (first === undefined) firstRowOfPhone.set(r.phone, r.row);
      else {
        report(r.row, '手机号', `手机号与第${first}行重复`);
        if (!reportedDuplicate.has(first)) {
          report(first, '手机号', `手机号与第${r.row}行重复`);
          reportedDuplicate.add(first);
        }
      }
    }
    if (r.idNumber && !isCnIdNumber(r.idNumber)) report(r.row, '身份证号', '身份证号不是有效的18位身份证号码');
    if (r.partyBranch && chars(r.partyBranch) > ROSTER_BRANCH_MAX)
      report(r.row, '党支部', `党支部不能超过${ROSTER_BRANCH_MAX}个字符`);
    if (r.position && chars(r.position) > ROSTER_POSITION_MAX)
      report(r.row, '职务', `职务不能超过${ROSTER_POSITION_MAX}个字符`);
  }
  const order = new Map<string, number>([...ROSTER_COLUMNS, ...ROSTER_OPTIONAL_COLUMNS].map((c, i) => [c, i]));
  errors.sort((a, b) => a.row - b.row || (order.get(a.column) ?? 9) - (order.get(b.column) ?? 9));
  return { total: rows.length, valid: rows.filter((r) => !bad.has(r.row)), errors, fatal: false };
}

/** The template: the header row only (phones formatted as text), and a sheet of instructions. */
export async function rosterTemplate(unitName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '双报到';
  const ws = wb.addWorksheet('名册');
  ws.columns = [
    { header: '姓名', key: 'name', width: 14 },
    { header: '手机号', key: 'phone', width: 16, style: { numFmt: '@' } },
    { header: '党支部', key: 'branch', width: 30 },
    { header: '职务', key: 'position', width: 16 },
    { header: '身份证号', key: 'idNumber', width: 22, style: { numFmt: '@' } },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: `${unitName}党员名册填写说明`, key: 'text', width: 90 }];
  help.getRow(1).font = { bold: true };
  for (const line of [
    '1. 在“名册”工作表第2行起，每行填写一名党员；不要修改、增加或删除表头。',
    `2. 姓名、手机号必填；姓名不超过${ROSTER_NAME_MAX}个字，手机号为11位大陆手机号，同一名册中不能重复。`,
    `3. 党支部（不超过${ROSTER_BRANCH_MAX}个字）、职务（不超过${ROSTER_POSITION_MAX}个字）、身份证号（18位）选填；身份证号列可以删除。`,
    `4. 一次最多${ROSTER_MAX_ROWS}行，文件不超过5MB，只支持 .xlsx 格式。`,
    '5. 上传后会逐行检查；有错误时不导入任何数据，可按提示修改后重新上传，或确认只导入无误的行。',
    '6. 每次上传会替换本单位之前的名册。名册按“手机号+姓名”与党员的报到记录比对，比对成功即视为单位已确认。',
    '7. 手机号或身份证号相同、姓名只差同音字或繁简异体字（如“丽/麗”）的，列为“待核对”，由单位确认后才计入报到率。',
  ]) {
    help.addRow({ text: line });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
