// The dashboard benchmark: statistics for a whole city at ten times seed 003's scale (260,000 members,
// 3,490 communities, 165,000 tasks, 470,000 claims) on MariaDB. Measures GET /api/stats/nodes/:id for
// the district, a street, a community and a unit (50 requests each, 4 at a time), and, in the same run,
// the same aggregates as ONE raw SQL statement each through mysql2 (the baseline).
//
//   node bench/dashboard.mjs            (needs a built API: npm run build, or bench/run.mjs's build step)
//   import { dashboardSuite } from './dashboard.mjs'; results.suites.dashboard = await dashboardSuite({ dbUrl, secret, fieldKey, startApi });
//
// `startApi(env)` (optional) starts the built API with those environment variables and answers
// { url, stop() }; without it the suite starts `apps/api/dist/main.js` itself on port 3811.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import {
  API_DIST,
  createSessions,
  mintToken,
  percentile,
  recreateDatabase,
  round,
  startProcess,
  stopProcess,
  toDbDate,
  waitFor,
} from './lib.mjs';
import { seedCity, SCALE } from './seed-city.mjs';

const require = createRequire(import.meta.url);
const DEFAULT_DB_URL = 'mysql://root@127.0.0.1:3306/sbd_bench_dash';
const REQUESTS = 50;
const CONCURRENCY = 4;
/** The one-statement baseline: a whole district takes tens of seconds per statement, so fewer runs, one at a time. */
const BASELINE_RUNS = {
  district: { n: 3, concurrency: 1 },
  street: { n: 20, concurrency: CONCURRENCY },
  community: { n: 20, concurrency: CONCURRENCY },
  unit: { n: 20, concurrency: CONCURRENCY },
};
const TARGET_P95_MS = 300;
/** Share of members on their unit's roster, and roster entries of people who never registered. */
const ON_ROSTER = 0.95;
const NEVER_REGISTERED = 0.02;

export const TEN_X = Object.fromEntries(Object.entries(SCALE).map(([k, v]) => [k, k === 'openShare' ? v : v * 10]));

