// Seeding for the dashboard benchmark (bench/dashboard.mjs): what seed-city.mjs does not seed and
// the dashboard reads, and the staff accounts that read the dashboards.
import { createRequire } from 'node:module';
import mysql from 'mysql2/promise';
import { API_DIST, toDbDate } from './lib.mjs';

const require = createRequire(import.meta.url);
/** Share of members on their unit's roster, and roster entries of people who never registered. */
const ON_ROSTER = 0.95;
const NEVER_REGISTERED = 0.02;

/** What seed-city.mjs does not seed and the dashboard reads: verification times, ratings, needs, back-fills, rosters. */
export async function seedDashboardExtras(url, fieldKeyHex, scale) {
  const { FieldCipher } = require(`${API_DIST}/platform/crypto/field-cipher.js`);
  const cipher = new FieldCipher(Buffer.from(fieldKeyHex, 'hex'));
  const conn = await mysql.createConnection({ uri: url, timezone: 'Z' });
  const now = toDbDate(new Date());
  const q = (sql, params) => conn.query(sql, params);
  await q("UPDATE claims SET verified_at = checked_out_at, verified_by_id = 1 WHERE status = 'verified'");
  // The community rates 60% of verified services: mostly 5, some 4 and 3 (≈ 98% satisfied).
  await q(`INSERT INTO ratings (kind, task_id, claim_id, member_user_id, rater_user_id, score, resolved, created_at)
           SELECT 'community', task_id, id, member_user_id, 1, CASE WHEN id % 50 = 0 THEN 3 WHEN id % 7 = 0 THEN 4 ELSE 5 END, 1, DATE_ADD(verified_at, INTERVAL 1 HOUR)
             FROM claims WHERE status = 'verified' AND id % 5 < 3`);
  // A need behind every third past task: posted 3 days before, accepted within 0–47 h, mostly fulfilled and rated.
  await q(`INSERT INTO needs (community_id, created_by_id, proxy, proxy_name, title, description, category, photos, status, moderation, plus_count, reopen_count,
                              accepted_at, fulfilled_at, rated_at, created_at, updated_at)
           SELECT community_id, 1, 1, '居民', CONCAT('需求', id), '楼道灯不亮', 'repair', '[]',
                  CASE WHEN id % 10 = 0 THEN 'submitted' WHEN id % 10 = 1 THEN 'accepted' WHEN id % 10 < 5 THEN 'fulfilled' ELSE 'rated' END, 'passed', 0, 0,
                  CASE WHEN id % 10 = 0 THEN NULL ELSE DATE_ADD(DATE_SUB(starts_at, INTERVAL 3 DAY), INTERVAL (id % 48) HOUR) END,
                  CASE WHEN id % 10 < 2 THEN NULL ELSE ends_at END,
                  CASE WHEN id % 10 < 5 THEN NULL ELSE DATE_ADD(ends_at, INTERVAL 1 HOUR) END,
                  DATE_SUB(starts_at, INTERVAL 3 DAY), ends_at
             FROM tasks WHERE status = 'closed' AND id % 3 = 0`);
  await q(
    "INSERT INTO task_needs (task_id, need_id) SELECT CAST(SUBSTRING(title, 3) AS UNSIGNED), id FROM needs WHERE title LIKE '需求%'",
  );
  await q(`INSERT INTO ratings (kind, task_id, need_id, rater_user_id, score, resolved, created_at)
           SELECT 'resident', tn.task_id, n.id, 1, CASE WHEN n.id % 40 = 0 THEN 2 ELSE 5 END, 1, n.rated_at
             FROM needs n JOIN task_needs tn ON tn.need_id = n.id WHERE n.status = 'rated'`);
  // Back-fills (补录) for 2% of members.
  await q(`INSERT INTO backfills (member_user_id, community_id, half_hours, reason, created_by_id, created_at)
           SELECT user_id, community_id, 2 + id % 6, '线下服务补录', 1, DATE_SUB(NOW(3), INTERVAL (1 + id % 300) DAY) FROM registrations WHERE id % 50 = 3`);
  // Rosters: 95% of members on their unit's roster, plus 2% of people who never registered.
  await q(
    `INSERT INTO unit_roster_entries (unit_id, row_no, name, phone_enc, phone_hash, party_branch, position, created_at)
           SELECT work_unit_id, 1 + id, name, phone_enc, phone_hash, '机关第一党支部', '党员', ? FROM registrations WHERE id % 100 < ?`,
    [now, Math.round(ON_ROSTER * 100)],
  );
  const [units] = await q("SELECT id FROM org_nodes WHERE type = 'work_unit' ORDER BY id");
  const extra = [];
  const perUnit = Math.max(1, Math.round((scale.members * NEVER_REGISTERED) / units.length));
  for (const [u, unit] of units.entries()) {
    for (let i = 0; i < perUnit; i++) {
      const phone = `158${String(u * perUnit + i).padStart(8, '0')}`;
      extra.push([
        unit.id,
        100_000 + i,
        `未报到${u}-${i}`,
        cipher.encrypt(phone),
        cipher.hash(phone),
        '机关第二党支部',
        '党员',
        now,
      ]);
    }
  }
  for (let i = 0; i < extra.length; i += 1000) {
    await q(
      'INSERT INTO unit_roster_entries (unit_id, row_no, name, phone_enc, phone_hash, party_branch, position, created_at) VALUES ?',
      [extra.slice(i, i + 1000)],
    );
  }
  await q(
    'INSERT INTO unit_rosters (unit_id, entries, uploaded_by_id, updated_at) SELECT unit_id, COUNT(*), 1, ? FROM unit_roster_entries GROUP BY unit_id',
    [now],
  );
  await q('UPDATE registrations SET unit_confirmed = 1 WHERE id % 100 < ?', [Math.round(ON_ROSTER * 100)]);
  // The seeded history was written before today, as it would have been.
  const yesterday = 'DATE_SUB(NOW(3), INTERVAL 1 DAY)';
  for (const table of ['claims', 'tasks', 'needs', 'registrations', 'unit_rosters'])
    await q(`UPDATE ${table} SET updated_at = LEAST(updated_at, ${yesterday})`);
  await q(`UPDATE ratings SET created_at = LEAST(created_at, ${yesterday})`);
  await q('ANALYZE TABLE claims, ratings, needs, tasks, registrations, backfills, unit_roster_entries, org_nodes');
  const [[counts]] =
    await q(`SELECT (SELECT COUNT(*) FROM ratings) AS ratings, (SELECT COUNT(*) FROM needs) AS needs, (SELECT COUNT(*) FROM backfills) AS backfills,
                                     (SELECT COUNT(*) FROM unit_roster_entries) AS rosterEntries`);
  await conn.end();
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]));
}

/** Staff accounts to read the dashboards with. */
export async function seedReaders(url, targets) {
  const conn = await mysql.createConnection({ uri: url, timezone: 'Z' });
  const [[{ maxId }]] = await conn.query('SELECT MAX(id) AS maxId FROM users');
  const now = toDbDate(new Date());
  const readers = {};
  let id = Number(maxId);
  for (const [key, role] of [
    ['district', 'district_admin'],
    ['street', 'street_admin'],
    ['community', 'community_admin'],
    ['unit', 'unit_admin'],
  ]) {
    id += 1;
    await conn.query(
      'INSERT INTO users (id, name, failed_login_count, created_at, updated_at) VALUES (?, ?, 0, ?, ?)',
      [id, `${key}管理员`, now, now],
    );
    await conn.query('INSERT INTO user_roles (user_id, role, scope_node_id, created_at) VALUES (?, ?, ?, ?)', [
      id,
      role,
      targets[key].id,
      now,
    ]);
    readers[key] = id;
  }
  await conn.end();
  return readers;
}
