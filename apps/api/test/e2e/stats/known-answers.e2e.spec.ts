import { REGISTRATION_RATE_TERRITORY_NOTE, Role, StatsGranularity, TaskKind, type StatsDto, type TaskDto } from '@sbd/contracts';
import ExcelJS from 'exceljs';
import { FieldCipher } from '../../src/platform/crypto/field-cipher';
import { ScopeService } from '../../src/platform/auth/scope.service';
import { fromDbDate, toDbDate } from '../../src/platform/database/sql';
import { parsePeriod } from '../../src/reporting/stats/period';
import { assembleStats } from '../../src/reporting/stats/stats-assemble';
import { StatsRollupService } from '../../src/reporting/stats/stats-rollup.service';
import { StatsService } from '../../src/reporting/stats/stats.service';
import { buildCity, aTask, createApprovedMembers, createUser, nextPhone, type City, type TestUser } from '../support/factories';
import { binaryParser, createTestApp, type TestApp } from '../support/test-app';

/** A Shanghai wall-clock time ("2025-03-10 10:00") as the UTC text the database stores. */
const cst = (s: string) => toDbDate(new Date(Date.parse(`${s.replace(' ', 'T')}:00Z`) - 8 * 3_600_000));
const hoursAgo = (h: number) => toDbDate(new Date(Date.now() - h * 3_600_000));
const Y2025 = 'from=2025-01-01&to=2025-12-31';

