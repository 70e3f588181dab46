/**
 * Statistics (DOMAIN §7) on hand-built data: two streets, members of two units, tasks, claims, ratings, needs and roster
 * entries back-dated into 2025 with known answers, and helpers to insert more of each directly.
 */
import { Role, TaskKind, type StatsDto, type TaskDto } from '@sbd/contracts';
import { FieldCipher } from '../../../src/platform/crypto/field-cipher';
import { toDbDate } from '../../../src/platform/database/sql';
import { ScopeService } from '../../../src/platform/auth/scope.service';
import { parsePeriod } from '../../../src/reporting/stats/period';
import { assembleStats } from '../../../src/reporting/stats/stats-assemble';
import { StatsRollupService } from '../../../src/reporting/stats/stats-rollup.service';
import { StatsService } from '../../../src/reporting/stats/stats.service';
import {
  buildCity,
  aTask,
  createApprovedMembers,
  createUser,
  nextPhone,
  type City,
  type TestUser,
} from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';

/** A Shanghai wall-clock time ("2025-03-10 10:00") as the UTC text the database stores. */
export const cst = (s: string) => toDbDate(new Date(Date.parse(`${s.replace(' ', 'T')}:00Z`) - 8 * 3_600_000));
export const hoursAgo = (h: number) => toDbDate(new Date(Date.now() - h * 3_600_000));
export const Y2025 = 'from=2025-01-01&to=2025-12-31';

/** A node's figures straight from the source tables (the definitions the roll-ups must equal). */
export async function rawStats(
  t: Pick<TestApp, 'app'>,
  nodeId: number,
  query: Record<string, string> = {},
): Promise<StatsDto> {
  const node = await t.app.get(ScopeService).node(nodeId);
  const period = parsePeriod(query);
  return assembleStats(node, period, await t.app.get(StatsService).parts(node, period, { raw: true }));
}

export async function createStatsWorld() {
  /** m1–m5 in community A (m1–m4 of unit A), m6–m8 in community B (unit B), p: pending, unit A. */
  const m: Record<string, TestUser> = {};

  const get = (u: TestUser, path: string) => t.http().get(path).set(u.auth);
  const stats = async (u: TestUser, nodeId: number, query = Y2025): Promise<StatsDto> =>
    (await get(u, `/api/stats/nodes/${nodeId}?${query}`).expect(200)).body;

  async function claim(user: TestUser, taskId: number, status: string, at: string, half: number): Promise<number> {
    const [reg] = await t.ds.query('SELECT id FROM registrations WHERE user_id = ?', [user.id]);
    const verified = status === 'verified';
    await t.ds.query(
      `INSERT INTO claims (task_id, member_user_id, registration_id, claimed_by_id, status, starts_at, ends_at, checked_in_at, checked_out_at,
                           credit_half_hours, verified_by_id, verified_at, claimed_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        taskId,
        user.id,
        reg.id,
        user.id,
        status,
        at,
        at,
        verified ? at : null,
        verified ? at : null,
        half,
        verified ? adminA.id : null,
        verified ? at : null,
        at,
        hoursAgo(0),
      ],
    );
    const [row] = await t.ds.query('SELECT id FROM claims WHERE task_id = ? AND member_user_id = ?', [taskId, user.id]);
    return Number(row.id);
  }
  async function rating(
    kind: 'community' | 'resident',
    taskId: number,
    score: number,
    at: string,
    extra: { claimId?: number; memberId?: number; needId?: number } = {},
  ) {
    await t.ds.query(
      'INSERT INTO ratings (kind, task_id, need_id, claim_id, member_user_id, rater_user_id, score, comment, resolved, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        kind,
        taskId,
        extra.needId ?? null,
        extra.claimId ?? null,
        extra.memberId ?? null,
        adminA.id,
        score,
        null,
        1,
        at,
      ],
    );
  }
  async function need(
    communityId: number,
    status: string,
    created: string,
    acceptedAfterH: number | null,
    fulfilledAfterH: number | null,
  ): Promise<number> {
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

  const t: TestApp = await createTestApp();
  const cipher: FieldCipher = new FieldCipher(t.config.fieldEncryptionKey);
  const city: City = await buildCity(t);
  const district: TestUser = await createUser(t, {
    roles: [{ role: Role.DistrictAdmin, scopeNodeId: city.districtId }],
  });
  const streetA: TestUser = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetA }] });
  const adminA: TestUser = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
  const unitAdminA: TestUser = await createUser(t, { roles: [{ role: Role.UnitAdmin, scopeNodeId: city.unitA }] });

  const a = await createApprovedMembers(t, city.a, 4, { unitId: city.unitA });
  const [m5] = await createApprovedMembers(t, city.a, 1);
  const [p] = await createApprovedMembers(t, city.a, 1, { unitId: city.unitA });
  const b = await createApprovedMembers(t, city.b, 3, { unitId: city.unitB });
  Object.assign(m, { m1: a[0], m2: a[1], m3: a[2], m4: a[3], m5, p, m6: b[0], m7: b[1], m8: b[2] });
  const names: Record<string, string> = {
    m1: '张一',
    m2: '张二',
    m3: '张三',
    m4: '张四',
    m5: '张五',
    p: '张六',
    m6: '李一',
    m7: '李二',
    m8: '李三',
  };
  for (const [k, name] of Object.entries(names)) {
    await t.ds.query('UPDATE registrations SET name = ?, approved_at = ? WHERE user_id = ?', [
      name,
      cst('2025-01-01 09:00'),
      m[k].id,
    ]);
    await t.ds.query('UPDATE users SET name = ? WHERE id = ?', [name, m[k].id]);
  }
  await t.ds.query("UPDATE registrations SET status = 'pending', approved_at = NULL WHERE user_id = ?", [m.p.id]);

  const adminB = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }] });
  const publish = async (admin: TestUser, community: City['a'], kind: TaskKind) =>
    ((await t.http().post('/api/tasks').set(admin.auth).send(aTask(community, { kind })).expect(201)).body as TaskDto)
      .id;
  const tasks: Record<'T1' | 'T2' | 'T3' | 'T4', number> = {
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

  await t.ds.query(
    'INSERT INTO backfills (member_user_id, community_id, half_hours, reason, created_by_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    [m.m1.id, city.a.id, 3, '线下服务补录', adminA.id, cst('2025-02-01 10:00')],
  );
  await t.ds.query(
    'INSERT INTO backfills (member_user_id, community_id, half_hours, reason, created_by_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    [m.m6.id, city.b.id, 2, '线下服务补录', adminA.id, cst('2025-02-02 10:00')],
  );
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
  return { t, city, cipher, district, streetA, adminA, unitAdminA, m, tasks, get, stats, claim, rating, need };
}

export type StatsWorld = Awaited<ReturnType<typeof createStatsWorld>>;
