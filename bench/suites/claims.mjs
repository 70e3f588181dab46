// The `claims` suite of bench/run.mjs: 200 members claim a fresh 10-slot task at once, against the
// API and against a minimal SQL claim (baseline-server.mjs /claim: the slot update and the claim row
// in one transaction, nothing else), alternating which goes first each round. Reports per side the
// median p50/p99 over the rounds, statements sent to MySQL per claim and the server's CPU per claim
// (both counted inside each server by statement-counter.mjs), and whether every burst was correct.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import mysql from 'mysql2/promise';
import {
  API_DIST,
  BURST_CAPACITY,
  ROOT,
  cpuProfileArgs,
  createSessions,
  insertBurstTask,
  median,
  mintToken,
  percentile,
  recreateDatabase,
  round,
  startProcess,
  stopProcess,
  waitFor,
} from '../lib.mjs';
import { seedCity } from '../seed-city.mjs';

const ROUNDS = Number(process.env.BENCH_CLAIM_ROUNDS ?? 7);
const BURST = 200;
/** Enough members for one burst per street; the rest of the city is small (claims touch few tables). */
const SCALE = { streets: 2, communities: 8, units: 10, members: 1600, tasks: 400, claims: 1500, openShare: 0.2 };
const COUNTER = pathToFileURL(join(ROOT, 'bench', 'statement-counter.mjs')).href;

async function counters(port) {
  return (await fetch(`http://127.0.0.1:${port}/`)).json();
}

/** One burst: every member claims at once; answers latencies, statements, CPU and correctness. */
async function burst(conn, side, taskId, members) {
  const before = await counters(side.counterPort);
  const latencies = [];
  const t0 = performance.now();
  const statuses = await Promise.all(
    members.map(async (userId) => {
      const s = performance.now();
      try {
        const res = await fetch(side.url, side.request(taskId, userId));
        const body = await res.json();
        latencies.push(performance.now() - s);
        return { code: res.status, status: body.status };
      } catch {
        // A connection dropped by an overloaded server: a failure of the burst, not of the suite.
        latencies.push(performance.now() - s);
        return { code: 0, status: null };
      }
    }),
  );
  const wallMs = performance.now() - t0;
  const after = await counters(side.counterPort);
  const [[counter]] = await conn.query('SELECT claimed_count AS n FROM tasks WHERE id = ?', [taskId]);
  const [[rows]] = await conn.query(
    "SELECT SUM(status = 'claimed') AS claimed, SUM(status = 'waitlisted') AS waitlisted FROM claims WHERE task_id = ?",
    [taskId],
  );
  latencies.sort((a, b) => a - b);
  const codes = {};
  for (const s of statuses) codes[s.code] = (codes[s.code] ?? 0) + 1;
  const claimed = statuses.filter((s) => s.status === 'claimed').length;
  const waitlisted = statuses.filter((s) => s.status === 'waitlisted').length;
  return {
    correct:
      claimed === BURST_CAPACITY &&
      waitlisted === members.length - BURST_CAPACITY &&
      statuses.every((s) => s.code >= 200 && s.code < 300) &&
      Number(counter.n) === BURST_CAPACITY &&
      Number(rows.claimed) === BURST_CAPACITY &&
      Number(rows.waitlisted) === members.length - BURST_CAPACITY,
    codes,
    wallMs: wallMs,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    statementsPerClaim: (after.statements - before.statements) / members.length,
    cpuMsPerClaim: (after.cpuMicros - before.cpuMicros) / 1000 / members.length,
  };
}

function summarise(runs) {
  const pick = (k, n = 1) => round(median(runs.map((r) => r[k])), n);
  return {
    p50Ms: pick('p50Ms'),
    p99Ms: pick('p99Ms'),
    wallMs: pick('wallMs'),
    statementsPerClaim: pick('statementsPerClaim', 2),
    cpuMsPerClaim: pick('cpuMsPerClaim', 2),
    correct: runs.every((r) => r.correct),
    p99Runs: runs.map((r) => round(r.p99Ms)),
  };
}

