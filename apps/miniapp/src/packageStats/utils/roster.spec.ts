import type { RosterImportReport } from '@sbd/contracts';
import { canImportValidOnly, invalidRows, reportOf, rosterErrorText, rosterSummary, sortRosterErrors } from './roster';

const refused: RosterImportReport = {
  imported: 0,
  total: 5,
  valid: 3,
  matched: 0,
  review: 0,
  reviews: [],
  errors: [
    { row: 4, column: '手机号', message: '手机号格式不正确' },
    { row: 3, column: '手机号', message: '手机号与第2行重复' },
    { row: 3, column: '姓名', message: '请填写姓名' },
  ],
};

describe('roster upload report', () => {
  it('says where each problem is: row and column, the whole row, or the file', () => {
    expect(rosterErrorText({ row: 3, column: '手机号', message: '手机号格式不正确' })).toBe(
      '第3行「手机号」：手机号格式不正确',
    );
    expect(rosterErrorText({ row: 7, column: '', message: '整行为空' })).toBe('第7行：整行为空');
    expect(rosterErrorText({ row: 0, column: '', message: '表头应为：姓名、手机号、党支部、职务' })).toBe(
      '文件：表头应为：姓名、手机号、党支部、职务',
    );
  });

  it('lists file problems first, then by row, then in the template’s column order', () => {
    const sorted = sortRosterErrors([
      ...refused.errors,
      { row: 0, column: '', message: '文件太大' },
      { row: 3, column: '', message: '整行' },
    ]);
    expect(sorted.map(rosterErrorText)).toEqual([
      '文件：文件太大',
      '第3行：整行',
      '第3行「姓名」：请填写姓名',
      '第3行「手机号」：手机号与第2行重复',
      '第4行「手机号」：手机号格式不正确',
    ]);
  });

  it('sums up what happened', () => {
    expect(rosterSummary(refused)).toBe('名册共5行：有效3行，有错误的2行（共3处错误）');
    expect(
      rosterSummary({ imported: 3, total: 5, valid: 3, matched: 1, review: 0, reviews: [], errors: refused.errors }),
    ).toBe('已导入3人，名册共5行，跳过有错误的2行，其中1人已在社区报到');
    expect(rosterSummary({ imported: 8, total: 8, valid: 8, matched: 6, review: 2, reviews: [], errors: [] })).toBe(
      '已导入8人，名册共8行，其中6人已在社区报到，2人待核对（姓名或证件不完全一致，请在管理后台确认）',
    );
    expect(
      rosterSummary({
        imported: 0,
        total: 0,
        valid: 0,
        matched: 0,
        review: 0,
        reviews: [],
        errors: [{ row: 0, column: '', message: '无法解析' }],
      }),
    ).toBe('名册无法读取，未导入任何数据');
    expect(invalidRows(refused)).toBe(2);
  });

  it('offers "只导入有效行" only when some rows are valid and nothing was imported', () => {
    expect(canImportValidOnly(refused)).toBe(true);
    expect(canImportValidOnly({ ...refused, valid: 0 })).toBe(false);
    expect(canImportValidOnly({ ...refused, imported: 3 })).toBe(false);
    expect(canImportValidOnly({ ...refused, errors: [] })).toBe(false);
  });

  it('reads the report out of a refusal body or a success body, and nothing else', () => {
    expect(
      reportOf({ code: 'VALIDATION_FAILED', message: '名册有3处错误，未导入任何数据', details: [], report: refused }),
    ).toEqual(refused);
    expect(reportOf({ imported: 8, total: 8, valid: 8, matched: 6, errors: [] })).toEqual({
      imported: 8,
      total: 8,
      valid: 8,
      matched: 6,
      review: 0,
      reviews: [],
      errors: [],
    });
    expect(reportOf({ code: 'FORBIDDEN', message: '无权' })).toBeNull();
    expect(reportOf(null)).toBeNull();
    expect(reportOf('oops')).toBeNull();
  });
});
