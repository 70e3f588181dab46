// The `cluster` suite of bench/run.mjs: the deployment of `npm run cluster` (nginx → API processes →
// MariaDB primary + GTID replica, Redis) at seed 003 scale. Three figures, each against a baseline
// measured in the same run:
//   - the task feed through nginx with 2 API processes vs 1 (a second nginx in front of one of them),
//     rounds alternating which goes first;
//   - 200 concurrent claims on a 10-slot task through nginx (p99, correctness), against the minimal
//     SQL claim of bench/baseline-server.mjs (two processes on the same primary, behind their own
//     nginx), bursts alternating which goes first;
//   - the replica's lag while those bursts run vs while the cluster is idle, from a heartbeat row
//     written on the primary every HEARTBEAT_MS and read back on the replica (pt-heartbeat's way).
import autocannon from 'autocannon';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { clusterPrerequisites, startCluster } from '../../scripts/cluster/index.mjs';
import { startNginx } from '../../scripts/cluster/nginx.mjs';
import { freePort } from '../../scripts/cluster/processes.mjs';
import {
  BURST_CAPACITY,
  ROOT,
  createSessions,
  insertBurstTask,
  mintToken,
  percentile,
  round,
  startProcess,
  stopProcess,
  waitFor,
} from '../lib.mjs';
import { seedCity, SCALE } from '../seed-city.mjs';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const ROUNDS = Number(process.env.BENCH_CLUSTER_ROUNDS ?? 3);
const BURSTS = Number(process.env.BENCH_CLUSTER_BURSTS ?? 5);
const CONNECTIONS = 50;
const HEARTBEAT_MS = 10;
const BURST = 200;
/** The pause after a baseline claim burst before the next burst. */
const SETTLE_MS = 3000;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : 0;
};

