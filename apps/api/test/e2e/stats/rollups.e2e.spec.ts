/**
 * The district roll-ups (StatsRollupService) against the raw figures: on the hand-built history, after the app's own
 * writes, applied once per change, rebuilt from nothing, and under random rounds of writes.
 */
import { Role, StatsGranularity, TaskKind, type TaskDto } from '@sbd/contracts';
import ExcelJS from 'exceljs';
import { fromDbDate, toDbDate } from '../../../src/platform/database/sql';
import { rebuildAll } from '../../../src/reporting/stats/stats-rollup-build';
import { StatsRollupService } from '../../../src/reporting/stats/stats-rollup.service';
import { buildCity, aTask, createApprovedMembers, createUser, nextPhone } from '../../support/factories';
import { createStatsWorld, hoursAgo, rawStats, type StatsWorld } from './stats-world';

describe('should keep the district roll-ups equal to the figures computed from the raw rows', () => {
  let t: StatsWorld['t'];
  let city: StatsWorld['city'];
  let district: StatsWorld['district'];
  let adminA: StatsWorld['adminA'];
  let m: StatsWorld['m'];
  let tasks: StatsWorld['tasks'];
  let stats: StatsWorld['stats'];
  let claim: StatsWorld['claim'];
  let rating: StatsWorld['rating'];
  let need: StatsWorld['need'];

  beforeAll(async () => {
    ({ t, city, district, adminA, m, tasks, stats, claim, rating, need } = await createStatsWorld());
  });
  afterAll(() => t.close());

  describe('the district roll-ups equal the raw figures', () => {
    const raw = (nodeId: number, query: Record<string, string>) => rawStats(t, nodeId, query);
    const periods = [
      { from: '2025-01-01', to: '2025-12-31' },
      { from: '2025-01-01', to: '2025-12-31', granularity: StatsGranularity.Week },
      { from: '2025-03-11', to: '2025-08-01' },
      { from: '2024-06-01', to: '2026-12-31', granularity: StatsGranularity.Week },
      {},
    ];
    const expectEqual = async () => {
      for (const q of periods) {
        const query = new URLSearchParams(q as Record<string, string>).toString();
        const fast = await stats(district, city.districtId, query);
        expect(fast).toEqual(await raw(city.districtId, q as Record<string, string>));
      }
    };

    it('on the hand-built history, for whole years and any other period', async () => {
      await expectEqual();
    });

    it('after the app’s own writes: approvals, claims, ratings, back-fills, needs, tasks and a roster upload', async () => {
      const now = hoursAgo(0);
      // A member joins and serves today; a rating and a back-fill arrive; a need is accepted; a task is created.
      const [fresh] = await createApprovedMembers(t, city.a, 1, { unitId: city.unitA });
      const c = await claim(fresh, tasks.T4, 'verified', now, 6);
      await rating('community', tasks.T4, 5, now, { claimId: c, memberId: fresh.id });
      await t.ds.query(
        'INSERT INTO backfills (member_user_id, community_id, half_hours, reason, created_by_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        [fresh.id, city.a.id, 1, '补录', adminA.id, now],
      );
      await need(
        city.a.id,
        'accepted',
        toDbDate(new Date(Date.now() + 8 * 3_600_000 - 3 * 3_600_000)).slice(0, 16),
        1,
        null,
      );
      await t
        .http()
        .post('/api/tasks')
        .set(adminA.auth)
        .send(aTask(city.a, { kind: TaskKind.Emergency }))
        .expect(201);
      // The pending registration is approved through the API: 报到率 and 服务率 denominators move.
      const [p] = await t.ds.query('SELECT id FROM registrations WHERE user_id = ?', [m.p.id]);
      await t.http().post(`/api/registrations/${p.id}/approve`).set(adminA.auth).send({}).expect(200);
      // Unit B uploads its whole roster: its three members and one person not registered.
      const unitAdminB = await createUser(t, { roles: [{ role: Role.UnitAdmin, scopeNodeId: city.unitB }] });
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('名册');
      ws.addRow(['姓名', '手机号', '党支部', '职务']);
      for (const [k, name] of [
        ['m6', '李一'],
        ['m7', '李二'],
        ['m8', '李三'],
      ])
        ws.addRow([name, m[k].phone, '一支部', null]);
      ws.addRow(['王六', nextPhone(), '一支部', null]);
      await t
        .http()
        .post(`/api/units/${city.unitB}/roster`)
        .set(unitAdminB.auth)
        .attach('file', Buffer.from(await wb.xlsx.writeBuffer()), 'roster.xlsx')
        .expect(200);
      await expectEqual();
      const s = await stats(district, city.districtId, '');
      expect(s.rosterEntries).toBe(9);
      expect(s.rosterRegistered).toBe(7);
      expect(s.registeredMembers).toBe(10);
      expect(s.tasks?.byKind.emergency).toBe(1);
    });

    it('reads without writing when nothing changed, and applies each change once', async () => {
      const mark = async () =>
        fromDbDate(
          (await t.ds.query('SELECT watermark FROM stats_refresh_state WHERE id = 1'))[0].watermark,
        )?.getTime();
      await stats(district, city.districtId, '');
      const before = await mark();
      await stats(district, city.districtId, '');
      expect(await mark()).toBe(before);
      const c = await claim(m.m5, tasks.T4, 'verified', hoursAgo(0), 2);
      const s = await stats(district, city.districtId, '');
      const moved = await mark();
      expect(moved).toBeGreaterThan(before as number);
      const seen = await t.ds.query("SELECT signature FROM stats_seen WHERE source = 'claim' AND row_id = ?", [c]);
      expect(seen).toHaveLength(1);
      // Seen once: the next reads find nothing new and write nothing.
      expect(await stats(district, city.districtId, '')).toEqual(s);
      expect(await mark()).toBe(moved);
    });

    it('rebuilding from nothing gives the same figures as the refreshed roll-ups (platform admins may ask for it)', async () => {
      const before = await stats(district, city.districtId);
      await t.app.get(StatsRollupService).invalidate();
      expect(await stats(district, city.districtId)).toEqual(before);
      const platform = await createUser(t, { roles: [{ role: Role.PlatformAdmin, scopeNodeId: null }] });
      await t.http().post('/api/stats/rollups/rebuild').set(district.auth).expect(403);
      const done = await t.http().post('/api/stats/rollups/rebuild').set(platform.auth).expect(200);
      // Without the background builder (tests, SCHEDULER_ENABLED=false) the rebuild is done before the answer.
      expect(done.body).toEqual({ rebuiltAt: expect.any(String), queued: false });
      expect(await stats(district, city.districtId)).toEqual(before);
      // Members are rebuilt in ranges of user id: four ranges over the members give the same rows.
      const members = () => t.ds.query('SELECT * FROM stats_members ORDER BY user_id');
      const counters = () => t.ds.query('SELECT * FROM stats_district_counters ORDER BY district_id, year');
      const [rows, totals] = [await members(), await counters()];
      const [{ lo, hi }] = await t.ds.query('SELECT MIN(user_id) AS lo, MAX(user_id) AS hi FROM registrations');
      const perRange = Math.max(1, Math.ceil((Number(hi) - Number(lo) + 1) / 4));
      await t.ds.transaction((m) => rebuildAll(m, () => false, perRange));
      expect([await members(), await counters()]).toEqual([rows, totals]);
      const ranges = new Set(rows.map((r: { user_id: unknown }) => Math.floor((Number(r.user_id) - lo) / perRange)));
      expect(ranges.size).toBeGreaterThan(1);
    });
    it('moves a street’s whole history to the district it moved to (a rebuild), and back', async () => {
      const platform = await createUser(t, { roles: [{ role: Role.PlatformAdmin, scopeNodeId: null }] });
      const other = await buildCity(t);
      const both = async () => {
        for (const id of [city.districtId, other.districtId]) {
          for (const q of periods.slice(0, 2)) {
            const query = new URLSearchParams(q as Record<string, string>).toString();
            expect(await stats(platform, id, query)).toEqual(await raw(id, q as Record<string, string>));
          }
        }
      };
      await both();
      const before = await stats(platform, city.districtId);
      const move = (parentId: number) =>
        t.http().post(`/api/org/nodes/${city.streetB}/move`).set(platform.auth).send({ parentId }).expect(200);
      await move(other.districtId);
      await both();
      expect((await stats(platform, other.districtId)).services).toBeGreaterThan(0);
      await move(city.districtId);
      await both();
      expect(await stats(platform, city.districtId)).toEqual(before);
    });
  });

  describe('the district roll-ups under random changes', () => {
    /** Deterministic pseudo-random numbers. */
    let seed = 20251122;
    const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const randomDay = () => toDbDate(new Date(Date.UTC(2025, 0, 1) + Math.floor(rand() * 600 * 86_400_000)));

    it('stays equal to the raw figures after every round of writes (claims, ratings, back-fills, needs, tasks, approvals)', async () => {
      const c2 = await buildCity(t);
      const admin = await createUser(t, { roles: [{ role: Role.DistrictAdmin, scopeNodeId: c2.districtId }] });
      const cadmin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: c2.a.id }] });
      const people = [
        ...(await createApprovedMembers(t, c2.a, 6, { unitId: c2.unitA })),
        ...(await createApprovedMembers(t, c2.b, 6, { unitId: c2.unitB })),
      ];
      const taskIds: number[] = [];
      for (let i = 0; i < 8; i++) {
        taskIds.push(
          (
            (
              await t
                .http()
                .post('/api/tasks')
                .set(cadmin.auth)
                .send(aTask(c2.a, { kind: pick([TaskKind.Micro, TaskKind.Project, TaskKind.Activity]) }))
                .expect(201)
            ).body as TaskDto
          ).id,
        );
      }
      const raw = (q: Record<string, string>) => rawStats(t, c2.districtId, q);
      const used = new Set<string>();
      for (let round = 0; round < 4; round++) {
        const now = hoursAgo(0);
        for (let i = 0; i < 12; i++) {
          const u = pick(people);
          const task = pick(taskIds);
          if (used.has(`${task}:${u.id}`)) continue;
          used.add(`${task}:${u.id}`);
          const status = pick(['verified', 'verified', 'no_show', 'claimed']);
          const [reg] = await t.ds.query('SELECT id FROM registrations WHERE user_id = ?', [u.id]);
          const at = randomDay();
          await t.ds.query(
            `INSERT INTO claims (task_id, member_user_id, registration_id, claimed_by_id, status, starts_at, ends_at, credit_half_hours, verified_at, claimed_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [
              task,
              u.id,
              reg.id,
              u.id,
              status,
              at,
              at,
              1 + Math.floor(rand() * 8),
              status === 'verified' ? at : null,
              at,
              now,
            ],
          );
          if (status === 'verified' && rand() < 0.7) {
            const [c] = await t.ds.query('SELECT id FROM claims WHERE task_id = ? AND member_user_id = ?', [
              task,
              u.id,
            ]);
            await rating('community', task, 1 + Math.floor(rand() * 5), now, { claimId: Number(c.id), memberId: u.id });
          }
        }
        // A claimed one gets verified today; a task changes state; a need moves on; a member is approved or rejected.
        const [claimed] = await t.ds.query(
          `SELECT MIN(id) AS id FROM claims WHERE status = 'claimed' AND task_id IN (${taskIds.join(',')})`,
        );
        if (claimed?.id) {
          await t.ds.query(
            "UPDATE claims SET status = 'verified', verified_at = ?, credit_half_hours = 3, updated_at = ? WHERE id = ?",
            [now, now, claimed.id],
          );
        }
        await t.ds.query(`UPDATE tasks SET status = ?, updated_at = ? WHERE id = ?`, [
          pick(['closed', 'cancelled', 'in_progress']),
          now,
          pick(taskIds),
        ]);
        await need(
          pick([c2.a.id, c2.b.id]),
          pick(['accepted', 'fulfilled']),
          randomDay().slice(0, 16),
          1 + Math.floor(rand() * 30),
          rand() < 0.5 ? null : 5,
        );
        const [open] = await t.ds.query(
          "SELECT id FROM needs WHERE community_id IN (?, ?) AND status = 'fulfilled' ORDER BY id LIMIT 1",
          [c2.a.id, c2.b.id],
        );
        if (open)
          await t.ds.query("UPDATE needs SET status = 'accepted', fulfilled_at = NULL, updated_at = ? WHERE id = ?", [
            now,
            open.id,
          ]);
        await t.ds.query(
          'INSERT INTO backfills (member_user_id, community_id, half_hours, reason, created_by_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          [pick(people).id, pick([c2.a.id, c2.b.id]), 1 + Math.floor(rand() * 4), '补录', admin.id, now],
        );
        await t.ds.query('UPDATE registrations SET status = ?, updated_at = ? WHERE user_id = ?', [
          pick(['approved', 'pending', 'rejected']),
          now,
          pick(people).id,
        ]);
        const queries: Record<string, string>[] = [
          { from: '2025-01-01', to: '2025-12-31' },
          { from: '2026-01-01', to: '2026-12-31', granularity: 'week' },
          { from: '2025-05-17', to: '2026-08-09' },
        ];
        for (const q of queries) {
          const fast = await stats(admin, c2.districtId, new URLSearchParams(q).toString());
          expect(fast).toEqual(await raw(q));
        }
      }
    });
  });
});
