// The `api` suite of bench/run.mjs: the service loop at seed 003 scale on MariaDB. The task feed under
// autocannon against a Fastify + mysql2 baseline measured in the same run, and 200-member claim bursts.
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import mysql from 'mysql2/promise';
import {
  cpuProfileArgs,
  API_DIST,
  BURST_CAPACITY,
  ROOT,
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
import { seedCity, SCALE } from '../seed-city.mjs';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 50;
const FEED_ROUNDS = Number(process.env.BENCH_FEED_ROUNDS ?? 3);
/** Preloaded into both servers: statements and CPU per request, counted inside each process. */
const COUNTER = pathToFileURL(join(ROOT, 'bench', 'statement-counter.mjs')).href;
const counters = async (port) => (await fetch(`http://127.0.0.1:${port}/`)).json();

async function cannon(opts) {
  return new Promise((resolve, reject) => {
    const inst = autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    autocannon.track(inst, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

const summary = (r) => ({
  rps: round(r.requests.average),
  p50Ms: r.latency.p50,
  p99Ms: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
  requests: r.requests.total,
});

/** Answers the `serviceLoop` results. */
export async function apiSuite({ dbUrl }) {
  console.log(`\n== service loop at seed 003 scale on ${new URL(dbUrl).host} ==`);
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

  // Migrate by starting the API once.
  let api = startProcess(join(API_DIST, 'main.js'), { ...env, PORT: '3801' }, 'api');
  await waitFor('http://127.0.0.1:3801/health/ready');
  await stopProcess(api);

  const t0 = Date.now();
  const city = await seedCity(dbUrl, fieldKey);
  await createSessions(dbUrl);
  const seedSeconds = round((Date.now() - t0) / 1000);
  console.log(`seeded ${JSON.stringify(city.counts)} in ${seedSeconds} s`);

  api = startProcess(join(API_DIST, 'main.js'), { ...env, PORT: '3801', STATEMENT_COUNTER_PORT: '3803' }, 'api', [
    '--import',
    COUNTER,
    ...cpuProfileArgs(),
  ]);
  const baseline = startProcess(
    join(ROOT, 'bench', 'baseline-server.mjs'),
    { DATABASE_URL: dbUrl, PORT: '3802', DB_POOL_SIZE: '20', STATEMENT_COUNTER_PORT: '3804' },
    'baseline',
    ['--import', COUNTER],
  );
  await waitFor('http://127.0.0.1:3801/health/ready');
  await waitFor('http://127.0.0.1:3802/health');

  // 500 members from all over the city; every request picks one of them at random (the same
  // seeded sequence for each server), so connections do not walk the members in lockstep.
  const sample = Array.from({ length: 500 }, (_, i) => 1 + ((i * 53) % SCALE.members));
  const homeOf = (userId) => city.communities[userId % city.communities.length];
  const randomMember = () => {
    let state = 20261122;
    return () => {
      state = (state * 1103515245 + 12345) >>> 0;
      return sample[(state >>> 8) % sample.length];
    };
  };
  const tokens = new Map(sample.map((userId) => [userId, `Bearer ${mintToken(secret, userId)}`]));
  const feedRequests = () => {
    const pick = randomMember();
    return [
      {
        method: 'GET',
        path: '/api/tasks/feed?limit=20',
        setupRequest: (req) => ({ ...req, headers: { authorization: tokens.get(pick()) } }),
      },
    ];
  };
  const baseRequests = (route) => () => {
    const pick = randomMember();
    return [
      {
        method: 'GET',
        setupRequest: (req) => {
          const c = homeOf(pick());
          return { ...req, path: `/${route}?communityId=${c.id}&streetId=${c.parentId}` };
        },
      },
    ];
  };

  // Warm each up, then measure the servers in alternating order, FEED_ROUNDS times: each figure is
  // the median over the rounds, and the ratio the median of the rounds' own ratios (paired).
  const servers = [
    ['baseline', 'http://127.0.0.1:3802', baseRequests('feed'), 3804],
    ['simple', 'http://127.0.0.1:3802', baseRequests('simple'), 3804],
    ['api', 'http://127.0.0.1:3801', feedRequests, 3803],
  ];
  for (const [, url, requests] of servers) await cannon({ url, requests: requests(), duration: 2 });
  const rounds = Object.fromEntries(servers.map(([name]) => [name, []]));
  for (let r = 0; r < FEED_ROUNDS; r++) {
    for (const [name, url, requests, counterPort] of r % 2 ? [...servers].reverse() : servers) {
      const before = await counters(counterPort);
      const res = await cannon({ url, requests: requests() });
      const after = await counters(counterPort);
      rounds[name].push({
        ...summary(res),
        statementsPerRequest: round((after.statements - before.statements) / res.requests.total, 2),
        serverCpuMsPerRequest: round((after.cpuMicros - before.cpuMicros) / 1000 / res.requests.total, 3),
      });
      console.log(`round ${r + 1} ${name.padEnd(9)}`, rounds[name].at(-1));
    }
  }
  const medianOf = (runs) => Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((x) => x[k]))]));
  const measured = Object.fromEntries(Object.entries(rounds).map(([name, runs]) => [name, medianOf(runs)]));
  const pairedRatio = (a, b) => round(median(rounds[a].map((x, i) => x.rps / rounds[b][i].rps)), 2);
  const { baseline: base, simple, api: ours } = measured;

  // Claim bursts: 200 members of one street claim a fresh 10-slot task at once, three times.
  const conn = await mysql.createConnection({ uri: dbUrl, timezone: 'Z' });
  const bursts = [];
  for (let round_ = 0; round_ < 3; round_++) {
    const street = city.streets[round_];
    const streetCommunities = city.communities.filter((c) => c.parentId === street.id);
    const members = streetCommunities.flatMap((c) => city.byCommunity.get(c.id)).slice(0, 200);
    const taskId = await insertBurstTask(conn, streetCommunities[0], 40 + round_);
    const t1 = performance.now();
    const latencies = [];
    const statuses = await Promise.all(
      members.map(async (userId) => {
        const s = performance.now();
        const res = await fetch('http://127.0.0.1:3801/api/claims', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${mintToken(secret, userId)}` },
          body: JSON.stringify({ taskId }),
        });
        latencies.push(performance.now() - s);
        return { code: res.status, status: (await res.json()).status };
      }),
    );
    const wallMs = performance.now() - t1;
    const [[counter]] = await conn.query('SELECT claimed_count AS n FROM tasks WHERE id = ?', [taskId]);
    const [[rows]] = await conn.query("SELECT COUNT(*) AS n FROM claims WHERE task_id = ? AND status = 'claimed'", [
      taskId,
    ]);
    const claimed = statuses.filter((s) => s.status === 'claimed').length;
    const waitlisted = statuses.filter((s) => s.status === 'waitlisted').length;
    const fivexx = statuses.filter((s) => s.code >= 500).length;
    latencies.sort((a, b) => a - b);
    const correct =
      claimed === BURST_CAPACITY &&
      waitlisted === members.length - BURST_CAPACITY &&
      fivexx === 0 &&
      Number(counter.n) === BURST_CAPACITY &&
      Number(rows.n) === BURST_CAPACITY;
    bursts.push({
      members: members.length,
      claimed,
      waitlisted,
      fivexx,
      counter: Number(counter.n),
      rows: Number(rows.n),
      correct,
      wallMs: round(wallMs),
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
    });
  }
  await conn.end();
  console.log('claim bursts', bursts);
  await stopProcess(api);
  await stopProcess(baseline);

  return {
    database: 'MariaDB (loopback)',
    scale: city.counts,
    seedSeconds,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    feed: {
      baseline: base,
      simple,
      api: ours,
      rpsRatio: pairedRatio('api', 'baseline'),
      rpsRatioToSimple: pairedRatio('api', 'simple'),
      rounds: FEED_ROUNDS,
      apiRpsPerRound: rounds.api.map((x) => x.rps),
      baselineRpsPerRound: rounds.baseline.map((x) => x.rps),
    },
    claimBursts: bursts,
    targets: {
      feedRpsAtLeastBaseline: pairedRatio('api', 'baseline') >= 1,
      feedP99Under50Ms: ours.p99Ms < 50,
      claimBurstCorrectEveryTime: bursts.every((b) => b.correct),
    },
  };
}

/** The service-loop section of latest.md, as lines. */
export function apiMarkdown(s) {
  return [
    `## Service loop (${s.database}; ${s.scale.members} members, ${s.scale.communities} communities, ${s.scale.tasks} tasks, ${s.scale.claims} claims)`,
    '',
    `Task feed, ${s.connections} connections × ${s.durationSeconds} s, each request for one of 500 members at random${s.feed.rounds ? `; medians of ${s.feed.rounds} rounds in alternating order, the ratios the medians of each round's own ratio (API rps per round: ${s.feed.apiRpsPerRound.join(', ')}; baseline: ${s.feed.baselineRpsPerRound.join(', ')})` : ''}:`,
    '',
    '| | rps | p50 ms | p99 ms | non-2xx | statements / request | server CPU ms / request |',
    '|---|---:|---:|---:|---:|---:|---:|',
    feedRow(
      "baseline: Fastify + mysql2 running the API's feed statement (`feedSql`), no auth, no DTOs",
      s.feed.baseline,
    ),
    ...(s.feed.simple
      ? [
          feedRow(
            "for reference: the same server running the simplest query (one community's open tasks)",
            s.feed.simple,
          ),
        ]
      : []),
    feedRow(
      'API `GET /api/tasks/feed` (auth, roles and session from the database, own claims, cache revalidated)',
      s.feed.api,
    ),
    `| **ratio API / baseline** | **${s.feed.rpsRatio}** | | | |`,
    ...(s.feed.rpsRatioToSimple ? [`| ratio API / simplest query | ${s.feed.rpsRatioToSimple} | | | |`] : []),
    '',
    'Claim burst, 200 concurrent claims on one 10-slot task:',
    '',
    '| run | claimed | waitlisted | 5xx | counter | rows | correct | wall ms | p50 ms | p99 ms |',
    '|---:|---:|---:|---:|---:|---:|:---:|---:|---:|---:|',
    ...s.claimBursts.map(
      (b, i) =>
        `| ${i + 1} | ${b.claimed} | ${b.waitlisted} | ${b.fivexx} | ${b.counter} | ${b.rows} | ${b.correct ? '✓' : '✗'} | ${b.wallMs} | ${b.p50Ms} | ${b.p99Ms} |`,
    ),
    '',
    `Targets (issue #13): feed ≥ baseline rps: ${s.targets.feedRpsAtLeastBaseline ? 'met' : 'NOT met'}; feed p99 < 50 ms: ${s.targets.feedP99Under50Ms ? 'met' : 'NOT met'}; claim burst correct every time: ${s.targets.claimBurstCorrectEveryTime ? 'met' : 'NOT met'}.`,
    '',
  ];
}

/** A row of the feed table; statements and CPU are counted inside the server (older results have none). */
function feedRow(label, r) {
  const extra = (v) => (v === undefined ? '' : v);
  return `| ${label} | ${r.rps} | ${r.p50Ms} | ${r.p99Ms} | ${r.non2xx} | ${extra(r.statementsPerRequest)} | ${extra(r.serverCpuMsPerRequest)} |`;
}
