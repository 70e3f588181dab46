// `npm run bench`: measures the API against a baseline measured in the same run, on MariaDB,
// and writes bench/results/latest.json and latest.md. Figures are ratios, since machines are noisy.
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import mysql from 'mysql2/promise';
import {
  API_DIST,
  ROOT,
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
import { offlineEvaluation } from './matching-eval.mjs';
import { dashboardMarkdown, dashboardSuite } from './dashboard.mjs';
import { reliabilityMarkdown, reliabilitySuite } from './reliability.mjs';

const DB_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/sbd_bench';
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 50;
const results = {
  startedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, memoryGb: round(totalmem() / 2 ** 30) },
  suites: {},
};

function build() {
  const nx = join(ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
  const res = spawnSync(
    process.execPath,
    [nx, 'run-many', '-t', 'build', '-p', '@sbd/contracts', '@sbd/domain', '@sbd/api', '--outputStyle=static'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (res.status !== 0) throw new Error('build failed');
}

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

async function apiSuite() {
  console.log(`\n== service loop at seed 003 scale on ${new URL(DB_URL).host} ==`);
  await recreateDatabase(DB_URL);
  const secret = randomBytes(32).toString('hex');
  const fieldKey = randomBytes(32).toString('hex');
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: DB_URL,
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
  const city = await seedCity(DB_URL, fieldKey);
  await createSessions(DB_URL);
  const seedSeconds = round((Date.now() - t0) / 1000);
  console.log(`seeded ${JSON.stringify(city.counts)} in ${seedSeconds} s`);

  api = startProcess(join(API_DIST, 'main.js'), { ...env, PORT: '3801' }, 'api');
  const baseline = startProcess(
    join(ROOT, 'bench', 'baseline-server.mjs'),
    { DATABASE_URL: DB_URL, PORT: '3802', DB_POOL_SIZE: '20' },
    'baseline',
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

  // Warm each up, then measure the baselines and ours back to back.
  const servers = [
    ['baseline', 'http://127.0.0.1:3802', baseRequests('feed')],
    ['simple', 'http://127.0.0.1:3802', baseRequests('simple')],
    ['api', 'http://127.0.0.1:3801', feedRequests],
  ];
  const measured = {};
  for (const [name, url, requests] of servers) {
    await cannon({ url, requests: requests(), duration: 2 });
    measured[name] = summary(await cannon({ url, requests: requests() }));
    console.log(name.padEnd(9), measured[name]);
  }
  const { baseline: base, simple, api: ours } = measured;

  // Claim bursts: 200 members of one street claim a fresh 10-slot task at once, three times.
  const conn = await mysql.createConnection({ uri: DB_URL, timezone: 'Z' });
  const bursts = [];
  for (let round_ = 0; round_ < 3; round_++) {
    const street = city.streets[round_];
    const streetCommunities = city.communities.filter((c) => c.parentId === street.id);
    const members = streetCommunities.flatMap((c) => city.byCommunity.get(c.id)).slice(0, 200);
    const start = new Date(Date.now() + (40 + round_) * 24 * 3600_000);
    const [ins] = await conn.query(
      `INSERT INTO tasks (community_id, street_id, kind, target, title, description, status, capacity, claimed_count, waitlist, starts_at, ends_at, claim_deadline, withdraw_cutoff_minutes, place, checkin_radius_m, points_per_hour, points_minimum, points_max, required_skills, checkin_secret, created_by_id, published_at, created_at, updated_at)
       VALUES (?, ?, 'micro', 'individuals', '抢单测试', '200人同时报名10个名额', 'published', 10, 0, 1, ?, ?, ?, 120, '测试', 500, 10, 5, 100, '[]', 'bench', 1, ?, ?, ?)`,
      [
        streetCommunities[0].id,
        street.id,
        toDbDate(start),
        toDbDate(new Date(start.getTime() + 3600_000)),
        toDbDate(start),
        toDbDate(new Date()),
        toDbDate(new Date()),
        toDbDate(new Date()),
      ],
    );
    const taskId = ins.insertId;
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
      claimed === 10 &&
      waitlisted === members.length - 10 &&
      fivexx === 0 &&
      Number(counter.n) === 10 &&
      Number(rows.n) === 10;
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

  results.suites.serviceLoop = {
    database: 'MariaDB (loopback)',
    scale: city.counts,
    seedSeconds,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    feed: {
      baseline: base,
      simple,
      api: ours,
      rpsRatio: round(ours.rps / base.rps, 2),
      rpsRatioToSimple: round(ours.rps / simple.rps, 2),
    },
    claimBursts: bursts,
    targets: {
      feedRpsAtLeastHalfOfBaseline: ours.rps / base.rps >= 0.5,
      feedP99Under100Ms: ours.p99Ms < 100,
      claimBurstCorrectEveryTime: bursts.every((b) => b.correct),
    },
  };
}

async function matchingSuite() {
  console.log('\n== matching: offline evaluation ==');
  const evaluation = offlineEvaluation();
  console.log(JSON.stringify(evaluation.quality), JSON.stringify(evaluation.spread));

  console.log('\n== matching: recommendations among 5,000 open tasks in one street (MariaDB) ==');
  const url = DB_URL.replace(/\/([^/]+)$/, '/$1_match');
  await recreateDatabase(url);
  const secret = randomBytes(32).toString('hex');
  const fieldKey = randomBytes(32).toString('hex');
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    JWT_SECRET: secret,
    FIELD_ENCRYPTION_KEY: fieldKey,
    WECHAT_APP_ID: 'wx-bench',
    WECHAT_APP_SECRET: 'bench',
    PUBLIC_BASE_URL: 'http://127.0.0.1',
    H5_DIR: '/nonexistent',
    LOG_LEVEL: 'error',
    SCHEDULER_ENABLED: 'false',
  };
  let api = startProcess(join(API_DIST, 'main.js'), { ...env, PORT: '3803' }, 'api');
  await waitFor('http://127.0.0.1:3803/health/ready');
  await stopProcess(api);
  const city = await seedCity(url, fieldKey, {
    streets: 1,
    communities: 10,
    units: 10,
    members: 2000,
    tasks: 5000,
    claims: 2000,
    openShare: 1,
  });
  await createSessions(url);
  api = startProcess(join(API_DIST, 'main.js'), { ...env, PORT: '3803' }, 'api');
  await waitFor('http://127.0.0.1:3803/health/ready');
  const conn = await mysql.createConnection({ uri: url, timezone: 'Z' });
  const [[open]] = await conn.query("SELECT COUNT(*) AS n FROM tasks WHERE status = 'published' AND street_id = ?", [
    city.streets[0].id,
  ]);

  const members = Array.from({ length: 100 }, (_, i) => 1 + i * 19);
  const timeIt = async (fn) => {
    const lat = [];
    for (let rep = 0; rep < 2; rep++) {
      for (const m of members) {
        const s = performance.now();
        await fn(m);
        lat.push(performance.now() - s);
      }
    }
    lat.sort((a, b) => a - b);
    return {
      requests: lat.length,
      p50Ms: round(percentile(lat, 50)),
      p95Ms: round(percentile(lat, 95)),
      maxMs: round(lat[lat.length - 1]),
    };
  };
  let returned = 0;
  await fetch('http://127.0.0.1:3803/api/recommendations/tasks', {
    headers: { authorization: `Bearer ${mintToken(secret, members[0])}` },
  });
  const ours = await timeIt(async (m) => {
    const res = await fetch('http://127.0.0.1:3803/api/recommendations/tasks?limit=10', {
      headers: { authorization: `Bearer ${mintToken(secret, m)}` },
    });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`recommendations answered ${res.status}: ${JSON.stringify(body)}`);
    returned += body.length;
  });
  const baseline = await timeIt(async () => {
    await conn.query(
      "SELECT * FROM tasks WHERE status IN ('published', 'in_progress') AND street_id = ? AND ends_at > ? ORDER BY published_at DESC, id DESC LIMIT 20",
      [city.streets[0].id, toDbDate(new Date())],
    );
  });
  await conn.end();
  await stopProcess(api);
  console.log('recommendations', ours, 'baseline newest 20', baseline);
  results.suites.matching = {
    offline: evaluation,
    performance: {
      openTasksInStreet: Number(open.n),
      members: city.counts.members,
      recommendations: { ...ours, averageReturned: round(returned / ours.requests, 1) },
      baselineNewest20: baseline,
      p95Ratio: round(ours.p95Ms / baseline.p95Ms, 1),
      targets: { p95Under50Ms: ours.p95Ms < 50 },
    },
  };
}

/** The mini-program: H5 first screen in Chromium (loopback, demo city on SQLite) and build sizes. */
async function h5Suite() {
  console.log('\n== mini-program: build sizes and H5 first screen ==');
  const nx = join(ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
  const built = spawnSync(process.execPath, [nx, 'run', '@sbd/miniapp:build', '--outputStyle=static'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('mini-program build failed');
  const sizeFile = join(ROOT, 'bench', 'results', 'tmp', 'sizes.json');
  spawnSync(process.execPath, [join(ROOT, 'apps', 'miniapp', 'scripts', 'size-report.mjs'), sizeFile], {
    cwd: join(ROOT, 'apps', 'miniapp'),
    stdio: 'inherit',
  });
  const sizes = JSON.parse((await import('node:fs')).readFileSync(sizeFile, 'utf8'));

  const dataDir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'sbd-bench-h5-'));
  const env = {
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'error',
    H5_DIR: join(ROOT, 'apps', 'miniapp', 'dist', 'h5'),
  };
  spawnSync(process.execPath, [join(API_DIST, 'seed', 'seed.cli.js')], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  const api = startProcess(join(API_DIST, 'main.js'), { ...env, PORT: '3804' }, 'api-h5');
  await waitFor('http://127.0.0.1:3804/health/ready');
  // A few open tasks in the demo member's community, so the feed has something to show.
  const login = await (
    await fetch('http://127.0.0.1:3804/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '13800000004', password: 'Demo@2026' }),
    })
  ).json();
  const [community] = login.user.roles.filter((r) => r.role === 'community_admin').map((r) => r.scopeNodeId);
  for (let i = 0; i < 5; i++) {
    const start = new Date(Date.now() + (i + 1) * 24 * 3600_000);
    await fetch('http://127.0.0.1:3804/api/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.accessToken}` },
      body: JSON.stringify({
        communityId: community,
        kind: 'micro',
        target: 'individuals',
        title: `楼道清理${i + 1}`,
        description: '清理楼道杂物',
        capacity: 3,
        startAt: start.toISOString(),
        endAt: new Date(start.getTime() + 7200_000).toISOString(),
        place: '桃园小区',
        publish: true,
      }),
    });
  }
  const { benchFirstScreen } = await import(join(ROOT, 'apps', 'miniapp', 'scripts', 'bench-first-screen.mjs'));
  const firstScreen = await benchFirstScreen({ baseUrl: 'http://127.0.0.1:3804', runs: 5 });
  // Baseline in the same run: the bare H5 page (index.html and its scripts) with no login and no API call.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const blank = [];
  for (let i = 0; i < 5; i++) {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await ctx.newPage();
    await page.goto('http://127.0.0.1:3804/pages/login/index', { waitUntil: 'load' });
    blank.push(await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd));
    await ctx.close();
  }
  await browser.close();
  blank.sort((a, b) => a - b);
  await stopProcess(api);
  results.suites.miniapp = {
    sizes,
    firstScreen,
    baselineLoginPageLoadMs: round(blank[Math.floor(blank.length / 2)]),
  };
}

function markdown() {
  const s = results.suites.serviceLoop;
  const lines = [
    `# Benchmark results`,
    '',
    `Run ${results.startedAt} on ${results.machine.cpus} cores / ${results.machine.memoryGb} GB.`,
    '',
  ];
  if (s) {
    lines.push(
      `## Service loop (${s.database}; ${s.scale.members} members, ${s.scale.communities} communities, ${s.scale.tasks} tasks, ${s.scale.claims} claims)`,
      '',
      `Task feed, ${s.connections} connections × ${s.durationSeconds} s, each request for one of 500 members at random:`,
      '',
      '| | rps | p50 ms | p99 ms | non-2xx |',
      '|---|---:|---:|---:|---:|',
      `| baseline: Fastify + mysql2 running the API's feed statement (\`feedSql\`), no auth, no DTOs | ${s.feed.baseline.rps} | ${s.feed.baseline.p50Ms} | ${s.feed.baseline.p99Ms} | ${s.feed.baseline.non2xx} |`,
      ...(s.feed.simple
        ? [
            `| for reference: the same server running the simplest query (one community's open tasks) | ${s.feed.simple.rps} | ${s.feed.simple.p50Ms} | ${s.feed.simple.p99Ms} | ${s.feed.simple.non2xx} |`,
          ]
        : []),
      `| API \`GET /api/tasks/feed\` (auth, roles from the database, DTOs, own claims, cache revalidated) | ${s.feed.api.rps} | ${s.feed.api.p50Ms} | ${s.feed.api.p99Ms} | ${s.feed.api.non2xx} |`,
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
      `Targets: feed ≥ 50% of baseline rps: ${s.targets.feedRpsAtLeastHalfOfBaseline ? 'met' : 'NOT met'}; feed p99 < 100 ms: ${s.targets.feedP99Under100Ms ? 'met' : 'NOT met'}; claim burst correct every time: ${s.targets.claimBurstCorrectEveryTime ? 'met' : 'NOT met'}.`,
      '',
    );
  }
  const mt = results.suites.matching;
  if (mt) {
    const q = mt.offline.quality;
    const g = mt.offline.spread;
    lines.push(
      `## Matching (offline evaluation on a synthetic street: ${mt.offline.street.members} members, ${mt.offline.street.openTasks} open tasks)`,
      '',
      'Acceptance model (the "truth"): utility = 2.0·position (+1 holds / −1 lacks a required one) + 1.0·skill overlap + 1.5·starts in a declared free slot + 1.2·e^(−distance/800 m) − 0.4·ln(1 + services done) − 2.0 + N(0, 0.7); P(accept) = sigmoid(utility). Gini: 30 simulated days, 15 tasks a day, 3 staff invitations per task plus members opening the app (heavy-tailed activity).',
      '',
      '| policy | precision@5 | nDCG@10 | services | members serving | Gini |',
      '|---|---:|---:|---:|---:|---:|',
      ...['ours', 'newestFirst', 'nearestFirst'].map(
        (p) =>
          `| ${p} | ${q[p].precisionAt5} | ${q[p].ndcgAt10} | ${g[p].services} | ${g[p].membersServing} | ${g[p].gini} |`,
      ),
      '',
      `precision@5 ours / newest-first = **${mt.offline.ratios.precisionAt5OursOverNewest}** (target ≥ 1.5: ${mt.offline.targets.precisionAt5AtLeast1_5xNewest ? 'met' : 'NOT met'}); Gini lower than newest-first: ${mt.offline.targets.giniLowerThanNewest ? 'met' : 'NOT met'}.`,
      '',
      `Recommendations for one member among ${mt.performance.openTasksInStreet} open tasks in a street (MariaDB, sequential, ${mt.performance.recommendations.requests} requests): p50 ${mt.performance.recommendations.p50Ms} ms, **p95 ${mt.performance.recommendations.p95Ms} ms** (target < 50 ms: ${mt.performance.targets.p95Under50Ms ? 'met' : 'NOT met'}); baseline plain "newest 20" query p50 ${mt.performance.baselineNewest20.p50Ms} ms, p95 ${mt.performance.baselineNewest20.p95Ms} ms (ratio ${mt.performance.p95Ratio}×).`,
      '',
    );
  }
  const mp = results.suites.miniapp;
  if (mp) {
    const kb = (b) => `${round(b / 1024, 1)} KB`;
    const fs = mp.firstScreen;
    lines.push(
      '## Mini-program',
      '',
      '| build | size | budget | share of budget |',
      '|---|---:|---:|---:|',
      `| weapp main package | ${kb(mp.sizes.weapp.mainBytes)} | ${kb(mp.sizes.limits.weappMain)} | ${round(mp.sizes.weapp.mainBytes / mp.sizes.limits.weappMain, 2)} |`,
      ...mp.sizes.weapp.subPackages.map(
        (sp) =>
          `| weapp sub-package ${sp.root} | ${kb(sp.bytes)} | ${kb(sp.limit)} | ${round(sp.bytes / sp.limit, 2)} |`,
      ),
      `| H5 first-load JS (gzip) | ${kb(mp.sizes.h5.firstLoadGzipBytes)} | ${kb(mp.sizes.limits.h5FirstLoadJsGzip)} | ${round(mp.sizes.h5.firstLoadGzipBytes / mp.sizes.limits.h5FirstLoadJsGzip, 2)} |`,
      '',
      `H5 first screen (loopback, Chromium, 375 px, ${fs.runs} runs, ${fs.feedItems} tasks in the feed): task feed visible after **${fs.cold.feedVisibleMs.median} ms** cold (min ${fs.cold.feedVisibleMs.min}, max ${fs.cold.feedVisibleMs.max}; ${kb(fs.cold.transferredBytes.median)} transferred) and **${fs.warm.feedVisibleMs.median} ms** warm; baseline in the same run: the bare login page loads in ${mp.baselineLoginPageLoadMs} ms (ratio cold/baseline ${round(fs.cold.feedVisibleMs.median / mp.baselineLoginPageLoadMs, 1)}×).`,
      '',
    );
  }
  if (results.suites.dashboard) lines.push(dashboardMarkdown(results.suites.dashboard), '');
  if (results.suites.reliability) lines.push(reliabilityMarkdown(results.suites.reliability), '');
  return lines.join('\n');
}

const only = process.argv.slice(2);
// Running some suites keeps the other suites' last figures in the results file.
if (only.length) {
  try {
    const previous = JSON.parse(
      (await import('node:fs')).readFileSync(join(ROOT, 'bench', 'results', 'latest.json'), 'utf8'),
    );
    results.suites = { ...previous.suites };
  } catch {
    /* first run */
  }
}
build();
if (!only.length || only.includes('api')) await apiSuite();
if (!only.length || only.includes('matching')) await matchingSuite();
if (!only.length || only.includes('h5')) await h5Suite();
if (!only.length || only.includes('dashboard')) {
  results.suites.dashboard = await dashboardSuite({ dbUrl: DB_URL.replace(/\/([^/]+)$/, '/$1_dash') });
}
if (!only.length || only.includes('reliability')) results.suites.reliability = await reliabilitySuite();
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'latest.json'), JSON.stringify(results, null, 2));
writeFileSync(join(ROOT, 'bench', 'results', 'latest.md'), markdown());
console.log(`\n${markdown()}`);
