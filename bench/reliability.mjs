// The reliability benchmark: a stalled database and a deploy, on real API processes and a private
// mariadbd (scratch datadir, own port) that is frozen with SIGSTOP — never the shared MariaDB.
//
//   node bench/run.mjs reliability      (builds the API first)
//
// 1. Freeze 30 s under load (20 clients looping on a public lookup that reads the database, and a
//    readiness probe every 500 ms), once with the API's default bounds and once, as the baseline in
//    the same run, with the bounds lifted (DB_QUERY_TIMEOUT_MS=600000, DB_ACQUIRE_TIMEOUT_MS=60000),
//    which is how the API behaved before: requests hang for as long as the database does.
// 2. SIGTERM with 1,000 requests in flight on a keep-alive agent (one retry on a reset socket).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { API_DIST, percentile, round, waitFor } from './lib.mjs';

const MARIADBD = '/usr/sbin/mariadbd';
const INSTALLER = ['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db'].find((p) => existsSync(p));
const FREEZE_MS = Number(process.env.BENCH_FREEZE_MS ?? 30_000);
const CLIENTS = 20;
const SIGTERM_REQUESTS = 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startMariadb() {
  const dir = mkdtempSync(join(tmpdir(), 'sbd-bench-mariadb-'));
  const user = process.getuid?.() === 0 ? ['--user=root'] : [];
  const install = spawnSync(
    INSTALLER,
    ['--no-defaults', `--datadir=${dir}/data`, '--auth-root-authentication-method=normal', '--skip-test-db', ...user],
    { encoding: 'utf8' },
  );
  if (install.status !== 0) throw new Error(`${INSTALLER} failed: ${install.stderr}`);
  const port = await freePort();
  const proc = spawn(
    MARIADBD,
    [
      '--no-defaults',
      `--datadir=${dir}/data`,
      `--socket=${dir}/sock`,
      `--pid-file=${dir}/pid`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--skip-name-resolve',
      '--skip-log-bin',
      '--innodb-buffer-pool-size=64M',
      '--max-connections=300',
      ...user,
    ],
    { stdio: 'ignore' },
  );
  const kill = () => {
    try {
      proc.kill('SIGCONT');
      proc.kill('SIGKILL');
    } catch {
      /* gone */
    }
  };
  process.once('exit', kill);
  for (let i = 0; ; i++) {
    try {
      const c = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 2000 });
      await c.end();
      break;
    } catch (err) {
      if (i > 200) throw err;
      await sleep(200);
    }
  }
  let n = 0;
  return {
    async database() {
      const name = `sbd_rel_${++n}`;
      const c = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
      await c.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await c.end();
      return `mysql://root@127.0.0.1:${port}/${name}`;
    },
    freeze: () => proc.kill('SIGSTOP'),
    thaw: () => proc.kill('SIGCONT'),
    async stop() {
      proc.kill('SIGCONT');
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startApi(dbUrl, extra = {}) {
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
    FIELD_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    WECHAT_APP_ID: 'wx-bench',
    WECHAT_APP_SECRET: 'bench',
    PUBLIC_BASE_URL: 'http://127.0.0.1',
    H5_DIR: '/nonexistent',
    LOG_LEVEL: 'warn',
    SCHEDULER_ENABLED: 'false',
    BCRYPT_ROUNDS: '4',
    PORT: String(port),
    ...extra,
  };
  const proc = spawn(process.execPath, [join(API_DIST, 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  const exited = new Promise((r) => proc.once('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/health/ready`);
  return { proc, url, exited, log: () => out };
}

async function freeze(mariadb, extra, label) {
  const api = await startApi(await mariadb.database(), extra);
  const results = [];
  const ready = [];
  let stop = false;
  const client = async (i) => {
    while (!stop) {
      const start = Date.now();
      const res = await fetch(`${api.url}/api/cards/SBD${String(10_000_000 + i * 1000 + (start % 1000))}`, {
        signal: AbortSignal.timeout(120_000),
      }).catch(() => null);
      if (res) await res.arrayBuffer();
      results.push({
        start,
        end: Date.now(),
        status: res?.status ?? 0,
        retryAfter: res?.headers.get('retry-after') ?? null,
      });
      await sleep(50);
    }
  };
  const probe = async () => {
    while (!stop) {
      const start = Date.now();
      const res = await fetch(`${api.url}/health/ready`, { signal: AbortSignal.timeout(120_000) }).catch(() => null);
      ready.push({ start, ms: Date.now() - start, status: res?.status ?? 0 });
      await sleep(500);
    }
  };
  const load = [...Array.from({ length: CLIENTS }, (_, i) => client(i)), probe()];
  await sleep(3_000);
  const logBefore = api.log().length;
  const frozenAt = Date.now();
  mariadb.freeze();
  await sleep(FREEZE_MS);
  const thawedAt = Date.now();
  mariadb.thaw();
  let recoveredAt = null;
  while (!recoveredAt && Date.now() - thawedAt < 60_000) {
    recoveredAt = results.find((r) => r.start >= thawedAt && r.status === 404)?.end ?? null;
    await sleep(100);
  }
  const logText = api.log().slice(logBefore);
  stop = true;
  await Promise.all(load);
  const during = results.filter((r) => r.end > frozenAt && r.start < thawedAt);
  const waits = during.map((r) => r.end - r.start).sort((a, b) => a - b);
  const first503 = during.filter((r) => r.status === 503).map((r) => r.end)[0];
  const readyDuring = ready
    .filter((r) => r.start >= frozenAt && r.start < thawedAt)
    .map((r) => r.ms)
    .sort((a, b) => a - b);
  const alive = api.proc.exitCode === null;
  api.proc.kill('SIGKILL');
  await api.exited;
  return {
    label,
    freezeSeconds: FREEZE_MS / 1000,
    requestsDuringFreeze: during.length,
    answered503: during.filter((r) => r.status === 503).length,
    answered503WithRetryAfter: during.filter((r) => r.status === 503 && r.retryAfter).length,
    other5xxOrNoAnswer:
      during.filter((r) => r.status >= 500 && r.status !== 503).length + during.filter((r) => r.status === 0).length,
    firstFailureMs: first503 ? first503 - frozenAt : null,
    waitP50Ms: percentile(waits, 50),
    waitP99Ms: percentile(waits, 99),
    waitMaxMs: waits.at(-1) ?? 0,
    readinessMaxMs: readyDuring.at(-1) ?? null,
    readinessAnswers: readyDuring.length,
    logLines: logText.split('\n').filter(Boolean).length,
    logBytes: Buffer.byteLength(logText),
    recoveredMsAfterThaw: recoveredAt ? recoveredAt - thawedAt : null,
    sameProcessAfterwards: alive,
  };
}

function send(agent, url, path, retried = false) {
  return new Promise((resolve) => {
    const req = httpRequest(`${url}${path}`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, close: res.headers.connection === 'close', retried }));
    });
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.on('error', (err) => {
      if (!retried && (err.code === 'ECONNRESET' || err.code === 'EPIPE' || /socket hang up/.test(err.message)))
        resolve(send(agent, url, path, true));
      else resolve({ status: 0, error: err.code ?? err.message, retried });
    });
    req.end();
  });
}

async function sigterm(mariadb) {
  const api = await startApi(await mariadb.database(), { SHUTDOWN_DRAIN_MS: '5000' });
  const agent = new Agent({ keepAlive: true, maxSockets: 1200 });
  await Promise.all(Array.from({ length: 100 }, (_, i) => send(agent, api.url, `/api/cards/SBD${20_000_000 + i}`)));
  const ready = [];
  let done = false;
  const probe = (async () => {
    while (!done) {
      const at = Date.now();
      const res = await fetch(`${api.url}/health/ready`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
      if (res) ready.push({ at, status: res.status });
      await sleep(100);
    }
  })();
  const t0 = Date.now();
  const inFlight = Array.from({ length: SIGTERM_REQUESTS }, (_, i) =>
    send(agent, api.url, i % 2 ? `/api/cards/SBD${30_000_000 + i}` : '/api/privacy-notice'),
  );
  await sleep(20);
  const signalledAt = Date.now();
  api.proc.kill('SIGTERM');
  const replies = await Promise.all(inFlight);
  const code = await api.exited;
  const exitMs = Date.now() - signalledAt;
  done = true;
  await probe;
  agent.destroy();
  const first503 = ready.find((r) => r.at >= signalledAt && r.status === 503);
  return {
    requests: replies.length,
    failed: replies.filter((r) => r.status === 0 || r.status >= 500).length,
    failures: replies
      .filter((r) => r.status === 0 || r.status >= 500)
      .reduce((acc, r) => {
        const key = `${r.status} ${r.error ?? ''}${r.retried ? ' (after a retry)' : ''}`;
        acc[key] = (acc[key] ?? 0) + 1;
        return acc;
      }, {}),
    retried: replies.filter((r) => r.retried).length,
    connectionClose: replies.filter((r) => r.close).length,
    allAnsweredMs: Date.now() - t0,
    readiness503AfterMs: first503 ? first503.at - signalledAt : null,
    readiness200AfterSignal: ready.filter((r) => first503 && r.at > first503.at && r.status === 200).length,
    exitCode: code,
    exitMsAfterSignal: exitMs,
    drainMs: 5000,
  };
}

export async function reliabilitySuite() {
  if (!existsSync(MARIADBD) || !INSTALLER) {
    console.log('reliability: skipped, mariadbd or mariadb-install-db is not installed');
    return { skipped: 'mariadbd not installed' };
  }
  console.log(
    `\n== reliability: database frozen ${FREEZE_MS / 1000} s under load, and SIGTERM with ${SIGTERM_REQUESTS} requests in flight ==`,
  );
  const mariadb = await startMariadb();
  try {
    if (FREEZE_MS === 0) return { sigterm: await sigterm(mariadb) }; // BENCH_FREEZE_MS=0: the deploy only
    const bounded = await freeze(mariadb, {}, 'API (default bounds)');
    console.log(JSON.stringify(bounded));
    const unbounded = await freeze(
      mariadb,
      { DB_QUERY_TIMEOUT_MS: '600000', DB_ACQUIRE_TIMEOUT_MS: '60000', DB_CONNECT_TIMEOUT_MS: '60000' },
      'baseline: bounds lifted (as before)',
    );
    console.log(JSON.stringify(unbounded));
    const deploy = await sigterm(mariadb);
    console.log(JSON.stringify(deploy));
    return { freeze: { bounded, unbounded }, sigterm: deploy };
  } finally {
    await mariadb.stop();
  }
}

export function reliabilityMarkdown(r) {
  if (r.skipped) return `## Reliability\n\nSkipped: ${r.skipped}.`;
  const f = [r.freeze.bounded, r.freeze.unbounded];
  const s = r.sigterm;
  const v = (x) => (x === null || x === undefined ? '—' : x);
  return [
    `## Reliability (private mariadbd frozen ${f[0].freezeSeconds} s under ${CLIENTS} looping clients; deploy with ${s.requests} requests in flight)`,
    '',
    '| | requests in freeze | 503 (with Retry-After) | other failures | first 503 ms | wait p50 / p99 / max ms | readiness max ms | log lines (bytes) | success after thaw ms | same process |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|',
    ...f.map(
      (x) =>
        `| ${x.label} | ${x.requestsDuringFreeze} | ${x.answered503} (${x.answered503WithRetryAfter}) | ${x.other5xxOrNoAnswer} | ${v(x.firstFailureMs)} | ${x.waitP50Ms} / ${x.waitP99Ms} / ${x.waitMaxMs} | ${v(x.readinessMaxMs)} | ${x.logLines} (${x.logBytes}) | ${v(x.recoveredMsAfterThaw)} | ${x.sameProcessAfterwards ? '✓' : '✗'} |`,
    ),
    '',
    `SIGTERM (drain ${s.drainMs} ms): ${s.requests} requests, **${s.failed} failed**, ${s.retried} retried once on a reset keep-alive socket, ${s.connectionClose} answered \`Connection: close\`; readiness 503 ${v(s.readiness503AfterMs)} ms after the signal (200 again afterwards: ${s.readiness200AfterSignal}); exit code ${s.exitCode} after ${s.exitMsAfterSignal} ms.`,
    '',
    `Max wait during the freeze, bounded / lifted: ${round(f[0].waitMaxMs / Math.max(1, f[1].waitMaxMs), 2)}. (With the bounds lifted nothing fails, so nothing is logged either: requests just hang for the whole freeze.)`,
  ].join('\n');
}