describe('statistics (DOMAIN §7) on hand-built data', () => {
  let t: TestApp;
  let city: City;
  let cipher: FieldCipher;
  let district: TestUser;
  let streetA: TestUser;
  let adminA: TestUser;
  let unitAdminA: TestUser;
  /** m1–m5 in community A (m1–m4 of unit A), m6–m8 in community B (unit B), p: pending, unit A. */
  const m: Record<string, TestUser> = {};
  let tasks: Record<'T1' | 'T2' | 'T3' | 'T4', number>;

  const get = (u: TestUser, path: string) => t.http().get(path).set(u.auth);
  const stats = async (u: TestUser, nodeId: number, query = Y2025): Promise<StatsDto> => (await get(u, `/api/stats/nodes/${nodeId}?${query}`).expect(200)).body;

  async function claim(user: TestUser, taskId: number, status: string, at: string, half: number): Promise<number> {
    const [reg] = await t.ds.query('SELECT id FROM registrations WHERE user_id = ?', [user.id]);
    const verified = status === 'verified';
    await t.ds.query(
      `INSERT INTO claims (task_id, member_user_id, registration_id, claimed_by_id, status, starts_at, ends_at, checked_in_at, checked_out_at,
                           credit_half_hours, verified_by_id, verified_at, claimed_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [taskId, user.id, reg.id, user.id, status, at, at, verified ? at : null, verified ? at : null, half, verified ? adminA.id : null, verified ? at : null, at, hoursAgo(0)],
    );
    const [row] = await t.ds.query('SELECT id FROM claims WHERE task_id = ? AND member_user_id = ?', [taskId, user.id]);
    return Number(row.id);
  }
  async function rating(kind: 'community' | 'resident', taskId: number, score: number, at: string, extra: { claimId?: number; memberId?: number; needId?: number } = {}) {
    await t.ds.query(
      'INSERT INTO ratings (kind, task_id, need_id, claim_id, member_user_id, rater_user_id, score, comment, resolved, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [kind, taskId, extra.needId ?? null, extra.claimId ?? null, extra.memberId ?? null, adminA.id, score, null, 1, at],
    );
  }
  async function need(communityId: number, status: string, created: string, acceptedAfterH: number | null, fulfilledAfterH: number | null): Promise<number> {
    const c = Date.parse(`${created.replace(' ', 'T')}:00Z`) - 8 * 3_600_000;
    const accepted = acceptedAfterH === null ? null : c + acceptedAfterH * 3_600_000;
    const fulfilled = accepted === null || fulfilledAfterH === null ? null : accepted + fulfilledAfterH * 3_600_000;
    const d = (ms: number | null) => (ms === null ? null : toDbDate(new Date(ms)));
    await t.ds.query(
      `INSERT INTO needs (community_id, created_by_id, proxy, title, description, category, photos, status, moderation, plus_count, reopen_count,
                          accepted_at, fulfilled_at, created_at, updated_at)
       VALUES (?, ?, 1, '楼道灯坏了', '三楼楼道灯不亮', 'repair', '[]', ?, 'passed', 0, 0, ?, ?, ?, ?)`,
      [communityId, adminA.id, status, d(accepted), d(fulfilled), d(c), hoursAgo(0)],
    );
    const [row] = await t.ds.query('SELECT MAX(id) AS id FROM needs');
    return Number(row.id);
  }

  beforeAll(async () => {
    t = await createTestApp();
    cipher = new FieldCipher(t.config.fieldEncryptionKey);
    city = await buildCity(t);
    district = await createUser(t, { roles: [{ role: Role.DistrictAdmin, scopeNodeId: city.districtId }] });
    streetA = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetA }] });
    adminA = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    unitAdminA = await createUser(t, { roles: [{ role: Role.UnitAdmin, scopeNodeId: city.unitA }] });

    const a = await createApprovedMembers(t, city.a, 4, { unitId: city.unitA });
    const [m5] = await createApprovedMembers(t, city.a, 1);
    const [p] = await createApprovedMembers(t, city.a, 1, { unitId: city.unitA });
    const b = await createApprovedMembers(t, city.b, 3, { unitId: city.unitB });
    Object.assign(m, { m1: a[0], m2: a[1], m3: a[2], m4: a[3], m5, p, m6: b[0], m7: b[1], m8: b[2] });
    const names: Record<string, string> = { m1: '张一', m2: '张二', m3: '张三', m4: '张四', m5: '张五', p: '张六', m6: '李一', m7: '李二', m8: '李三' };
    for (const [k, name] of Object.entries(names)) {
      await t.ds.query('UPDATE registrations SET name = ?, approved_at = ? WHERE user_id = ?', [name, cst('2025-01-01 09:00'), m[k].id]);
      await t.ds.query('UPDATE users SET name = ? WHERE id = ?', [name, m[k].id]);
    }
    await t.ds.query("UPDATE registrations SET status = 'pending', approved_at = NULL WHERE user_id = ?", [m.p.id]);

    const adminB = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }] });
    const publish = async (admin: TestUser, community: City['a'], kind: TaskKind) =>
      ((await t.http().post('/api/tasks').set(admin.auth).send(aTask(community, { kind })).expect(201)).body as TaskDto).id;
    tasks = {
      T1: await publish(adminA, city.a, TaskKind.Micro),
      T2: await publish(adminA, city.a, TaskKind.Project),
      T3: await publish(adminB, city.b, TaskKind.Activity),
      T4: await publish(adminA, city.a, TaskKind.Micro),
    };
    for (const [id, status] of [
      [tasks.T1, 'closed'],
      [tasks.T2, 'published'],
      [tasks.T3, 'closed'],
    ] as const) {
      await t.ds.query('UPDATE tasks SET created_at = ?, status = ? WHERE id = ?', [cst('2025-02-15 09:00'), status, id]);
    }

    const c1 = await claim(m.m1, tasks.T1, 'verified', cst('2025-03-10 10:00'), 4);
    const c2 = await claim(m.m2, tasks.T1, 'verified', cst('2025-03-12 10:00'), 2);
    const c3 = await claim(m.m1, tasks.T2, 'verified', cst('2025-06-01 10:00'), 36);
    const c4 = await claim(m.m6, tasks.T3, 'verified', cst('2025-07-15 10:00'), 8);
    const c5 = await claim(m.m1, tasks.T3, 'verified', cst('2025-08-01 10:00'), 2);
    const c6 = await claim(m.m4, tasks.T2, 'verified', cst('2025-09-01 10:00'), 2);
    await claim(m.m3, tasks.T1, 'no_show', cst('2025-03-10 10:00'), 0);
    await claim(m.m3, tasks.T2, 'no_show', cst('2025-06-01 10:00'), 0);
    await claim(m.m1, tasks.T4, 'verified', hoursAgo(240), 2);
    await claim(m.m2, tasks.T4, 'verified', hoursAgo(240), 2);

    const later = (s: string) => cst(s.replace('10:00', '11:00'));
    await rating('community', tasks.T1, 5, later('2025-03-10 10:00'), { claimId: c1, memberId: m.m1.id });
    await rating('community', tasks.T1, 4, later('2025-03-12 10:00'), { claimId: c2, memberId: m.m2.id });
    await rating('community', tasks.T2, 5, later('2025-06-01 10:00'), { claimId: c3, memberId: m.m1.id });
    await rating('community', tasks.T3, 3, later('2025-07-15 10:00'), { claimId: c4, memberId: m.m6.id });
    await rating('community', tasks.T3, 5, later('2025-08-01 10:00'), { claimId: c5, memberId: m.m1.id });
    await rating('community', tasks.T2, 2, later('2025-09-01 10:00'), { claimId: c6, memberId: m.m4.id });

    await need(city.a.id, 'fulfilled', '2025-04-01 08:00', 2, 10);
    const n2 = await need(city.a.id, 'rated', '2025-04-02 08:00', 4, 20);
    await need(city.a.id, 'accepted', '2025-05-01 08:00', 6, null);
    await need(city.a.id, 'submitted', '2025-05-02 08:00', null, null);
    await need(city.a.id, 'fulfilled', '2024-12-30 08:00', 4, 150);
    await rating('resident', tasks.T2, 5, cst('2025-04-04 10:00'), { needId: n2 });

    await t.ds.query('INSERT INTO backfills (member_user_id, community_id, half_hours, reason, created_by_id, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      m.m1.id,
      city.a.id,
      3,
      '线下服务补录',
      adminA.id,
      cst('2025-02-01 10:00'),
    ]);
    await t.ds.query('INSERT INTO backfills (member_user_id, community_id, half_hours, reason, created_by_id, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      m.m6.id,
      city.b.id,
      2,
      '线下服务补录',
      adminA.id,
      cst('2025-02-02 10:00'),
    ]);
    for (const delta of [10, 5]) {
      await t.ds.query(
        "INSERT INTO points_ledger (member_user_id, community_id, unit_id, delta, reason, created_at) VALUES (?, ?, ?, ?, 'manual_adjustment', ?)",
        [m.m1.id, city.a.id, city.unitA, delta, cst('2025-05-05 10:00')],
      );
    }

    // Rosters: unit A lists m1–m3, someone never registered and the pending p; unit B lists m6, m7.
    const entry = async (unitId: number, row: number, name: string, phone: string) =>
      t.ds.query(
        'INSERT INTO unit_roster_entries (unit_id, row_no, name, phone_enc, phone_hash, party_branch, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [unitId, row, name, cipher.encrypt(phone), cipher.hash(phone), '第一党支部', '科员', hoursAgo(0)],
      );
    await entry(city.unitA, 2, '张一', m.m1.phone);
    await entry(city.unitA, 3, '张二', m.m2.phone);
    await entry(city.unitA, 4, '张三', m.m3.phone);
    await entry(city.unitA, 5, '王五', nextPhone());
    await entry(city.unitA, 6, '张六', m.p.phone);
    await entry(city.unitB, 2, '李一', m.m6.phone);
    await entry(city.unitB, 3, '李二', m.m7.phone);
    // Hand-built history is back-dated, which the app never does: make the roll-ups start afresh.
    await t.app.get(StatsRollupService).invalidate();
  });
  afterAll(() => t.close());

  describe('known answers for 2025', () => {
    it('community A: 服务率 3/5, 22 h, 满意率 4 of 5 ratings ≥ 4 → 80%, need closure and durations, tasks, no 报到率', async () => {
      const s = await stats(adminA, city.a.id);
      expect(s).toMatchObject({
        nodeType: 'community',
        from: '2024-12-31T16:00:00.000Z',
        to: '2025-12-31T16:00:00.000Z',
        registrationRate: null,
        registrationRateNote: REGISTRATION_RATE_TERRITORY_NOTE,
        rosterEntries: null,
        registeredMembers: 5,
        servingMembers: 3,
        serviceRate: 0.6,
        services: 4,
        verifiedHours: 22,
        backfilledHours: 1.5,
        satisfaction: { total: 5, satisfied: 4, rate: 0.8 },
        residentSatisfaction: { total: 1, satisfied: 1, rate: 1 },
        communitySatisfaction: { total: 4, satisfied: 3, rate: 0.75 },
        needs: { accepted: 3, fulfilled: 2, closureRate: 0.6667, hoursToAccept: { median: 4, mean: 4 }, hoursToFulfil: { median: 15, mean: 15 } },
      });
      expect(s.tasks).toEqual({
        total: 2,
        byKind: { micro: 1, project: 1, activity: 0, emergency: 0 },
        byStatus: { draft: 0, published: 1, in_progress: 0, completed: 0, closed: 1, cancelled: 0 },
      });
      // Members by their verified hours anywhere (m1 also served in B); ties: the later user first.
      expect(s.topMembers.map((x) => [x.name, x.hours, x.services])).toEqual([
        ['张一', 21, 3],
        ['张四', 1, 1],
        ['张二', 1, 1],
      ]);
    });

    it('street A equals its one community; street B and community B have their own figures', async () => {
      const a = await stats(streetA, city.streetA);
      const ca = await stats(streetA, city.a.id);
      expect({ ...a, nodeId: 0, nodeType: '', nodeName: '' }).toEqual({ ...ca, nodeId: 0, nodeType: '', nodeName: '' });
      const b = await stats(district, city.b.id);
      expect(b).toMatchObject({ registeredMembers: 3, servingMembers: 1, serviceRate: 0.3333, services: 2, verifiedHours: 5, backfilledHours: 1 });
      expect(b.satisfaction).toEqual({ total: 2, satisfied: 1, rate: 0.5 });
      expect(b.needs).toMatchObject({ accepted: 0, fulfilled: 0, closureRate: null, hoursToAccept: { median: null, mean: null } });
    });

    it('district: 报到率 over every unit roster (5 of 7), 服务率 4/8, everything summed', async () => {
      const s = await stats(district, city.districtId);
      expect(s).toMatchObject({
        registrationRate: 0.7143,
        registrationRateNote: null,
        rosterEntries: 7,
        rosterRegistered: 5,
        registeredMembers: 8,
        servingMembers: 4,
        serviceRate: 0.5,
        services: 6,
        verifiedHours: 27,
        backfilledHours: 2.5,
        satisfaction: { total: 7, satisfied: 5, rate: 0.7143 },
        communitySatisfaction: { total: 6, satisfied: 4, rate: 0.6667 },
      });
      expect(s.tasks?.total).toBe(3);
      expect(s.topMembers.map((x) => x.name)).toEqual(['张一', '李一', '张四', '张二']);
    });

    it('unit A: 报到率 3 of its 5 roster entries (a member with no roster entry is not in the denominator); its members’ services', async () => {
      const s = await stats(unitAdminA, city.unitA);
      expect(s).toMatchObject({
        nodeType: 'work_unit',
        registrationRate: 0.6,
        rosterEntries: 5,
        rosterRegistered: 3,
        registeredMembers: 4,
        servingMembers: 3,
        serviceRate: 0.75,
        services: 5,
        verifiedHours: 23,
        backfilledHours: 1.5,
        satisfaction: { total: 5, satisfied: 4, rate: 0.8 },
        residentSatisfaction: { total: 0, satisfied: 0, rate: null },
        needs: null,
        tasks: null,
      });
    });

    it('monthly and weekly series (Asia/Shanghai) add up to the totals', async () => {
      const s = await stats(district, city.districtId, `${Y2025}&granularity=month`);
      expect(s.series).toHaveLength(12);
      expect(s.series.map((x) => x.bucket)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`));
      const byMonth = Object.fromEntries(s.series.map((x) => [x.bucket, [x.services, x.hours, x.ratings, x.satisfiedRatings]]));
      expect(byMonth['2025-03']).toEqual([2, 3, 2, 2]);
      expect(byMonth['2025-04']).toEqual([0, 0, 1, 1]);
      expect(byMonth['2025-06']).toEqual([1, 18, 1, 1]);
      expect(byMonth['2025-07']).toEqual([1, 4, 1, 0]);
      expect(s.series.reduce((a, x) => a + x.services, 0)).toBe(s.services);
      expect(s.series.reduce((a, x) => a + x.hours, 0)).toBe(s.verifiedHours);
      const w = await stats(district, city.districtId, `${Y2025}&granularity=week`);
      expect(w.series[0]).toMatchObject({ bucket: '2024-12-30', from: '2024-12-31T16:00:00.000Z', to: '2025-01-05T16:00:00.000Z' });
      expect(w.series.at(-1)?.bucket).toBe('2025-12-29');
      // 2025-03-10 and 2025-03-12 (CST) fall in the week of Monday 10 March.
      expect(w.series.find((x) => x.bucket === '2025-03-10')).toMatchObject({ services: 2, hours: 3 });
      expect(w.series.reduce((a, x) => a + x.services, 0)).toBe(6);
    });

    it('a period boundary is a Shanghai midnight: 1 March–10 March has one service of 10 March', async () => {
      const s = await stats(district, city.districtId, 'from=2025-03-01&to=2025-03-10');
      expect(s.services).toBe(1);
      const t2 = await stats(district, city.districtId, 'from=2025-03-11&to=2025-03-31');
      expect(t2.services).toBe(1);
    });
  });

  describe('the district roll-ups equal the raw figures', () => {
    const raw = async (nodeId: number, query: Record<string, string>) => {
      const node = await t.app.get(ScopeService).node(nodeId);
      const period = parsePeriod(query);
      return assembleStats(node, period, await t.app.get(StatsService).parts(node, period, { raw: true }));
    };
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
      await t.ds.query('INSERT INTO backfills (member_user_id, community_id, half_hours, reason, created_by_id, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        fresh.id,
        city.a.id,
        1,
        '补录',
        adminA.id,
        now,
      ]);
      await need(city.a.id, 'accepted', toDbDate(new Date(Date.now() + 8 * 3_600_000 - 3 * 3_600_000)).slice(0, 16), 1, null);
      await t.http().post('/api/tasks').set(adminA.auth).send(aTask(city.a, { kind: TaskKind.Emergency })).expect(201);
      // The pending registration is approved through the API: 报到率 and 服务率 denominators move.
      const [p] = await t.ds.query('SELECT id FROM registrations WHERE user_id = ?', [m.p.id]);
      await t.http().post(`/api/registrations/${p.id}/approve`).set(adminA.auth).send({}).expect(200);
      // Unit B uploads its whole roster: its three members and one person not registered.
      const unitAdminB = await createUser(t, { roles: [{ role: Role.UnitAdmin, scopeNodeId: city.unitB }] });
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('名册');
      ws.addRow(['姓名', '手机号', '党支部', '职务']);
      for (const [k, name] of [['m6', '李一'], ['m7', '李二'], ['m8', '李三']]) ws.addRow([name, m[k].phone, '一支部', null]);
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
      const mark = async () => fromDbDate((await t.ds.query('SELECT watermark FROM stats_refresh_state WHERE id = 1'))[0].watermark)?.getTime();
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
      await t.http().post('/api/stats/rollups/rebuild').set(platform.auth).expect(200);
      expect(await stats(district, city.districtId)).toEqual(before);
    });
  });

  describe('the district roll-ups under random changes', () => {
    /** Deterministic pseudo-random numbers. */
    let seed = 20251122;
    const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
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
        taskIds.push(((await t.http().post('/api/tasks').set(cadmin.auth).send(aTask(c2.a, { kind: pick([TaskKind.Micro, TaskKind.Project, TaskKind.Activity]) })).expect(201)).body as TaskDto).id);
      }
      const raw = async (q: Record<string, string>) => {
        const node = await t.app.get(ScopeService).node(c2.districtId);
        const period = parsePeriod(q);
        return assembleStats(node, period, await t.app.get(StatsService).parts(node, period, { raw: true }));
      };
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
            [task, u.id, reg.id, u.id, status, at, at, 1 + Math.floor(rand() * 8), status === 'verified' ? at : null, at, now],
          );
          if (status === 'verified' && rand() < 0.7) {
            const [c] = await t.ds.query('SELECT id FROM claims WHERE task_id = ? AND member_user_id = ?', [task, u.id]);
            await rating('community', task, 1 + Math.floor(rand() * 5), now, { claimId: Number(c.id), memberId: u.id });
          }
        }
        // A claimed one gets verified today; a task changes state; a need moves on; a member is approved or rejected.
        const [claimed] = await t.ds.query(`SELECT MIN(id) AS id FROM claims WHERE status = 'claimed' AND task_id IN (${taskIds.join(',')})`);
        if (claimed?.id) {
          await t.ds.query("UPDATE claims SET status = 'verified', verified_at = ?, credit_half_hours = 3, updated_at = ? WHERE id = ?", [now, now, claimed.id]);
        }
        await t.ds.query(`UPDATE tasks SET status = ?, updated_at = ? WHERE id = ?`, [pick(['closed', 'cancelled', 'in_progress']), now, pick(taskIds)]);
        await need(pick([c2.a.id, c2.b.id]), pick(['accepted', 'fulfilled']), randomDay().slice(0, 16), 1 + Math.floor(rand() * 30), rand() < 0.5 ? null : 5);
        const [open] = await t.ds.query("SELECT id FROM needs WHERE community_id IN (?, ?) AND status = 'fulfilled' ORDER BY id LIMIT 1", [c2.a.id, c2.b.id]);
        if (open) await t.ds.query("UPDATE needs SET status = 'accepted', fulfilled_at = NULL, updated_at = ? WHERE id = ?", [now, open.id]);
        await t.ds.query('INSERT INTO backfills (member_user_id, community_id, half_hours, reason, created_by_id, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
          pick(people).id,
          pick([c2.a.id, c2.b.id]),
          1 + Math.floor(rand() * 4),
          '补录',
          admin.id,
          now,
        ]);
        await t.ds.query('UPDATE registrations SET status = ?, updated_at = ? WHERE user_id = ?', [pick(['approved', 'pending', 'rejected']), now, pick(people).id]);
        const queries: Record<string, string>[] = [{ from: '2025-01-01', to: '2025-12-31' }, { from: '2026-01-01', to: '2026-12-31', granularity: 'week' }, { from: '2025-05-17', to: '2026-08-09' }];
        for (const q of queries) {
          const fast = await stats(admin, c2.districtId, new URLSearchParams(q).toString());
          expect(fast).toEqual(await raw(q));
        }
      }
    });
  });

  describe('authorization', () => {
    it('a street admin sees its communities and street only: 403 for the other street’s nodes, the district and units', async () => {
      await get(streetA, `/api/stats/nodes/${city.a.id}`).expect(200);
      await get(streetA, `/api/stats/nodes/${city.b.id}`).expect(403);
      await get(streetA, `/api/stats/nodes/${city.streetB}`).expect(403);
      await get(streetA, `/api/stats/nodes/${city.districtId}`).expect(403);
      await get(streetA, `/api/stats/nodes/${city.unitA}`).expect(403);
    });

    it('a community admin sees only its community; a unit admin only its unit; a member nothing', async () => {
      await get(adminA, `/api/stats/nodes/${city.streetA}`).expect(403);
      await get(adminA, `/api/stats/nodes/${city.unitA}`).expect(403);
      await get(unitAdminA, `/api/stats/nodes/${city.unitB}`).expect(403);
      await get(unitAdminA, `/api/stats/nodes/${city.a.id}`).expect(403);
      await get(unitAdminA, `/api/stats/nodes/${city.districtId}`).expect(403);
      const res = await get(m.m1, `/api/stats/nodes/${city.a.id}`).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      await get(district, `/api/stats/nodes/${city.unitB}`).expect(200);
    });

    it('refuses other node types and bad periods with Chinese messages', async () => {
      expect((await get(district, `/api/stats/nodes/${city.a.gridId}`).expect(400)).body.message).toBe('只能统计社区、街道、区或单位');
      expect((await get(district, `/api/stats/nodes/${city.a.id}?from=2025-02-30`).expect(400)).body.message).toBe('开始日期格式应为 YYYY-MM-DD');
      expect((await get(district, `/api/stats/nodes/${city.a.id}?from=2025-05-01&to=2025-04-01`).expect(400)).body.message).toBe('结束日期不能早于开始日期');
      expect((await get(district, `/api/stats/nodes/${city.a.id}?granularity=day`).expect(400)).body.message).toBe('统计粒度只能是 week 或 month');
      await get(district, '/api/stats/nodes/999999').expect(404);
    });
  });

  describe('the statistics report', () => {
    it('exports the same figures as Excel', async () => {
      const s = await stats(district, city.districtId);
      const res = await get(district, `/api/stats/nodes/${city.districtId}/export.xlsx?${Y2025}`).buffer(true).parse(binaryParser).expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      const overview = wb.getWorksheet('概览')!;
      const value = (label: string) => overview.getColumn(1).values.indexOf(label);
      expect(overview.getRow(value('服务次数')).getCell(2).value).toBe(s.services);
      expect(overview.getRow(value('已报到党员')).getCell(2).value).toBe(s.registeredMembers);
      expect(wb.getWorksheet('趋势')!.rowCount).toBe(1 + s.series.length);
      await get(streetA, `/api/stats/nodes/${city.districtId}/export.xlsx`).expect(403);
    });

    it('documents every definition in the API docs', async () => {
      const doc = (await t.http().get('/api/docs-json').expect(200)).body;
      const description: string = doc.paths['/api/stats/nodes/{id}'].get.description;
      for (const term of ['报到率', '服务率', '服务时长', '满意率', '点单办结率', '服务之星', '报到率按单位和区统计']) expect(description).toContain(term);
    });
  });
});
