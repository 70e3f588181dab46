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
import { baselineStatement } from './dashboard-baseline.mjs';
import { seedDashboardExtras, seedReaders } from './dashboard-seed.mjs';
import { seedCity, SCALE } from './seed-city.mjs';

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

/** Seed 003's city times `factor` (shares stay shares). */
export const scaledCity = (factor) =>
  Object.fromEntries(Object.entries(SCALE).map(([k, v]) => [k, k === 'openShare' ? v : v * factor]));
export const TEN_X = scaledCity(10);

/**
 * A database this suite seeded before at this size (`BENCH_REUSE_SEED=1`: a 100× seed takes the
 * better part of an hour): its counts and first street and community, or null.
 */
async function seededAlready(dbUrl, size) {
  let conn;
  try {
    conn = await mysql.createConnection({ uri: dbUrl, timezone: 'Z' });
    const one = async (sql) => Number((await conn.query(sql))[0][0].n);
    const members = await one("SELECT COUNT(*) AS n FROM user_roles WHERE role = 'member'");
    if (members < size.members) return null;
    const first = async (type) =>
      (await conn.query('SELECT id FROM org_nodes WHERE type = ? ORDER BY id LIMIT 1', [type]))[0][0];
    const counts = {
      members,
      communities: await one("SELECT COUNT(*) AS n FROM org_nodes WHERE type = 'community'"),
      tasks: await one('SELECT COUNT(*) AS n FROM tasks'),
      claims: await one('SELECT COUNT(*) AS n FROM claims'),
      rosterEntries: await one('SELECT COUNT(*) AS n FROM unit_roster_entries'),
    };
    return { counts, streets: [await first('street')], communities: [await first('community')] };
  } catch {
    return null;
  } finally {
    await conn?.end();
  }
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

/**
 * `factor` scales seed 003 (10 for the `dashboard` suite, 100 for `scale`); `targetP95Ms` is the
 * goal reported; `baselineRuns` how often each one-statement baseline runs (a 100× district
 * statement takes minutes).
 */
export async function dashboardSuite({
  dbUrl = DEFAULT_DB_URL,
  secret = randomBytes(32).toString('hex'),
  fieldKey = randomBytes(32).toString('hex'),
  startApi,
  factor = 10,
  targetP95Ms = TARGET_P95_MS,
  baselineRuns = BASELINE_RUNS,
  apiEnv = {},
  reuseSeed = false,
} = {}) {
  const size = scaledCity(factor);
  console.log(`\n== dashboard at ${factor}× seed 003 on ${new URL(dbUrl).host}${new URL(dbUrl).pathname} ==`);
  const start = startApi ?? defaultStartApi;
  const reused = reuseSeed && (await seededAlready(dbUrl, size));
  if (!reused) await recreateDatabase(dbUrl);
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
    ...apiEnv,
  };
  let api;
  let city;
  let extras = {};
  let seedSeconds = null;
  if (reused) {
    city = reused;
    console.log(`reusing the seeded ${JSON.stringify(city.counts)}`);
  } else {
    // Migrate by starting the API once.
    api = await start(env);
    await api.stop();
    const t0 = Date.now();
    city = await seedCity(dbUrl, fieldKey, size);
    extras = await seedDashboardExtras(dbUrl, fieldKey, size);
    seedSeconds = round((Date.now() - t0) / 1000);
    console.log(`seeded ${JSON.stringify({ ...city.counts, ...extras })} in ${seedSeconds} s`);
  }

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

  // Without the scheduler the first district request builds the roll-ups (once per database); with
  // it (production) the leased background job builds them while district reads answer 503
  // STATS_BUILDING at once: polled every second until the figures are there.
  const background = env.SCHEDULER_ENABLED === 'true';
  const b0 = performance.now();
  const building = [];
  let first;
  for (;;) {
    const r0 = performance.now();
    const res = await fetch(`${api.url}/api/stats/nodes/${targets.district.id}`, {
      headers: { authorization: `Bearer ${mintToken(secret, readers.district)}` },
    });
    const body = await res.json();
    if (res.status === 200) {
      first = body;
      break;
    }
    if (!background || res.status !== 503 || body.code !== 'STATS_BUILDING')
      throw new Error(`district: HTTP ${res.status} ${JSON.stringify(body)}`);
    building.push(performance.now() - r0);
    await new Promise((r) => setTimeout(r, 1000));
  }
  const buildMs = round(performance.now() - b0);
  const whileBuilding = background
    ? {
        answers: building.length,
        maxMs: round(Math.max(0, ...building)),
        p50Ms: round(
          percentile(
            building.sort((a, b) => a - b),
            50,
          ) ?? 0,
        ),
      }
    : null;
  console.log(
    background
      ? `district figures after the background build: ${buildMs} ms (${building.length} answers of 503 STATS_BUILDING meanwhile, max ${whileBuilding.maxMs} ms)`
      : `first district request (builds the roll-ups): ${buildMs} ms`,
  );

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
    baseline[kind] = await measure(baselineRuns[kind].n, baselineRuns[kind].concurrency, () => pool.query(sql));
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
    factor,
    reusedSeed: !!reused,
    apiEnv,
    scale: { ...city.counts, ...extras },
    seedSeconds,
    targetP95Ms,
    targets: Object.fromEntries(Object.entries(targets).map(([k, v]) => [k, { id: Number(v.id), name: v.name }])),
    period: 'this calendar year (the default)',
    firstDistrictRequestMs: buildMs,
    buildInBackground: background,
    whileBuilding,
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
      p95UnderTargetEveryType: Object.values(api_).every((r) => r.p95Ms < targetP95Ms),
      noFailures: [...Object.values(api_), afterWrite].every((r) => r.failures === 0),
      sameFiguresAsBaseline: Object.values(agree).every(Boolean),
    },
  };
  return results;
}

