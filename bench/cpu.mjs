// CPU per feed request of this API against another build of it (e.g. an older commit), same database:
//
//   node bench/cpu.mjs --seed                      recreate and seed BENCH_DATABASE_URL (default sbd_bench_cpu)
//   node bench/cpu.mjs --base <other>/apps/api/dist [--ours <dist>] [--rounds 7] [--requests 800] [--connections 10]
//
// Both APIs run side by side; rounds alternate (base, ours, base, ours…) under the same feed load,
// and each round's CPU-seconds of the API process (utime + stime in /proc/<pid>/stat) and of
// mariadbd, if visible, are divided by the requests answered. Figures: the medians and their ratio.
// Only ratios from one run mean anything on a shared machine. Build both first (tsc).
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import {
  API_DIST,
  createSessions,
  mintToken,
  recreateDatabase,
  round,
  startProcess,
  stopProcess,
  waitFor,
} from './lib.mjs';
import { SCALE, seedCity } from './seed-city.mjs';

const DB_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/sbd_bench_cpu';
const SECRET = 'b'.repeat(64);
const FIELD_KEY = 'c'.repeat(64);
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : process.argv[i + 1];
};
const env = {
  NODE_ENV: 'production',
  DATABASE_URL: DB_URL,
  JWT_SECRET: SECRET,
  FIELD_ENCRYPTION_KEY: FIELD_KEY,
  WECHAT_APP_ID: 'wx-bench',
  WECHAT_APP_SECRET: 'bench',
  PUBLIC_BASE_URL: 'http://127.0.0.1',
  H5_DIR: '/nonexistent',
  LOG_LEVEL: 'error',
  SCHEDULER_ENABLED: 'false',
  DB_POOL_SIZE: '20',
};
const TICK = Number(execSync('getconf CLK_TCK').toString()) || 100;

/** CPU-seconds used so far by process `pid`. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICK; // fields 14 and 15 (utime, stime)
}

function mariadbPid() {
  try {
    return Number(execSync('pidof mariadbd || pidof mysqld').toString().trim().split(' ')[0]) || null;
  } catch {
    return null;
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function seed() {
  await recreateDatabase(DB_URL);
  const api = startProcess(join(API_DIST, 'main.js'), { ...env, PORT: '3821' }, 'migrate');
  await waitFor('http://127.0.0.1:3821/health/ready');
  await stopProcess(api);
  console.log(JSON.stringify((await seedCity(DB_URL, FIELD_KEY)).counts));
  await createSessions(DB_URL);
}

function feedLoad(url, amount, connections) {
  const sample = Array.from({ length: 500 }, (_, i) => 1 + ((i * 53) % SCALE.members));
  const tokens = sample.map((id) => `Bearer ${mintToken(SECRET, id, 24 * 3600)}`);
  let state = 20261122;
  const pick = () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return tokens[(state >>> 8) % tokens.length];
  };
  const requests = [
    {
      method: 'GET',
      path: '/api/tasks/feed?limit=20',
      setupRequest: (req) => ({ ...req, headers: { authorization: pick() } }),
    },
  ];
  return new Promise((resolve, reject) =>
    // A fixed number of requests, all answered before it returns: no request straddles two rounds.
    autocannon({ url, connections, amount, timeout: 60, requests }, (err, res) => (err ? reject(err) : resolve(res))),
  );
}

async function compare() {
  const baseDist = arg('base');
  if (!baseDist) throw new Error('--base <dist of the other build> is required');
  const rounds = Number(arg('rounds', 7));
  const amount = Number(arg('requests', 800));
  const connections = Number(arg('connections', 10));
  // --ours may name several builds (a,b,c): each is compared with the base in the same rounds.
  const ours = String(arg('ours', API_DIST)).split(',');
  const servers = [
    { name: 'base', dist: baseDist, port: 3822 },
    ...ours.map((dist, i) => ({
      name: ours.length > 1 ? dist.replace(/.*\/(dist[^/]*)\/?$/, '$1') : 'ours',
      dist,
      port: 3823 + i,
    })),
  ];
  for (const s of servers) s.proc = startProcess(join(s.dist, 'main.js'), { ...env, PORT: String(s.port) }, s.name);
  const db = mariadbPid();
  const perRound = Object.fromEntries(servers.map((s) => [s.name, []]));
  try {
    for (const s of servers) await waitFor(`http://127.0.0.1:${s.port}/health/ready`, 300_000);
    for (const s of servers) await feedLoad(`http://127.0.0.1:${s.port}`, amount, connections); // warm-up (JIT, pools, caches)
    for (let r = 0; r < rounds; r++) {
      for (const s of servers) {
        const cpu0 = cpuSeconds(s.proc.pid);
        const db0 = db ? cpuSeconds(db) : 0;
        const res = await feedLoad(`http://127.0.0.1:${s.port}`, amount, connections);
        const ok = res['2xx'];
        if (ok !== amount) console.warn(`${s.name}: ${amount - ok} requests without a 2xx answer`);
        const row = {
          rps: round(res.requests.average),
          apiMs: round(((cpuSeconds(s.proc.pid) - cpu0) * 1000) / ok, 3),
          dbMs: db ? round(((cpuSeconds(db) - db0) * 1000) / ok, 3) : null,
        };
        perRound[s.name].push(row);
        console.log(`round ${r + 1} ${s.name}`, row);
      }
    }
  } finally {
    for (const s of servers) await stopProcess(s.proc);
  }
  const med = (name, key) => median(perRound[name].map((x) => x[key]));
  const out = {};
  for (const { name } of servers.slice(1)) {
    // Each round's ratio to the base measured just before it, then the median of those.
    const pair = perRound[name].map((o, i) => o.apiMs / perRound.base[i].apiMs);
    const dbPair = db ? perRound[name].map((o, i) => o.dbMs / perRound.base[i].dbMs) : [];
    out[name] = {
      apiCpuMsPerRequest: { base: med('base', 'apiMs'), ours: med(name, 'apiMs') },
      dbCpuMsPerRequest: db ? { base: med('base', 'dbMs'), ours: med(name, 'dbMs') } : null,
      rps: { base: med('base', 'rps'), ours: med(name, 'rps') },
      apiRatio: round(median(pair), 3),
      apiRatioRange: [round(Math.min(...pair), 3), round(Math.max(...pair), 3)],
      apiRatioOfMedians: round(med(name, 'apiMs') / med('base', 'apiMs'), 3),
      dbRatio: db ? round(median(dbPair), 3) : null,
    };
  }
  console.log(JSON.stringify(out, null, 2));
}

await (process.argv.includes('--seed') ? seed() : compare());
