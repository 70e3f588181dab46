import {
  ErrorCode,
  MemberFlag,
  ROSTER_COLUMNS,
  Role,
  type AnnualReportDto,
  type MemberRecordDto,
  type MemberRecordsPage,
  type RosterEntryDto,
  type RosterImportReport,
} from '@sbd/contracts';
import ExcelJS from 'exceljs';
import { toDbDate } from '../../src/platform/database/sql';
import { RegistrationEntity } from '../../src/identity/registration/entities/registration.entity';
import { buildCity, aTask, createApprovedMembers, createUser, nextPhone, type City, type TestUser } from '../support/factories';
import { binaryParser, createTestApp, type TestApp } from '../support/test-app';

type Cell = string | number | null;

/** An .xlsx roster: `header` then `rows`, on the first sheet. */
async function xlsx(header: Cell[], rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  if (header.length) ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const HEADER = [...ROSTER_COLUMNS];
const hoursAgo = (h: number) => toDbDate(new Date(Date.now() - h * 3_600_000));

describe('单位党员名册 and the unit’s member records (报回单位)', () => {
  let t: TestApp;
  let city: City;
  let unitAdmin: TestUser;
  let unitAdminB: TestUser;
  let districtAdmin: TestUser;
  let streetAdmin: TestUser;
  let communityAdmin: TestUser;
  /** Approved members of unit A (community A) and one pending registration naming unit A. */
  let members: TestUser[];
  let pending: TestUser;

  const upload = (file: Buffer, opts: { unitId?: number; as?: TestUser; confirm?: boolean; filename?: string } = {}) =>
    t
      .http()
      .post(`/api/units/${opts.unitId ?? city.unitA}/roster${opts.confirm ? '?confirmValidOnly=true' : ''}`)
      .set((opts.as ?? unitAdmin).auth)
      .attach('file', file, { filename: opts.filename ?? 'roster.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const rosterOf = async (unitId = city.unitA, as = unitAdmin): Promise<RosterEntryDto[]> => {
    const out: RosterEntryDto[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: RosterEntryDto[]; nextCursor: string | null } } = await t.http().get(`/api/units/${unitId}/roster?limit=200${cursor ? `&cursor=${cursor}` : ''}`).set(as.auth).expect(200);
      out.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return out;
  };
  const confirmed = async (u: TestUser) => !!(await t.ds.getRepository(RegistrationEntity).findOneByOrFail({ userId: u.id })).unitConfirmed;
  const nameOf = (i: number) => `成员${i}`;

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
    unitAdmin = await createUser(t, { roles: [{ role: Role.UnitAdmin, scopeNodeId: city.unitA }] });
    unitAdminB = await createUser(t, { roles: [{ role: Role.UnitAdmin, scopeNodeId: city.unitB }] });
    districtAdmin = await createUser(t, { roles: [{ role: Role.DistrictAdmin, scopeNodeId: city.districtId }] });
    streetAdmin = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetA }] });
    communityAdmin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    members = await createApprovedMembers(t, city.a, 4, { unitId: city.unitA });
    [pending] = await createApprovedMembers(t, city.a, 1, { unitId: city.unitA });
    for (const [i, u] of [...members, pending].entries()) {
      await t.ds.query('UPDATE registrations SET name = ? WHERE user_id = ?', [nameOf(i + 1), u.id]);
    }
    await t.ds.query("UPDATE registrations SET status = 'pending', approved_at = NULL WHERE user_id = ?", [pending.id]);
  });
  afterAll(() => t.close());

  describe('the template', () => {
    it('has exactly the four Chinese columns, for the unit’s readers only', async () => {
      const res = await t.http().get(`/api/units/${city.unitA}/roster/template.xlsx`).set(unitAdmin.auth).buffer(true).parse(binaryParser).expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, '姓名', '手机号', '党支部', '职务']);
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
      expect(res.body).toEqual({ imported: 5, total: 5, valid: 5, errors: [], matched: 3 } satisfies RosterImportReport);
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
      const [row] = await t.ds.query('SELECT phone_enc, phone_hash FROM unit_roster_entries WHERE unit_id = ? ORDER BY id LIMIT 1', [city.unitA]);
      expect(row.phone_enc).toMatch(/^v1:/);
      expect(row.phone_enc).not.toContain(members[0].phone);
    });

    it('refuses wrong columns on row 1 and writes nothing', async () => {
      const before = await t.counts();
      const res = await upload(await xlsx(['姓名', '电话', '支部'], [[nameOf(1), members[0].phone, 'x']])).expect(400);
      expect(res.body.code).toBe(ErrorCode.ValidationFailed);
      expect(res.body.message).toBe('名册有5处错误，未导入任何数据');
      expect(res.body.report.errors).toEqual([
        { row: 1, column: '电话', message: '不认识的列「电话」，名册只能包含：姓名、手机号、党支部、职务' },
        { row: 1, column: '支部', message: '不认识的列「支部」，名册只能包含：姓名、手机号、党支部、职务' },
        { row: 1, column: '手机号', message: '缺少「手机号」列，请使用名册模板' },
        { row: 1, column: '党支部', message: '缺少「党支部」列，请使用名册模板' },
        { row: 1, column: '职务', message: '缺少「职务」列，请使用名册模板' },
      ]);
      expect(res.body.details[0]).toEqual({ field: '第1行「电话」', message: '不认识的列「电话」，名册只能包含：姓名、手机号、党支部、职务' });
      // Even when asked to import the valid rows: a broken header has none.
      await upload(await xlsx(['姓名', '电话', '支部'], [[nameOf(1), members[0].phone, 'x']]), { confirm: true }).expect(400);
      expect(await t.counts()).toEqual(before);
      expect(await rosterOf()).toHaveLength(5);
    });

    it('accepts the columns in any order', async () => {
      const res = await upload(await xlsx(['职务', '党支部', '手机号', '姓名'], [['科长', '一支部', members[0].phone, nameOf(1)]]), { unitId: city.unitB, as: unitAdminB }).expect(200);
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
        [Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]), '文件无法读取，请确认是 .xlsx 格式的名册模板', 0],
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
      const res = await upload(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(5 * 1024 * 1024, 1)]));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: ErrorCode.ValidationFailed, message: '名册文件不能超过5MB' });
    });

    it('imports 10,000 rows in one go, refuses them all for one bad row, and never half-imports', async () => {
      const rows: Cell[][] = Array.from({ length: 10_000 }, (_, i) => [`党员${i}`, `137${String(i).padStart(8, '0')}`, `第${(i % 20) + 1}党支部`, i % 7 ? '党员' : '支部书记']);
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
      expect(bad.body.report).toMatchObject({ total: 10_000, valid: 9_999, imported: 0, errors: [{ row: 10_000, column: '手机号', message: '手机号「1234」不是有效的11位手机号' }] });
      expect(await t.counts()).toEqual(before);
    });

    it('refuses more than 20,000 rows', async () => {
      const rows: Cell[][] = Array.from({ length: 20_001 }, (_, i) => [`党员${i}`, `136${String(i).padStart(8, '0')}`, null, null]);
      const res = await upload(await xlsx(HEADER, rows)).expect(400);
      expect(res.body.report.errors).toEqual([{ row: 0, column: '', message: '名册最多20000行，本文件超过了这个数量，请分批整理后上传' }]);
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

  describe('member records, flags and honours', () => {
    let records: MemberRecordDto[];
    const year = 2025;
    const cst = (s: string) => toDbDate(new Date(Date.parse(`${s.replace(' ', 'T')}:00Z`) - 8 * 3_600_000));

    beforeAll(async () => {
      // Roster: members 1–3, the pending member 5, someone never registered; member 4 registered naming the unit only.
      const never = nextPhone();
      await upload(
        await xlsx(HEADER, [
          [nameOf(1), members[0].phone, '一支部', '科长'],
          [nameOf(2), members[1].phone, '一支部', null],
          [nameOf(3), members[2].phone, '二支部', null],
          [nameOf(5), pending.phone, '二支部', null],
          ['从未报到', never, '二支部', null],
        ]),
      ).expect(200);
      await t.ds.query('UPDATE registrations SET approved_at = ? WHERE work_unit_id = ?', [cst('2025-01-01 09:00'), city.unitA]);
      const tasks: number[] = [];
      for (let i = 0; i < 7; i++) {
        tasks.push((await t.http().post('/api/tasks').set(communityAdmin.auth).send(aTask(city.a, { capacity: 50, title: `服务${i}` })).expect(201)).body.id);
      }
      let k = 0;
      const claim = async (u: TestUser, status: string, at: string, half: number, score?: number) => {
        const taskId = tasks[k++ % tasks.length];
        const [reg] = await t.ds.query('SELECT id FROM registrations WHERE user_id = ?', [u.id]);
        await t.ds.query(
          `INSERT INTO claims (task_id, member_user_id, registration_id, claimed_by_id, status, starts_at, ends_at, credit_half_hours, verified_at, claimed_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [taskId, u.id, reg.id, u.id, status, at, at, half, status === 'verified' ? at : null, at, at],
        );
        if (score !== undefined) {
          const [c] = await t.ds.query('SELECT id FROM claims WHERE task_id = ? AND member_user_id = ?', [taskId, u.id]);
          await t.ds.query(
            "INSERT INTO ratings (kind, task_id, claim_id, member_user_id, rater_user_id, score, resolved, created_at) VALUES ('community', ?, ?, ?, ?, ?, 1, ?)",
            [taskId, c.id, u.id, communityAdmin.id, score, at],
          );
        }
      };
      // Member 1: 21 h in 2025 with three ratings of 5, and a service ten days ago: recommended for honours.
      await claim(members[0], 'verified', cst('2025-03-01 10:00'), 20, 5);
      await claim(members[0], 'verified', cst('2025-04-01 10:00'), 20, 5);
      await claim(members[0], 'verified', cst('2025-05-01 10:00'), 2, 5);
      await claim(members[0], 'verified', hoursAgo(240), 2);
      // Member 2: recent service, one rating of 4 out of … only one: no flag, no honours (too few hours).
      await claim(members[1], 'verified', hoursAgo(240), 2, 4);
      // Member 3: two no-shows in 2025, never served.
      await claim(members[2], 'no_show', cst('2025-06-01 10:00'), 0);
      await claim(members[2], 'no_show', cst('2025-07-01 10:00'), 0);
      // Member 4: served last in 2025 (long ago), rated 2 and 5 and 1: 1 of 3 ≥ 4 → 33% < 70%.
      await claim(members[3], 'verified', cst('2025-08-01 10:00'), 2, 2);
      await claim(members[3], 'verified', cst('2025-08-02 10:00'), 2, 5);
      await claim(members[3], 'verified', cst('2025-08-03 10:00'), 2, 1);
      await t.ds.query(
        "INSERT INTO points_ledger (member_user_id, community_id, unit_id, delta, reason, created_at) VALUES (?, ?, ?, 30, 'service_verified', ?)",
        [members[0].id, city.a.id, city.unitA, cst('2025-03-01 12:00')],
      );
      await t.ds.query('INSERT INTO backfills (member_user_id, community_id, half_hours, reason, created_by_id, created_at) VALUES (?, ?, 3, ?, ?, ?)', [
        members[0].id,
        city.a.id,
        '线下服务补录',
        communityAdmin.id,
        cst('2025-02-01 10:00'),
      ]);
      const res = await t.http().get(`/api/units/${city.unitA}/member-records?year=${year}&limit=200`).set(unitAdmin.auth).expect(200);
      records = (res.body as MemberRecordsPage).items;
    });

    it('lists one row per roster entry, then the registrations naming the unit that are not on it', () => {
      expect(records.map((r) => [r.name, r.onRoster, r.registrationStatus])).toEqual([
        [nameOf(1), true, 'approved'],
        [nameOf(2), true, 'approved'],
        [nameOf(3), true, 'approved'],
        [nameOf(5), true, 'pending'],
        ['从未报到', true, null],
        [nameOf(4), false, 'approved'],
      ]);
      expect(records.every((r) => /^1\d{2}\*{4}\d{4}$/.test(r.phone))).toBe(true);
      expect(records[0]).toMatchObject({
        year,
        services: 3,
        verifiedHours: 21,
        backfilledHours: 1.5,
        ratings: 3,
        satisfiedRatings: 3,
        satisfaction: 1,
        points: 30,
        communityName: '甲社区',
        unitConfirmed: true,
        partyBranch: '一支部',
        position: '科长',
      });
    });

    it('flags: not registered, no service in 90 days, low satisfaction, negative list; honours for the rest', () => {
      const flags = Object.fromEntries(records.map((r) => [r.name, r.flags]));
      expect(flags).toEqual({
        [nameOf(1)]: [],
        [nameOf(2)]: [],
        [nameOf(3)]: [MemberFlag.NoServiceIn90Days, MemberFlag.NegativeList],
        [nameOf(5)]: [MemberFlag.NotRegistered],
        从未报到: [MemberFlag.NotRegistered],
        [nameOf(4)]: [MemberFlag.NoServiceIn90Days, MemberFlag.LowSatisfaction],
      });
      expect(records.filter((r) => r.honours).map((r) => r.name)).toEqual([nameOf(1)]);
      expect(records.find((r) => r.name === nameOf(4))).toMatchObject({ ratings: 3, satisfiedRatings: 1, satisfaction: 0.3333 });
      expect(records.find((r) => r.name === nameOf(3))?.noShows).toBe(2);
    });

    it('filters by flag and by honours, and paginates with a cursor', async () => {
      const list = async (q: string) => ((await t.http().get(`/api/units/${city.unitA}/member-records?year=${year}&${q}`).set(unitAdmin.auth).expect(200)).body as MemberRecordsPage).items.map((r) => r.name);
      expect(await list('flag=not_registered')).toEqual([nameOf(5), '从未报到']);
      expect(await list('flag=no_service_90_days')).toEqual([nameOf(3), nameOf(4)]);
      expect(await list('flag=low_satisfaction')).toEqual([nameOf(4)]);
      expect(await list('flag=negative_list')).toEqual([nameOf(3)]);
      expect(await list('flag=honours')).toEqual([nameOf(1)]);
      const first = (await t.http().get(`/api/units/${city.unitA}/member-records?year=${year}&limit=4`).set(unitAdmin.auth).expect(200)).body as MemberRecordsPage;
      expect(first.items).toHaveLength(4);
      const second = (await t.http().get(`/api/units/${city.unitA}/member-records?year=${year}&limit=4&cursor=${first.nextCursor}`).set(unitAdmin.auth).expect(200))
        .body as MemberRecordsPage;
      expect([...first.items, ...second.items].map((r) => r.key)).toEqual(records.map((r) => r.key));
      expect(second.nextCursor).toBeNull();
      await t.http().get(`/api/units/${city.unitA}/member-records?flag=bogus`).set(unitAdmin.auth).expect(400);
    });

    it('shows a unit admin only its own members', async () => {
      await t.http().get(`/api/units/${city.unitA}/member-records`).set(unitAdminB.auth).expect(403);
      await t.http().get(`/api/units/${city.unitA}/member-records`).set(communityAdmin.auth).expect(403);
      await t.http().get(`/api/units/${city.unitA}/member-records`).set(members[0].auth).expect(403);
      await t.http().get(`/api/units/${city.unitA}/members/${members[0].id}/annual-report`).set(unitAdminB.auth).expect(403);
      // A member of unit A is no business of unit B's records either.
      const b = (await t.http().get(`/api/units/${city.unitB}/member-records`).set(unitAdminB.auth).expect(200)).body as MemberRecordsPage;
      expect(b.items.map((r) => r.userId)).not.toContain(members[1].id);
      await t.http().get(`/api/units/${city.unitB}/members/${members[3].id}/annual-report`).set(unitAdminB.auth).expect(404);
    });

    it('writes the annual report for 民主评议 as JSON, Excel and a printable page', async () => {
      const json = (await t.http().get(`/api/units/${city.unitA}/members/${members[0].id}/annual-report?year=${year}`).set(unitAdmin.auth).expect(200)).body as AnnualReportDto;
      expect(json.record).toMatchObject({ name: nameOf(1), verifiedHours: 21, honours: true });
      expect(json.services.map((s) => [s.hours, s.score])).toEqual([
        [10, 5],
        [10, 5],
        [1, 5],
      ]);
      expect(json).toMatchObject({ year, unitName: '甲单位', pointsThisYear: 30, backfills: [{ hours: 1.5, reason: '线下服务补录' }] });

      const file = await t.http().get(`/api/units/${city.unitA}/members/${members[0].id}/annual-report.xlsx?year=${year}`).set(unitAdmin.auth).buffer(true).parse(binaryParser).expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.body as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['年度报告', '服务记录', '补录']);
      expect(wb.getWorksheet('服务记录')!.actualRowCount).toBe(1 + 3);

      await t.ds.query('UPDATE registrations SET name = ? WHERE user_id = ?', ['<script>x</script>', members[3].id]);
      const page = await t.http().get(`/api/units/${city.unitA}/members/${members[3].id}/annual-report.html?year=${year}`).set(unitAdmin.auth).expect(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain('@media print');
      expect(page.text).toContain('年度在职党员社区服务报告');
      expect(page.text).toContain('&lt;script&gt;x&lt;/script&gt;');
      expect(page.text).not.toContain('<script>x</script>');
      await t.ds.query('UPDATE registrations SET name = ? WHERE user_id = ?', [nameOf(4), members[3].id]);

      const outsider = await createUser(t);
      await t.http().get(`/api/units/${city.unitA}/members/${outsider.id}/annual-report`).set(unitAdmin.auth).expect(404);
    });
  });
});