export function dashboardMarkdown(s, title = 'Dashboard') {
  const row = (name, a, b) =>
    `| ${name} | ${a.p50Ms} | ${a.p95Ms} | ${a.maxMs} | ${b ? b.p50Ms : ''} | ${b ? b.p95Ms : ''} |`;
  return [
    `## ${title} (${s.factor ?? 10}× seed 003, ${s.database}; ${s.scale.members} members, ${s.scale.communities} communities, ${s.scale.tasks} tasks, ${s.scale.claims} claims, ${s.scale.rosterEntries} roster entries)`,
    '',
    `GET /api/stats/nodes/:id, default period (this year), ${s.api.district.n} requests per type, ${s.api.district.concurrency} at a time; baseline: the same aggregates as one SQL statement through mysql2.`,
    '',
    '| request | API p50 ms | API p95 ms | API max ms | one-statement SQL p50 ms | SQL p95 ms |',
    '|---|---:|---:|---:|---:|---:|',
    ...['district', 'street', 'community', 'unit'].map((k) => row(k, s.api[k], s.baselineOneStatement[k])),
    row('district, right after a write (refresh)', s.districtAfterWrite),
    '',
    `${s.seedSeconds === null || s.seedSeconds === undefined ? 'Seed reused from an earlier run' : `Seeded in ${s.seedSeconds} s`}. ${!s.buildInBackground ? `First district request (builds the roll-ups): ${s.firstDistrictRequestMs} ms` : s.whileBuilding.answers ? `Roll-ups built by the background job (default statement deadlines) ${s.firstDistrictRequestMs} ms after the API was ready; meanwhile ${s.whileBuilding.answers} district reads answered 503 STATS_BUILDING in at most ${s.whileBuilding.maxMs} ms` : `Roll-ups already built when the API started (first district read ${s.firstDistrictRequestMs} ms)`}. Figures agree with the baseline: ${s.goals.sameFiguresAsBaseline ? 'yes' : 'NO'}. p95 < ${s.targetP95Ms ?? 300} ms for every type: ${(s.goals.p95UnderTargetEveryType ?? s.goals.p95Under300MsEveryType) ? 'met' : 'NOT met'}.`,
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await dashboardSuite({ dbUrl: process.env.BENCH_DASH_DATABASE_URL ?? DEFAULT_DB_URL });
  console.log(JSON.stringify(results, null, 2));
  console.log(dashboardMarkdown(results));
}