/** What seed-city.mjs does not seed and the dashboard reads: verification times, ratings, needs, back-fills, rosters. */
async function seedDashboardExtras(url, fieldKeyHex, scale) {
  const { FieldCipher } = require(`${API_DIST}/common/crypto/field-cipher.js`);
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
async function seedReaders(url, targets) {
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

/** This calendar year in Asia/Shanghai, as the API's default period: [from, to) UTC. */
function thisYear() {
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  return {
    from: toDbDate(new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000)),
    to: toDbDate(new Date(Date.UTC(year + 1, 0, 1) - 8 * 3_600_000)),
  };
}

/**
 * The dashboard's aggregates for one node as ONE statement: the registered and serving members,
 * services and hours, back-fills, ratings, need closure, tasks by kind and status, top members and
 * the monthly series (and the roster terms of 报到率 for the district and the unit).
 */
function baselineStatement(kind, node) {
  const { from, to } = thisYear();
  const day = (c) => `DATE_FORMAT(DATE_ADD(${c}, INTERVAL 8 HOUR), '%Y-%m')`;
  const communities = `SELECT id FROM org_nodes WHERE type = 'community' AND path LIKE '${node.path}%'`;
  const unit = kind === 'unit';
  const members = unit ? `r.work_unit_id = ${node.id}` : `r.community_id IN (${communities})`;
  const verified = `x.status = 'verified' AND x.verified_at >= '${from}' AND x.verified_at < '${to}'`;
  const claimsIn = unit
    ? `FROM claims x JOIN registrations r ON r.user_id = x.member_user_id AND r.status = 'approved' AND ${members} WHERE ${verified}`
    : `FROM claims x JOIN tasks t ON t.id = x.task_id WHERE ${verified} AND t.community_id IN (${communities})`;
  const ratingsIn = unit
    ? `FROM ratings g JOIN registrations r ON r.user_id = g.member_user_id AND r.status = 'approved' AND ${members} WHERE g.kind = 'community' AND g.created_at >= '${from}' AND g.created_at < '${to}'`
    : `FROM ratings g JOIN tasks t ON t.id = g.task_id WHERE g.created_at >= '${from}' AND g.created_at < '${to}' AND t.community_id IN (${communities})`;
  const parts = [
    `(SELECT COUNT(*) AS registered FROM registrations r WHERE r.status = 'approved' AND ${members}) m`,
    `(SELECT COUNT(*) AS serving FROM registrations r WHERE r.status = 'approved' AND ${members}
        AND EXISTS (SELECT 1 FROM claims x WHERE x.member_user_id = r.user_id AND ${verified})) s`,
    `(SELECT COUNT(*) AS services, COALESCE(SUM(x.credit_half_hours), 0) / 2 AS hours ${claimsIn}) h`,
    `(SELECT COUNT(*) AS ratings, SUM(g.score >= 4) AS satisfied ${ratingsIn}) g`,
    `(SELECT JSON_ARRAYAGG(JSON_OBJECT('month', mo, 'services', n, 'hours', half / 2)) AS series FROM (SELECT ${day('x.verified_at')} AS mo, COUNT(*) AS n, SUM(x.credit_half_hours) AS half ${claimsIn} GROUP BY mo) q) se`,
    `(SELECT GROUP_CONCAT(user_id ORDER BY half DESC, n DESC, user_id DESC) AS top FROM (
        SELECT r.user_id, COUNT(*) AS n, SUM(x.credit_half_hours) AS half FROM claims x JOIN registrations r ON r.user_id = x.member_user_id
         WHERE r.status = 'approved' AND ${members} AND ${verified} GROUP BY r.user_id ORDER BY half DESC, n DESC, r.user_id DESC LIMIT 10) q) tp`,
    `(SELECT COALESCE(SUM(half_hours), 0) / 2 AS backfilled FROM backfills b ${unit ? `JOIN registrations r ON r.user_id = b.member_user_id AND r.status = 'approved' AND ${members}` : ''}
       WHERE b.created_at >= '${from}' AND b.created_at < '${to}' ${unit ? '' : `AND b.community_id IN (${communities})`}) bf`,
  ];
  if (!unit) {
    parts.push(
      `(SELECT COUNT(*) AS accepted, SUM(n.fulfilled_at IS NOT NULL) AS fulfilled, AVG(TIMESTAMPDIFF(SECOND, n.created_at, n.accepted_at)) / 3600 AS hoursToAccept,
               AVG(TIMESTAMPDIFF(SECOND, n.accepted_at, n.fulfilled_at)) / 3600 AS hoursToFulfil
          FROM needs n WHERE n.accepted_at >= '${from}' AND n.accepted_at < '${to}' AND n.community_id IN (${communities})) nd`,
      `(SELECT JSON_OBJECTAGG(CONCAT(kind, '/', status), n) AS tasks FROM (SELECT kind, status, COUNT(*) AS n FROM tasks
          WHERE created_at >= '${from}' AND created_at < '${to}' AND community_id IN (${communities}) GROUP BY kind, status) q) tk`,
    );
  }
  if (kind === 'district' || unit) {
    const units = unit
      ? String(node.id)
      : `SELECT id FROM org_nodes WHERE type = 'work_unit' AND path LIKE '${node.path}%'`;
    parts.push(`(SELECT COUNT(*) AS rosterEntries, SUM(EXISTS (SELECT 1 FROM registrations r WHERE r.phone_hash = e.phone_hash AND r.name = e.name AND r.status = 'approved')) AS rosterRegistered
                   FROM unit_roster_entries e WHERE e.unit_id IN (${units})) ro`);
  }
  return `SELECT * FROM ${parts.join('\nCROSS JOIN ')}`;
}

/** Runs `task` `n` times, `concurrency` at a time; answers the sorted latencies (ms) and failures. */
async function measure(n, concurrency, task) {
  const latencies = [];
  let failures = 0;
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next += 1;
      const s = performance.now();
      try {
        await task();
      } catch (err) {
        failures += 1;
        if (failures === 1) console.error(err);
      }
      latencies.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  latencies.sort((a, b) => a - b);
  return {
    n,
    concurrency,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    maxMs: round(latencies.at(-1) ?? 0),
    failures,
  };
}

async function defaultStartApi(env) {
  const port = env.PORT ?? '3811';
  const child = startProcess(join(API_DIST, 'main.js'), { ...env, PORT: port }, 'api-dashboard');
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/health/ready`, 120_000);
  return { url, stop: () => stopProcess(child) };
}

export async function dashboardSuite({
  dbUrl = DEFAULT_DB_URL,
  secret = randomBytes(32).toString('hex'),
  fieldKey = randomBytes(32).toString('hex'),
  startApi,
} = {}) {
  console.log(`\n== dashboard at 10× seed 003 on ${new URL(dbUrl).host}${new URL(dbUrl).pathname} ==`);
  const start = startApi ?? defaultStartApi;
  await recreateDatabase(dbUrl);
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl,
    JWT_SECRET: secret,
    FIELD_ENCRYPTION_KEY: fieldKey,
    WECHAT_APP_ID: 'wx-bench',
    WECHAT_APP_SECRET: 'bench',
    PUBLIC_BASE_URL: 'http://127.0.0.1',
    H5_DIR: '/nonexistent',
    LOG_LEVEL: 'error',
    SCHEDULER_ENABLED: 'false',
    DB_POOL_SIZE: '20',
    PORT: '3811',
  };
  // Migrate by starting the API once.
  let api = await start(env);
  await api.stop();

  const t0 = Date.now();
  const city = await seedCity(dbUrl, fieldKey, TEN_X);
  const extras = await seedDashboardExtras(dbUrl, fieldKey, TEN_X);
  const seedSeconds = round((Date.now() - t0) / 1000);
  console.log(`seeded ${JSON.stringify({ ...city.counts, ...extras })} in ${seedSeconds} s`);

  const conn = await mysql.createConnection({ uri: dbUrl, timezone: 'Z' });
  const node = async (sql) => (await conn.query(sql))[0][0];
  const targets = {
    district: await node("SELECT id, path, name FROM org_nodes WHERE type = 'district' ORDER BY id LIMIT 1"),
    street: await node(`SELECT id, path, name FROM org_nodes WHERE id = ${Number(city.streets[0].id)}`),
    community: await node(`SELECT id, path, name FROM org_nodes WHERE id = ${Number(city.communities[0].id)}`),
    unit: await node("SELECT id, path, name FROM org_nodes WHERE type = 'work_unit' ORDER BY id LIMIT 1"),
  };
  const readers = await seedReaders(dbUrl, targets);
  await createSessions(dbUrl, Object.values(readers));

  api = await start(env);
  const call = async (kind) => {
    const res = await fetch(`${api.url}/api/stats/nodes/${targets[kind].id}`, {
      headers: { authorization: `Bearer ${mintToken(secret, readers[kind])}` },
    });
    if (res.status !== 200) throw new Error(`${kind}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };

  // The first district request builds the roll-ups (once per database).
  const b0 = performance.now();
  const first = await call('district');
  const buildMs = round(performance.now() - b0);
  console.log(`first district request (builds the roll-ups): ${buildMs} ms`);

  const api_ = {};
  for (const kind of ['district', 'street', 'community', 'unit']) {
    await call(kind);
    api_[kind] = await measure(REQUESTS, CONCURRENCY, () => call(kind));
    console.log(`API ${kind.padEnd(9)}`, api_[kind]);
  }

  // After a write the next district request refreshes from the changes: one service verified and rated, each time.
  const [[pending]] = await conn.query(
    `SELECT c.id, c.task_id, c.member_user_id FROM claims c WHERE c.status = 'claimed' ORDER BY c.id LIMIT 1`,
  );
  let claimId = Number(pending?.id ?? 0);
  const afterWrite = await measure(10, 1, async () => {
    const now = toDbDate(new Date());
    const [[c]] = await conn.query(
      "SELECT id, task_id, member_user_id FROM claims WHERE status = 'claimed' AND id >= ? ORDER BY id LIMIT 1",
      [claimId],
    );
    claimId = Number(c.id) + 1;
    await conn.query(
      "UPDATE claims SET status = 'verified', checked_in_at = ?, checked_out_at = ?, credit_half_hours = 4, verified_at = ?, updated_at = ? WHERE id = ?",
      [now, now, now, now, c.id],
    );
    await conn.query(
      "INSERT INTO ratings (kind, task_id, claim_id, member_user_id, rater_user_id, score, resolved, created_at) VALUES ('community', ?, ?, ?, 1, 5, 1, ?)",
      [c.task_id, c.id, c.member_user_id, now],
    );
    await call('district');
  });
  console.log('API district after a write', afterWrite);

  // The baseline: the same aggregates as one raw statement each, through mysql2, in the same run.
  const pool = mysql.createPool({ uri: dbUrl, timezone: 'Z', connectionLimit: CONCURRENCY });
  const baseline = {};
  for (const kind of ['district', 'street', 'community', 'unit']) {
    const sql = baselineStatement(kind, targets[kind]);
    if (kind !== 'district') await pool.query(sql);
    baseline[kind] = await measure(BASELINE_RUNS[kind].n, BASELINE_RUNS[kind].concurrency, () => pool.query(sql));
    console.log(`SQL ${kind.padEnd(9)}`, baseline[kind]);
  }
  // The API's district figures agree with the one-statement baseline.
  const [[check]] = await pool.query(baselineStatement('district', targets.district));
  const latest = await call('district');
  const agree = {
    registered: Number(check.registered) === latest.registeredMembers,
    serving: Number(check.serving) === latest.servingMembers,
    services: Number(check.services) === latest.services,
    hours: Number(check.hours) === latest.verifiedHours,
    ratings: Number(check.ratings) === latest.satisfaction.total,
    rosterEntries: Number(check.rosterEntries) === latest.rosterEntries,
    rosterRegistered: Number(check.rosterRegistered) === latest.rosterRegistered,
    needsAccepted: Number(check.accepted) === latest.needs.accepted,
  };
  await pool.end();
  await conn.end();
  await api.stop();

  const results = {
    database: 'MariaDB (loopback)',
    scale: { ...city.counts, ...extras },
    seedSeconds,
    targets: Object.fromEntries(Object.entries(targets).map(([k, v]) => [k, { id: Number(v.id), name: v.name }])),
    period: 'this calendar year (the default)',
    firstDistrictRequestMs: buildMs,
    api: api_,
    districtAfterWrite: afterWrite,
    baselineOneStatement: baseline,
    districtFigures: {
      registrationRate: first.registrationRate,
      serviceRate: latest.serviceRate,
      services: latest.services,
      verifiedHours: latest.verifiedHours,
      satisfaction: latest.satisfaction.rate,
      needClosure: latest.needs?.closureRate ?? null,
    },
    apiAgreesWithBaseline: agree,
    goals: {
      p95Under300MsEveryType: Object.values(api_).every((r) => r.p95Ms < TARGET_P95_MS),
      noFailures: [...Object.values(api_), afterWrite].every((r) => r.failures === 0),
      sameFiguresAsBaseline: Object.values(agree).every(Boolean),
    },
  };
  return results;
}

