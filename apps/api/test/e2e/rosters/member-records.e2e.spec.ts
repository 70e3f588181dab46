/**
 * A unit's member records: one row per roster entry, flags and honours, filters and paging, scope, and the annual
 * report for 民主评议 as JSON, Excel and a printable page.
 */
import { MemberFlag, type AnnualReportDto, type MemberRecordDto, type MemberRecordsPage } from '@sbd/contracts';
import ExcelJS from 'exceljs';
import { toDbDate } from '../../../src/platform/database/sql';
import { aTask, createUser, nextPhone, type TestUser } from '../../support/factories';
import { binaryParser } from '../../support/test-app';
import { createRosterWorld, xlsx, HEADER, hoursAgo, type RosterWorld } from './roster-world';

describe('should show a unit its members’ records, flags and honours (报回单位), and nobody else’s', () => {
  let t: RosterWorld['t'];
  let city: RosterWorld['city'];
  let unitAdmin: RosterWorld['unitAdmin'];
  let unitAdminB: RosterWorld['unitAdminB'];
  let communityAdmin: RosterWorld['communityAdmin'];
  let members: RosterWorld['members'];
  let pending: RosterWorld['pending'];
  let upload: RosterWorld['upload'];
  let nameOf: RosterWorld['nameOf'];

  beforeAll(async () => {
    ({ t, city, unitAdmin, unitAdminB, communityAdmin, members, pending, upload, nameOf } = await createRosterWorld());
  });
  afterAll(() => t.close());

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
      await t.ds.query('UPDATE registrations SET approved_at = ? WHERE work_unit_id = ?', [
        cst('2025-01-01 09:00'),
        city.unitA,
      ]);
      const tasks: number[] = [];
      for (let i = 0; i < 7; i++) {
        tasks.push(
          (
            await t
              .http()
              .post('/api/tasks')
              .set(communityAdmin.auth)
              .send(aTask(city.a, { capacity: 50, title: `服务${i}` }))
              .expect(201)
          ).body.id,
        );
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
          const [c] = await t.ds.query('SELECT id FROM claims WHERE task_id = ? AND member_user_id = ?', [
            taskId,
            u.id,
          ]);
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
      await t.ds.query(
        'INSERT INTO backfills (member_user_id, community_id, half_hours, reason, created_by_id, created_at) VALUES (?, ?, 3, ?, ?, ?)',
        [members[0].id, city.a.id, '线下服务补录', communityAdmin.id, cst('2025-02-01 10:00')],
      );
      const res = await t
        .http()
        .get(`/api/units/${city.unitA}/member-records?year=${year}&limit=200`)
        .set(unitAdmin.auth)
        .expect(200);
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
      expect(records.find((r) => r.name === nameOf(4))).toMatchObject({
        ratings: 3,
        satisfiedRatings: 1,
        satisfaction: 0.3333,
      });
      expect(records.find((r) => r.name === nameOf(3))?.noShows).toBe(2);
    });

    it('filters by flag and by honours, and paginates with a cursor', async () => {
      const list = async (q: string) =>
        (
          (
            await t
              .http()
              .get(`/api/units/${city.unitA}/member-records?year=${year}&${q}`)
              .set(unitAdmin.auth)
              .expect(200)
          ).body as MemberRecordsPage
        ).items.map((r) => r.name);
      expect(await list('flag=not_registered')).toEqual([nameOf(5), '从未报到']);
      expect(await list('flag=no_service_90_days')).toEqual([nameOf(3), nameOf(4)]);
      expect(await list('flag=low_satisfaction')).toEqual([nameOf(4)]);
      expect(await list('flag=negative_list')).toEqual([nameOf(3)]);
      expect(await list('flag=honours')).toEqual([nameOf(1)]);
      const first = (
        await t
          .http()
          .get(`/api/units/${city.unitA}/member-records?year=${year}&limit=4`)
          .set(unitAdmin.auth)
          .expect(200)
      ).body as MemberRecordsPage;
      expect(first.items).toHaveLength(4);
      const second = (
        await t
          .http()
          .get(`/api/units/${city.unitA}/member-records?year=${year}&limit=4&cursor=${first.nextCursor}`)
          .set(unitAdmin.auth)
          .expect(200)
      ).body as MemberRecordsPage;
      expect([...first.items, ...second.items].map((r) => r.key)).toEqual(records.map((r) => r.key));
      expect(second.nextCursor).toBeNull();
      await t.http().get(`/api/units/${city.unitA}/member-records?flag=bogus`).set(unitAdmin.auth).expect(400);
    });

    it('shows a unit admin only its own members', async () => {
      await t.http().get(`/api/units/${city.unitA}/member-records`).set(unitAdminB.auth).expect(403);
      await t.http().get(`/api/units/${city.unitA}/member-records`).set(communityAdmin.auth).expect(403);
      await t.http().get(`/api/units/${city.unitA}/member-records`).set(members[0].auth).expect(403);
      await t
        .http()
        .get(`/api/units/${city.unitA}/members/${members[0].id}/annual-report`)
        .set(unitAdminB.auth)
        .expect(403);
      // A member of unit A is no business of unit B's records either.
      const b = (await t.http().get(`/api/units/${city.unitB}/member-records`).set(unitAdminB.auth).expect(200))
        .body as MemberRecordsPage;
      expect(b.items.map((r) => r.userId)).not.toContain(members[1].id);
      await t
        .http()
        .get(`/api/units/${city.unitB}/members/${members[3].id}/annual-report`)
        .set(unitAdminB.auth)
        .expect(404);
    });

    it('writes the annual report for 民主评议 as JSON, Excel and a printable page', async () => {
      const json = (
        await t
          .http()
          .get(`/api/units/${city.unitA}/members/${members[0].id}/annual-report?year=${year}`)
          .set(unitAdmin.auth)
          .expect(200)
      ).body as AnnualReportDto;
      expect(json.record).toMatchObject({ name: nameOf(1), verifiedHours: 21, honours: true });
      expect(json.services.map((s) => [s.hours, s.score])).toEqual([
        [10, 5],
        [10, 5],
        [1, 5],
      ]);
      expect(json).toMatchObject({
        year,
        unitName: '甲单位',
        pointsThisYear: 30,
        backfills: [{ hours: 1.5, reason: '线下服务补录' }],
      });

      const file = await t
        .http()
        .get(`/api/units/${city.unitA}/members/${members[0].id}/annual-report.xlsx?year=${year}`)
        .set(unitAdmin.auth)
        .buffer(true)
        .parse(binaryParser)
        .expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.body as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['年度报告', '服务记录', '补录']);
      expect(wb.getWorksheet('服务记录')!.actualRowCount).toBe(1 + 3);

      await t.ds.query('UPDATE registrations SET name = ? WHERE user_id = ?', ['<script>x</script>', members[3].id]);
      const page = await t
        .http()
        .get(`/api/units/${city.unitA}/members/${members[3].id}/annual-report.html?year=${year}`)
        .set(unitAdmin.auth)
        .expect(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain('@media print');
      expect(page.text).toContain('年度在职党员社区服务报告');
      expect(page.text).toContain('&lt;script&gt;x&lt;/script&gt;');
      expect(page.text).not.toContain('<script>x</script>');
      await t.ds.query('UPDATE registrations SET name = ? WHERE user_id = ?', [nameOf(4), members[3].id]);

      const outsider = await createUser(t);
      await t
        .http()
        .get(`/api/units/${city.unitA}/members/${outsider.id}/annual-report`)
        .set(unitAdmin.auth)
        .expect(404);
    });
  });
});