function cannon(opts) {
  return new Promise((resolve, reject) => {
    const inst = autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    autocannon.track(inst, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

/**
 * Replica lag, sampled: the primary stamps a heartbeat row every HEARTBEAT_MS; every HEARTBEAT_MS the
 * replica is asked how old the stamp it holds is. Resolution: one heartbeat period. Sampling starts
 * once the session's first stamp is on the replica.
 */
async function heartbeat(primary, replica) {
  // A first stamp, on the replica before sampling starts: the row's age since the last session
  // (another burst, a pause) is no lag.
  await primary.query('UPDATE bench_heartbeat SET ts = NOW(6) WHERE id = 1');
  const stampOf = async (conn) =>
    (await conn.query('SELECT CAST(ts AS CHAR) AS ts FROM bench_heartbeat WHERE id = 1'))[0][0].ts;
  const first = await stampOf(primary);
  for (const deadline = Date.now() + 30_000; (await stampOf(replica)) !== first;) {
    if (Date.now() > deadline) throw new Error('the replica did not apply the first heartbeat within 30 s');
    await new Promise((r) => setTimeout(r, 2));
  }
  let running = true;
  const samples = [];
  const writer = (async () => {
    while (running) {
      await primary.query('UPDATE bench_heartbeat SET ts = NOW(6) WHERE id = 1');
      await new Promise((r) => setTimeout(r, HEARTBEAT_MS));
    }
  })();
  const reader = (async () => {
    while (running) {
      const [[row]] = await replica.query(
        'SELECT TIMESTAMPDIFF(MICROSECOND, ts, NOW(6)) / 1000 AS ms FROM bench_heartbeat WHERE id = 1',
      );
      if (row) samples.push(Number(row.ms));
      await new Promise((r) => setTimeout(r, HEARTBEAT_MS));
    }
  })();
  return async () => {
    running = false;
    await Promise.all([writer, reader]);
    const s = [...samples].sort((a, b) => a - b);
    return {
      samples: s.length,
      p50Ms: round(percentile(s, 50)),
      p99Ms: round(percentile(s, 99)),
      maxMs: round(s.at(-1) ?? 0),
    };
  };
}

/** How each side is asked for a claim: the API as a signed-in member, the baseline with no auth. */
const claimRequest = {
  api: (url, secret, taskId, userId) =>
    fetch(`${url}/api/claims`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${mintToken(secret, userId)}` },
      body: JSON.stringify({ taskId }),
    }),
  baseline: (url, _secret, taskId, userId) =>
    fetch(`${url}/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ taskId, userId }),
    }),
};

/** One burst through nginx: every member claims at once; latencies and correctness. */
async function burst(side, url, secret, conn, taskId, members) {
  const latencies = [];
  const t0 = performance.now();
  const statuses = await Promise.all(
    members.map(async (userId) => {
      const s = performance.now();
      try {
        const res = await claimRequest[side](url, secret, taskId, userId);
        const body = await res.json();
        latencies.push(performance.now() - s);
        return { code: res.status, status: body.status };
      } catch {
        latencies.push(performance.now() - s);
        return { code: 0, status: null };
      }
    }),
  );
  const wallMs = performance.now() - t0;
  const [[counter]] = await conn.query('SELECT claimed_count AS n FROM tasks WHERE id = ?', [taskId]);
  const [[rows]] = await conn.query("SELECT COUNT(*) AS n FROM claims WHERE task_id = ? AND status = 'claimed'", [
    taskId,
  ]);
  const claimed = statuses.filter((s) => s.status === 'claimed').length;
  const waitlisted = statuses.filter((s) => s.status === 'waitlisted').length;
  const failed = statuses.filter((s) => s.code >= 500 || s.code === 0).length;
  latencies.sort((a, b) => a - b);
  return {
    claimed,
    waitlisted,
    failed,
    correct:
      claimed === BURST_CAPACITY &&
      waitlisted === members.length - BURST_CAPACITY &&
      failed === 0 &&
      Number(counter.n) === BURST_CAPACITY &&
      Number(rows.n) === BURST_CAPACITY,
    wallMs: round(wallMs),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
  };
}

/** Answers the `cluster` results (or why the machine cannot run it). */
export async function clusterSuite() {
  const missing = clusterPrerequisites();
  if (missing.length) return { skipped: `not installed: ${missing.join('; ')}` };
  console.log('\n== cluster: nginx → 2 API processes → MariaDB primary + replica, Redis ==');
  const secret = randomBytes(32).toString('hex');
  const fieldKey = randomBytes(32).toString('hex');
  const cluster = await startCluster({
    apiProcesses: 2,
    database: 'sbd_bench_cluster',
    log: (line) => console.log(`  ${line}`),
    apiEnv: {
      NODE_ENV: 'production',
      JWT_SECRET: secret,
      FIELD_ENCRYPTION_KEY: fieldKey,
      WECHAT_APP_ID: 'wx-bench',
      WECHAT_APP_SECRET: 'bench',
      H5_DIR: '/nonexistent',
      LOG_LEVEL: 'error',
      SCHEDULER_ENABLED: 'false',
      DB_POOL_SIZE: '20',
    },
  });
  let oneNginx = null;
  let baselineNginx = null;
  const baselines = [];
  const primary = await mysql.createConnection({ uri: cluster.primary.url, timezone: 'Z' });
  const replica = await mysql.createConnection({
    host: '127.0.0.1',
    port: cluster.replica.port,
    user: 'root',
    database: cluster.database,
    timezone: 'Z',
  });
  try {
    const t0 = Date.now();
    const city = await seedCity(cluster.primary.url, fieldKey);
    await createSessions(cluster.primary.url);
    await primary.query('CREATE TABLE bench_heartbeat (id INT PRIMARY KEY, ts DATETIME(6) NOT NULL)');
    await primary.query('INSERT INTO bench_heartbeat VALUES (1, NOW(6))');
    await cluster.replicaCaughtUp();
    console.log(`seeded ${JSON.stringify(city.counts)} in ${round((Date.now() - t0) / 1000)} s`);

    // A second nginx, the same configuration, in front of the first API process only.
    const oneDir = join(cluster.dir, 'nginx-one');
    mkdirSync(oneDir, { recursive: true });
    const onePort = await freePort();
    oneNginx = await startNginx({ dir: oneDir, port: onePort, upstreams: [`127.0.0.1:${cluster.apis[0].port}`] });

    const sample = Array.from({ length: 500 }, (_, i) => 1 + ((i * 53) % SCALE.members));
    const tokens = sample.map((userId) => `Bearer ${mintToken(secret, userId)}`);
    const feed = () => {
      let state = 20261204;
      return [
        {
          method: 'GET',
          path: '/api/tasks/feed?limit=20',
          setupRequest: (req) => {
            state = (state * 1103515245 + 12345) >>> 0;
            return { ...req, headers: { authorization: tokens[(state >>> 8) % tokens.length] } };
          },
        },
      ];
    };
    const sides = { one: `http://127.0.0.1:${onePort}`, two: cluster.url };
    for (const url of Object.values(sides)) await cannon({ url, requests: feed(), duration: 2 });
    const runs = { one: [], two: [] };
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? ['one', 'two'] : ['two', 'one'];
      for (const side of order) {
        const res = await cannon({ url: sides[side], requests: feed() });
        runs[side].push({ rps: round(res.requests.average), p99Ms: res.latency.p99, non2xx: res.non2xx });
        console.log(`feed ${side} process(es), round ${r + 1}:`, runs[side].at(-1));
      }
    }
    const feedOf = (side) => ({
      rps: median(runs[side].map((x) => x.rps)),
      p99Ms: median(runs[side].map((x) => x.p99Ms)),
      non2xx: runs[side].reduce((n, x) => n + x.non2xx, 0),
      rounds: runs[side],
    });
    const one = feedOf('one');
    const two = feedOf('two');

    // The baseline claims: two bare servers on the same primary, behind their own nginx.
    const baselineDir = join(cluster.dir, 'nginx-baseline');
    mkdirSync(baselineDir, { recursive: true });
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const proc = startProcess(
        join(ROOT, 'bench', 'baseline-server.mjs'),
        { DATABASE_URL: cluster.primary.url, PORT: String(port), DB_POOL_SIZE: '20' },
        `baseline-${i + 1}`,
      );
      baselines.push({ port, proc });
      await waitFor(`http://127.0.0.1:${port}/health`);
    }
    const baselinePort = await freePort();
    baselineNginx = await startNginx({
      dir: baselineDir,
      port: baselinePort,
      upstreams: baselines.map((b) => `127.0.0.1:${b.port}`),
    });
    const claimUrls = { api: cluster.url, baseline: `http://127.0.0.1:${baselinePort}` };

    // Replica lag at rest, then under the claim bursts.
    const idleStop = await heartbeat(primary, replica);
    await new Promise((r) => setTimeout(r, 3000));
    const idleLag = await idleStop();
    const bursts = [];
    const baselineBursts = [];
    const lags = [];
    // Each burst its own street's members and task (the baseline's streets come after the API's),
    // the replica caught up before it starts, so the lag measured is the burst's own.
    const prepare = async (streetIndex, day) => {
      const street = city.streets[streetIndex % city.streets.length];
      const communities = city.communities.filter((c) => c.parentId === street.id);
      const members = communities.flatMap((c) => city.byCommunity.get(c.id)).slice(0, BURST);
      const taskId = await insertBurstTask(primary, communities[0], day);
      await cluster.replicaCaughtUp();
      return { taskId, members };
    };
    const run = async (side, { taskId, members }) => ({
      members: members.length,
      ...(await burst(side, claimUrls[side], secret, primary, taskId, members)),
    });
    for (let b = 0; b < BURSTS; b++) {
      const order = b % 2 === 0 ? ['api', 'baseline'] : ['baseline', 'api'];
      for (const side of order) {
        if (side === 'baseline') {
          baselineBursts.push(await run('baseline', await prepare(BURSTS + b, 40 + BURSTS + b)));
          console.log(`baseline claim burst ${b + 1}:`, baselineBursts.at(-1));
          // Its after-work (the replica applying it, InnoDB flushing) is not the next burst's lag.
          await new Promise((r) => setTimeout(r, SETTLE_MS));
          continue;
        }
        const ready = await prepare(b, 40 + b);
        const stop = await heartbeat(primary, replica);
        bursts.push(await run('api', ready));
        await new Promise((r) => setTimeout(r, 200));
        lags.push(await stop());
        console.log(`claim burst ${b + 1}:`, bursts.at(-1), 'replica lag', lags.at(-1));
      }
    }
    const burstLag = {
      p50Ms: median(lags.map((l) => l.p50Ms)),
      p99Ms: median(lags.map((l) => l.p99Ms)),
      maxMs: Math.max(...lags.map((l) => l.maxMs)),
    };
    const claimP99 = median(bursts.map((b) => b.p99Ms));
    const baselineP99 = median(baselineBursts.map((b) => b.p99Ms));
    return {
      topology: '1 nginx (1 worker) → 2 API processes → MariaDB primary + GTID replica, Redis; all on this machine',
      scale: city.counts,
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      heartbeatMs: HEARTBEAT_MS,
      feed: { one, two, rpsRatio: round(two.rps / one.rps, 2) },
      claimBursts: bursts,
      claimBurstP99Ms: claimP99,
      baselineClaimBursts: baselineBursts,
      baselineClaimBurstP99Ms: baselineP99,
      claimBurstP99Ratio: round(claimP99 / baselineP99, 2),
      replicaLag: { idle: idleLag, underBursts: burstLag, perBurst: lags },
      targets: {
        feedTwoProcessesAtLeast1_6x: two.rps / one.rps >= 1.6,
        claimBurstP99Under250Ms: claimP99 < 250,
        claimBurstCorrectEveryTime: bursts.every((b) => b.correct),
      },
    };
  } finally {
    await primary.end().catch(() => undefined);
    await replica.end().catch(() => undefined);
    if (oneNginx) await oneNginx.stop('SIGQUIT', 5_000);
    if (baselineNginx) await baselineNginx.stop('SIGQUIT', 5_000);
    for (const b of baselines) await stopProcess(b.proc);
    await cluster.stop();
  }
}