/** Answers the `claims` results. */
export async function claimsSuite({ dbUrl }) {
  console.log(`\n== claim bursts (${ROUNDS} rounds, API vs minimal SQL) on ${new URL(dbUrl).host} ==`);
  await recreateDatabase(dbUrl);
  const secret = randomBytes(32).toString('hex');
  const fieldKey = randomBytes(32).toString('hex');
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
  };
  let api = startProcess(join(API_DIST, 'main.js'), { ...env, PORT: '3811' }, 'api');
  await waitFor('http://127.0.0.1:3811/health/ready');
  await stopProcess(api);
  const city = await seedCity(dbUrl, fieldKey, SCALE);
  await createSessions(dbUrl);

  const nodeArgs = ['--import', COUNTER];
  api = startProcess(join(API_DIST, 'main.js'), { ...env, PORT: '3811', STATEMENT_COUNTER_PORT: '3813' }, 'api', [
    ...nodeArgs,
    ...cpuProfileArgs(),
  ]);
  const baseline = startProcess(
    join(ROOT, 'bench', 'baseline-server.mjs'),
    { DATABASE_URL: dbUrl, PORT: '3812', DB_POOL_SIZE: '20', STATEMENT_COUNTER_PORT: '3814' },
    'baseline',
    nodeArgs,
  );
  await waitFor('http://127.0.0.1:3811/health/ready');
  await waitFor('http://127.0.0.1:3812/health');

  const json = (body, headers = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const tokens = new Map();
  const token = (userId) => {
    if (!tokens.has(userId)) tokens.set(userId, `Bearer ${mintToken(secret, userId, 6 * 3600)}`);
    return tokens.get(userId);
  };
  const sides = {
    api: {
      url: 'http://127.0.0.1:3811/api/claims',
      counterPort: 3813,
      request: (taskId, userId) => json({ taskId }, { authorization: token(userId) }),
    },
    baseline: {
      url: 'http://127.0.0.1:3812/claim',
      counterPort: 3814,
      request: (taskId, userId) => json({ taskId, userId }),
    },
  };

  // Each side claims with the members of its own street, so the two never touch the same rows.
  const streetMembers = city.streets.map((street) =>
    city.communities.filter((c) => c.parentId === street.id).flatMap((c) => city.byCommunity.get(c.id)),
  );
  const conn = await mysql.createConnection({ uri: dbUrl, timezone: 'Z' });
  const runs = { api: [], baseline: [] };
  // A warm-up burst each (JIT, pools), not counted.
  for (let r = -1; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? ['api', 'baseline'] : ['baseline', 'api'];
    for (const name of order) {
      const streetIndex = name === 'api' ? 0 : 1;
      const community = city.communities.find((c) => c.parentId === city.streets[streetIndex].id);
      // A different day each round: a member's claims on earlier rounds' tasks never overlap.
      const taskId = await insertBurstTask(conn, community, 40 + r + 1);
      const members = streetMembers[streetIndex].slice(0, BURST);
      const result = await burst(conn, sides[name], taskId, members);
      if (r >= 0) runs[name].push(result);
      console.log(`round ${r} ${name}`, result);
    }
  }
  await conn.end();
  await stopProcess(api);
  await stopProcess(baseline);

  const apiSummary = summarise(runs.api);
  const baseSummary = summarise(runs.baseline);
  return {
    database: 'MariaDB (loopback)',
    rounds: ROUNDS,
    burst: BURST,
    capacity: BURST_CAPACITY,
    api: apiSummary,
    baseline: baseSummary,
    p99Ratio: round(apiSummary.p99Ms / baseSummary.p99Ms, 2),
    statementsRatio: round(apiSummary.statementsPerClaim / baseSummary.statementsPerClaim, 2),
    correctEveryTime: apiSummary.correct && baseSummary.correct,
  };
}

/** The claims section of latest.md, as lines. */
export function claimsMarkdown(s) {
  const row = (name, x) =>
    `| ${name} | ${x.p50Ms} | **${x.p99Ms}** | ${x.wallMs} | ${x.statementsPerClaim} | ${x.cpuMsPerClaim} | ${x.correct ? '✓' : '✗'} | ${x.p99Runs.join(', ')} |`;
  return [
    `## Claim bursts (${s.database}; ${s.burst} members claim a fresh ${s.capacity}-slot task at once, ${s.rounds} rounds, alternating)`,
    '',
    'Medians over the rounds. Statements and CPU are counted inside each server process (bench/statement-counter.mjs).',
    '',
    '| | p50 ms | p99 ms | wall ms | statements / claim | server CPU ms / claim | correct every time | p99 per round |',
    '|---|---:|---:|---:|---:|---:|:---:|---|',
    row('minimal SQL claim (slot update + claim row, no auth)', s.baseline),
    row('API `POST /api/claims`', s.api),
    '',
    `p99 ratio API / minimal SQL: **${s.p99Ratio}**; statements ratio: ${s.statementsRatio}.`,
    '',
  ];
}