export function dashboardMarkdown(s) {
  const row = (name, a, b) =>
    `| ${name} | ${a.p50Ms} | ${a.p95Ms} | ${a.maxMs} | ${b ? b.p50Ms : ''} | ${b ? b.p95Ms : ''} |`;
  return [
    `## Dashboard (${s.database}; ${s.scale.members} members, ${s.scale.communities} communities, ${s.scale.tasks} tasks, ${s.scale.claims} claims, ${s.scale.rosterEntries} roster entries)`,
    '',
    `GET /api/stats/nodes/:id, default period (this year), ${s.api.district.n} requests per type, ${s.api.district.concurrency} at a time; baseline: the same aggregates as one SQL statement through mysql2.`,
    '',
    '| request | API p50 ms | API p95 ms | API max ms | one-statement SQL p50 ms | SQL p95 ms |',
    '|---|---:|---:|---:|---:|---:|',
    ...['district', 'street', 'community', 'unit'].map((k) => row(k, s.api[k], s.baselineOneStatement[k])),
    row('district, right after a write (refresh)', s.districtAfterWrite),
    '',
    `First district request (builds the roll-ups): ${s.firstDistrictRequestMs} ms. Figures agree with the baseline: ${s.goals.sameFiguresAsBaseline ? 'yes' : 'NO'}. p95 < 300 ms for every type: ${s.goals.p95Under300MsEveryType ? 'met' : 'NOT met'}.`,
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await dashboardSuite({ dbUrl: process.env.BENCH_DASH_DATABASE_URL ?? DEFAULT_DB_URL });
  console.log(JSON.stringify(results, null, 2));
  console.log(dashboardMarkdown(results));
}
