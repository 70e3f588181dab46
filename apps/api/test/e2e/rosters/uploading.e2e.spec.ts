/**
 * The roster template, and uploading a roster: matching by phone and name, wrong columns, duplicates and bad rows,
 * broken files, size and row limits, all-or-nothing imports, and who may upload.
 */
import { ErrorCode, type RosterImportReport } from '@sbd/contracts';
import ExcelJS from 'exceljs';
import { nextPhone } from '../../support/factories';
import { binaryParser } from '../../support/test-app';
import { createRosterWorld, Cell, xlsx, HEADER, type RosterWorld } from './roster-world';

describe('should let a unit admin upload its 党员名册 and match it to registered members', () => {
  let t: RosterWorld['t'];
  let city: RosterWorld['city'];
  let unitAdmin: RosterWorld['unitAdmin'];
  let unitAdminB: RosterWorld['unitAdminB'];
  let districtAdmin: RosterWorld['districtAdmin'];
  let streetAdmin: RosterWorld['streetAdmin'];
  let communityAdmin: RosterWorld['communityAdmin'];
  let members: RosterWorld['members'];
  let pending: RosterWorld['pending'];
  let upload: RosterWorld['upload'];
  let rosterOf: RosterWorld['rosterOf'];
  let confirmed: RosterWorld['confirmed'];
  let nameOf: RosterWorld['nameOf'];

  beforeAll(async () => {
    ({
      t,
      city,
      unitAdmin,
      unitAdminB,
      districtAdmin,
      streetAdmin,
      communityAdmin,
      members,
      pending,
      upload,
      rosterOf,
      confirmed,
      nameOf,
    } = await createRosterWorld());
  });
  afterAll(() => t.close());

  describe('the template', () => {
    it('has exactly the four Chinese columns, for the unit’s readers only', async () => {
      const res = await t
        .http()
        .get(`/api/units/${city.unitA}/roster/template.xlsx`)
        .set(unitAdmin.auth)
        .buffer(true)
        .parse(binaryParser)
        .expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, '姓名', '手机号', '党支部', '职务', '身份证号']);
      expect(wb.worksheets[0].actualRowCount).toBe(1);
      await t.http().get(`/api/units/${city.unitA}/roster/template.xlsx`).set(districtAdmin.auth).expect(200);
      await t.http().get(`/api/units/${city.unitA}/roster/template.xlsx`).set(unitAdminB.auth).expect(403);
      await t.http().get(`/api/units/${city.a.id}/roster/template.xlsx`).set(districtAdmin.auth).expect(400);
    });
  });

  describe('uploading', () => {
    it('imports a clean roster, matches registered members by phone and name, and marks them unit-confirmed', async () => {
      const file = await xlsx(HEADER, [
        [nameOf(1), members[0].phone, '机关第一党支部', '科长'],
        [nameOf(2), Number(members[1].phone), '机关第一党支部', null],
        // Right phone, wrong name: no match.
        ['别人', members[2].phone, null, null],
        [nameOf(5), pending.phone, '机关第二党支部', '科员'],
        [],
        ['未报到的人', nextPhone(), '机关第二党支部', '科员'],
      ]);
      const res = await upload(file).expect(200);
      expect(res.body).toEqual({
        imported: 5,
        total: 5,
        valid: 5,
        errors: [],
        matched: 3,
        review: 0,
        reviews: [],
      } satisfies RosterImportReport);
      expect(await confirmed(members[0])).toBe(true);
      expect(await confirmed(members[1])).toBe(true);
      expect(await confirmed(members[2])).toBe(false);
      expect(await confirmed(pending)).toBe(true);
      const roster = await rosterOf();
      expect(roster.map((e) => [e.rowNo, e.name, e.registrationStatus])).toEqual([
        [2, nameOf(1), 'approved'],
        [3, nameOf(2), 'approved'],
        [4, '别人', null],
        [5, nameOf(5), 'pending'],
        [7, '未报到的人', null],
      ]);
      expect(roster[0].phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(roster[0]).toMatchObject({ partyBranch: '机关第一党支部', position: '科长' });
      // Phones are stored encrypted, with the keyed hash for matching.
      const [row] = await t.ds.query(
        'SELECT phone_enc, phone_hash FROM unit_roster_entries WHERE unit_id = ? ORDER BY id LIMIT 1',
        [city.unitA],
      );
      expect(row.phone_enc).toMatch(/^v1:/);
      expect(row.phone_enc).not.toContain(members[0].phone);
    });

    it('refuses wrong columns on row 1 and writes nothing', async () => {
      const before = await t.counts();
      const res = await upload(await xlsx(['姓名', '电话', '支部'], [[nameOf(1), members[0].phone, 'x']])).expect(400);
      expect(res.body.code).toBe(ErrorCode.ValidationFailed);
      expect(res.body.message).toBe('名册有5处错误，未导入任何数据');
      expect(res.body.report.errors).toEqual([
        { row: 1, column: '电话', message: '不认识的列「电话」，名册只能包含：姓名、手机号、党支部、职务、身份证号' },
        { row: 1, column: '支部', message: '不认识的列「支部」，名册只能包含：姓名、手机号、党支部、职务、身份证号' },
        { row: 1, column: '手机号', message: '缺少「手机号」列，请使用名册模板' },
        { row: 1, column: '党支部', message: '缺少「党支部」列，请使用名册模板' },
        { row: 1, column: '职务', message: '缺少「职务」列，请使用名册模板' },
      ]);
      expect(res.body.details[0]).toEqual({
        field: '第1行「电话」',
        message: '不认识的列「电话」，名册只能包含：姓名、手机号、党支部、职务、身份证号',
      });
      // Even when asked to import the valid rows: a broken header has none.
      await upload(await xlsx(['姓名', '电话', '支部'], [[nameOf(1), members[0].phone, 'x']]), {
        confirm: true,
      }).expect(400);
      expect(await t.counts()).toEqual(before);
      expect(await rosterOf()).toHaveLength(5);
    });

    it('accepts the columns in any order', async () => {
      const res = await upload(
        await xlsx(['职务', '党支部', '手机号', '姓名'], [['科长', '一支部', members[0].phone, nameOf(1)]]),
        { unitId: city.unitB, as: unitAdminB },
      ).expect(200);
      expect(res.body).toMatchObject({ imported: 1, matched: 1 });
      const [e] = await rosterOf(city.unitB, unitAdminB);
      expect(e).toMatchObject({ name: nameOf(1), partyBranch: '一支部', position: '科长' });
    });

    it('reports duplicate phones on both rows, bad phones and missing names; imports nothing unless confirmed', async () => {
      const dup = nextPhone();
      const good = nextPhone();
      const rows: Cell[][] = [
        ['甲', dup, null, null],
        ['乙', '12345', null, null],
        ['丙', good, null, null],
        [null, nextPhone(), '支部', null],
        ['丁', dup, null, null],
        ['戊', '1381234567a', null, null],
        ['名'.repeat(51), nextPhone(), null, null],
        ['己', nextPhone(), '支'.repeat(101), '职'.repeat(51)],
      ];
      const before = await t.counts();
      const res = await upload(await xlsx(HEADER, rows)).expect(400);
      expect(res.body.report).toMatchObject({ imported: 0, total: 8, valid: 1, matched: 0 });
      expect(res.body.report.errors).toEqual([
        { row: 2, column: '手机号', message: '手机号与第6行重复' },
        { row: 3, column: '手机号', message: '手机号「12345」不是有效的11位手机号' },
        { row: 5, column: '姓名', message: '姓名不能为空' },
        { row: 6, column: '手机号', message: '手机号与第2行重复' },
        { row: 7, column: '手机号', message: '手机号「1381234567a」不是有效的11位手机号' },
        { row: 8, column: '姓名', message: '姓名不能超过50个字符' },
        { row: 9, column: '党支部', message: '党支部不能超过100个字符' },
        { row: 9, column: '职务', message: '职务不能超过50个字符' },
      ]);
      expect(res.body.message).toBe('名册有8处错误，未导入任何数据');
      expect(await t.counts()).toEqual(before);

      // Confirmed: only the valid row is imported (replacing the roster); the report still lists every error.
      const ok = await upload(await xlsx(HEADER, rows), { confirm: true }).expect(200);
      expect(ok.body).toMatchObject({ imported: 1, total: 8, valid: 1, matched: 0 });
      expect(ok.body.errors).toHaveLength(8);
      expect((await rosterOf()).map((e) => e.name)).toEqual(['丙']);
      // The members the previous roster confirmed and this one does not list lose the confirmation.
      expect(await confirmed(members[1])).toBe(false);
      // members[0] is still on unit B's roster.
      expect(await confirmed(members[0])).toBe(true);
    });

    it('answers an empty upload, a header-only sheet, an empty workbook, a non-xlsx and a broken zip clearly', async () => {
      const before = await t.counts();
      const cases: [Buffer, string, number][] = [
        [Buffer.alloc(0), '请选择要上传的名册文件（.xlsx）', 0],
        [await xlsx(HEADER, []), '名册中没有数据，请从模板第2行起每行填写一名党员', 2],
        [await xlsx([], []), '名册中没有数据，请从模板第2行起每行填写一名党员', 1],
        [Buffer.from('姓名,手机号\n张三,13800000000\n'), '只支持 .xlsx 格式的 Excel 文件，请下载名册模板填写后上传', 0],
        [
          Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]),
          '文件无法读取，请确认是 .xlsx 格式的名册模板',
          0,
        ],
      ];
      for (const [file, message, row] of cases) {
        const res = await upload(file).expect(400);
        expect(res.body.report.errors).toEqual([{ row, column: '', message }]);
        expect(res.body.report.imported).toBe(0);
      }
      const missing = await t.http().post(`/api/units/${city.unitA}/roster`).set(unitAdmin.auth).expect(400);
      expect(missing.body.message).toBe('请选择要上传的名册文件（.xlsx）');
      expect(await t.counts()).toEqual(before);
    });

    it('refuses a file over 5 MB in Chinese', async () => {
      const res = await upload(
        Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(5 * 1024 * 1024, 1)]),
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: ErrorCode.ValidationFailed, message: '名册文件不能超过5MB' });
    });

    it('imports 10,000 rows in one go, refuses them all for one bad row, and never half-imports', async () => {
      const rows: Cell[][] = Array.from({ length: 10_000 }, (_, i) => [
        `党员${i}`,
        `137${String(i).padStart(8, '0')}`,
        `第${(i % 20) + 1}党支部`,
        i % 7 ? '党员' : '支部书记',
      ]);
      // The real members are on it too.
      rows[42] = [nameOf(1), members[0].phone, '机关第一党支部', '科长'];
      rows[4242] = [nameOf(3), members[2].phone, '机关第一党支部', null];
      const started = Date.now();
      const res = await upload(await xlsx(HEADER, rows)).expect(200);
      expect(res.body).toMatchObject({ imported: 10_000, total: 10_000, valid: 10_000, errors: [], matched: 2 });
      expect(Date.now() - started).toBeLessThan(30_000);
      const [count] = await t.ds.query('SELECT COUNT(*) AS n FROM unit_roster_entries WHERE unit_id = ?', [city.unitA]);
      expect(Number(count.n)).toBe(10_000);
      expect(await confirmed(members[2])).toBe(true);

      const broken = rows.map((r) => [...r]);
      broken[9_998] = ['坏行', '1234', null, null];
      const before = await t.counts();
      const bad = await upload(await xlsx(HEADER, broken)).expect(400);
      expect(bad.body.report).toMatchObject({
        total: 10_000,
        valid: 9_999,
        imported: 0,
        errors: [{ row: 10_000, column: '手机号', message: '手机号「1234」不是有效的11位手机号' }],
      });
      expect(await t.counts()).toEqual(before);
    });

    it('refuses more than 20,000 rows', async () => {
      const rows: Cell[][] = Array.from({ length: 20_001 }, (_, i) => [
        `党员${i}`,
        `136${String(i).padStart(8, '0')}`,
        null,
        null,
      ]);
      const res = await upload(await xlsx(HEADER, rows)).expect(400);
      expect(res.body.report.errors).toEqual([
        { row: 0, column: '', message: '名册最多20000行，本文件超过了这个数量，请分批整理后上传' },
      ]);
    });

    it('lets only the unit’s own admin upload', async () => {
      const file = await xlsx(HEADER, [['甲', nextPhone(), null, null]]);
      await upload(file, { as: unitAdminB }).expect(403);
      await upload(file, { as: districtAdmin }).expect(403);
      await upload(file, { as: communityAdmin }).expect(403);
      await t.http().get(`/api/units/${city.unitA}/roster`).set(streetAdmin.auth).expect(403);
      await t.http().get(`/api/units/${city.unitA}/roster`).set(districtAdmin.auth).expect(200);
    });
  });
});