/** The cluster section of latest.md, as lines. */
export function clusterMarkdown(s) {
  if (s.skipped) return ['## Cluster', '', `Skipped: ${s.skipped}.`, ''];
  const met = (x) => (x ? 'met' : 'NOT met');
  return [
    `## Cluster (${s.topology}; ${s.scale.members} members, ${s.scale.tasks} tasks)`,
    '',
    `Task feed through nginx, ${s.connections} connections × ${s.durationSeconds} s, medians of ${s.feed.one.rounds.length} alternating rounds:`,
    '',
    '| API processes behind nginx | rps | p99 ms | non-2xx | rps per round |',
    '|---|---:|---:|---:|---|',
    `| 1 (baseline) | ${s.feed.one.rps} | ${s.feed.one.p99Ms} | ${s.feed.one.non2xx} | ${s.feed.one.rounds.map((r) => r.rps).join(', ')} |`,
    `| 2 | ${s.feed.two.rps} | ${s.feed.two.p99Ms} | ${s.feed.two.non2xx} | ${s.feed.two.rounds.map((r) => r.rps).join(', ')} |`,
    `| **ratio 2 / 1** | **${s.feed.rpsRatio}** | | | |`,
    '',
    `Claim bursts through nginx, ${BURST} concurrent claims on a ${BURST_CAPACITY}-slot task:`,
    '',
    '| burst | claimed | waitlisted | failed | correct | wall ms | p50 ms | p99 ms | replica lag p99 ms | lag max ms |',
    '|---:|---:|---:|---:|:---:|---:|---:|---:|---:|---:|',
    ...s.claimBursts.map(
      (b, i) =>
        `| ${i + 1} | ${b.claimed} | ${b.waitlisted} | ${b.failed} | ${b.correct ? '✓' : '✗'} | ${b.wallMs} | ${b.p50Ms} | ${b.p99Ms} | ${s.replicaLag.perBurst[i].p99Ms} | ${s.replicaLag.perBurst[i].maxMs} |`,
    ),
    '',
    ...(s.baselineClaimBursts
      ? [
          `The same bursts against the minimal SQL claim (bench/baseline-server.mjs: one transaction with the slot update and the claim row, no auth), two processes on the same primary behind their own nginx, bursts alternating which goes first:`,
          '',
          '| burst | claimed | waitlisted | failed | correct | wall ms | p50 ms | p99 ms |',
          '|---:|---:|---:|---:|:---:|---:|---:|---:|',
          ...s.baselineClaimBursts.map(
            (b, i) =>
              `| ${i + 1} | ${b.claimed} | ${b.waitlisted} | ${b.failed} | ${b.correct ? '✓' : '✗'} | ${b.wallMs} | ${b.p50Ms} | ${b.p99Ms} |`,
          ),
          '',
          `Median p99: API ${s.claimBurstP99Ms} ms, minimal SQL claim ${s.baselineClaimBurstP99Ms} ms (ratio **${s.claimBurstP99Ratio}**).`,
          '',
        ]
      : []),
    `Replica lag (heartbeat every ${s.heartbeatMs} ms, so ${s.heartbeatMs} ms is the resolution): idle p50 ${s.replicaLag.idle.p50Ms} ms, p99 ${s.replicaLag.idle.p99Ms} ms; under the bursts p50 ${s.replicaLag.underBursts.p50Ms} ms, p99 ${s.replicaLag.underBursts.p99Ms} ms, max ${s.replicaLag.underBursts.maxMs} ms.`,
    '',
    `Targets (issue #13): feed with 2 processes ≥ 1.6× one: ${met(s.targets.feedTwoProcessesAtLeast1_6x)}; claim burst p99 < 250 ms: ${met(s.targets.claimBurstP99Under250Ms)} (median p99 ${s.claimBurstP99Ms} ms${s.baselineClaimBursts ? `; the minimal SQL claim's ${s.baselineClaimBurstP99Ms} ms` : ''}); every burst correct: ${met(s.targets.claimBurstCorrectEveryTime)}.`,
    '',
  ];
}
