// `npm run bench`: measures the API against a baseline measured in the same run, on MariaDB,
// and writes bench/results/latest.json and latest.md. Figures are ratios, since machines are noisy.
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import mysql from 'mysql2/promise';
import { API_DIST, ROOT, mintToken, percentile, recreateDatabase, round, startProcess, stopProcess, toDbDate, waitFor } from './lib.mjs';
import { seedCity, SCALE } from './seed-city.mjs';

const DB_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/sbd_bench';
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 50;
const results = { startedAt: new Date().toISOString(), machine: { cpus: cpus().length, memoryGb: round(totalmem() / 2 ** 30) }, suites: {} };

function build() {
  const nx = join(ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
  const res = spawnSync(process.execPath, [nx, 'run-many', '-t', 'build', '-p', '@sbd/contracts', '@sbd/domain', '@sbd/api', '--outputStyle=static'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) throw new Error('build failed');
}

async function cannon(opts) {
  return new Promise((resolve, reject) => {
    const inst = autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
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
  const env = { NODE_ENV: 'production', DATABASE_URL: DB_URL, JWT_SECRET: secret, FIELD_ENCRYPTION_KEY: fieldKey, WECHAT_APP_ID: 'wx-bench', WECHAT_APP_SECRET: 'bench', PUBLIC_BASE_URL: 'http://127.0.0.1', H5_DIR: '/nonexistent', LOG_LEVEL: 'error', SCHEDULER_ENABLED: 'false', DB_POOL_SIZE: '20' };

  // Migrate by starting the API once.
  let api = startProcess(join(API_DIST, 'main.js'), { ...env, PORT: '3801' }, 'api');
  await waitFor('http://127.0.0.1:3801/health/ready');
  await stopProcess(api);

  const t0 = Date.now();
  const city = await seedCity(DB_URL, fieldKey);
  const seedSeconds = round((Date.now() - t0) / 1000);
  console.log(`seeded ${JSON.stringify(city.counts)} in ${seedSeconds} s`);

  api = startProcess(join(API_DIST, 'main.js'), { ...env, PORT: '3801' }, 'api');
  const baseline = startProcess(join(ROOT, 'bench', 'baseline-server.mjs'), { DATABASE_URL: DB_URL, PORT: '3802', DB_POOL_SIZE: '20' }, 'baseline');
  await waitFor('http://127.0.0.1:3801/health/ready');
  await waitFor('http://127.0.0.1:3802/health');

  // 500 members from all over the city; each request reads the feed of its member's community.
  const sample = Array.from({ length: 500 }, (_, i) => 1 + ((i * 53) % SCALE.members));
  const memberCommunity = (userId) => city.communities[userId % city.communities.length].id;
  const feedRequests = sample.map((userId) => ({ method: 'GET', path: '/api/tasks/feed?limit=20', headers: { authorization: `Bearer ${mintToken(secret, userId)}` } }));
  const baseRequests = sample.map((userId) => ({ method: 'GET', path: `/feed?communityId=${memberCommunity(userId)}` }));

  // Warm both up, then measure the baseline and ours back to back.
  await cannon({ url: 'http://127.0.0.1:3802', requests: baseRequests, duration: 2 });
  await cannon({ url: 'http://127.0.0.1:3801', requests: feedRequests, duration: 2 });
  const base = summary(await cannon({ url: 'http://127.0.0.1:3802', requests: baseRequests }));
  const ours = summary(await cannon({ url: 'http://127.0.0.1:3801', requests: feedRequests }));
  console.log('baseline feed', base);
  console.log('API feed     ', ours);

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
      [streetCommunities[0].id, street.id, toDbDate(start), toDbDate(new Date(start.getTime() + 3600_000)), toDbDate(start), toDbDate(new Date()), toDbDate(new Date()), toDbDate(new Date())],
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
    const [[rows]] = await conn.query("SELECT COUNT(*) AS n FROM claims WHERE task_id = ? AND status = 'claimed'", [taskId]);
    const claimed = statuses.filter((s) => s.status === 'claimed').length;
    const waitlisted = statuses.filter((s) => s.status === 'waitlisted').length;
    const fivexx = statuses.filter((s) => s.code >= 500).length;
    latencies.sort((a, b) => a - b);
    const correct = claimed === 10 && waitlisted === members.length - 10 && fivexx === 0 && Number(counter.n) === 10 && Number(rows.n) === 10;
    bursts.push({ members: members.length, claimed, waitlisted, fivexx, counter: Number(counter.n), rows: Number(rows.n), correct, wallMs: round(wallMs), p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)) });
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
    feed: { baseline: base, api: ours, rpsRatio: round(ours.rps / base.rps, 2) },
    claimBursts: bursts,
    targets: {
      feedRpsAtLeastHalfOfBaseline: ours.rps / base.rps >= 0.5,
      feedP99Under100Ms: ours.p99Ms < 100,
      claimBurstCorrectEveryTime: bursts.every((b) => b.correct),
    },
  };
}

function markdown() {
  const s = results.suites.serviceLoop;
  const lines = [`# Benchmark results`, '', `Run ${results.startedAt} on ${results.machine.cpus} cores / ${results.machine.memoryGb} GB.`, ''];
  if (s) {
    lines.push(
      `## Service loop (${s.database}; ${s.scale.members} members, ${s.scale.communities} communities, ${s.scale.tasks} tasks, ${s.scale.claims} claims)`,
      '',
      `Task feed, ${s.connections} connections × ${s.durationSeconds} s, 500 different members:`,
      '',
      '| | rps | p50 ms | p99 ms | non-2xx |',
      '|---|---:|---:|---:|---:|',
      `| baseline (Fastify + mysql2, same query, no auth) | ${s.feed.baseline.rps} | ${s.feed.baseline.p50Ms} | ${s.feed.baseline.p99Ms} | ${s.feed.baseline.non2xx} |`,
      `| API \`GET /api/tasks/feed\` | ${s.feed.api.rps} | ${s.feed.api.p50Ms} | ${s.feed.api.p99Ms} | ${s.feed.api.non2xx} |`,
      `| **ratio API / baseline** | **${s.feed.rpsRatio}** | | | |`,
      '',
      'Claim burst, 200 concurrent claims on one 10-slot task:',
      '',
      '| run | claimed | waitlisted | 5xx | counter | rows | correct | wall ms | p50 ms | p99 ms |',
      '|---:|---:|---:|---:|---:|---:|:---:|---:|---:|---:|',
      ...s.claimBursts.map((b, i) => `| ${i + 1} | ${b.claimed} | ${b.waitlisted} | ${b.fivexx} | ${b.counter} | ${b.rows} | ${b.correct ? '✓' : '✗'} | ${b.wallMs} | ${b.p50Ms} | ${b.p99Ms} |`),
      '',
      `Targets: feed ≥ 50% of baseline rps: ${s.targets.feedRpsAtLeastHalfOfBaseline ? 'met' : 'NOT met'}; feed p99 < 100 ms: ${s.targets.feedP99Under100Ms ? 'met' : 'NOT met'}; claim burst correct every time: ${s.targets.claimBurstCorrectEveryTime ? 'met' : 'NOT met'}.`,
      '',
    );
  }
  return lines.join('\n');
}

const only = process.argv.slice(2);
build();
if (!only.length || only.includes('api')) await apiSuite();
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'latest.json'), JSON.stringify(results, null, 2));
writeFileSync(join(ROOT, 'bench', 'results', 'latest.md'), markdown());
console.log(`\n${markdown()}`);
