#!/usr/bin/env node
// npm run cluster: the deployment topology on this machine (see scripts/cluster/index.mjs):
// nginx → N API processes → MariaDB primary + GTID replica, and Redis, all on loopback, as the
// current user, in a temp dir. Ctrl-C (or SIGTERM) stops everything it started.
//
//   npm run cluster                      # 2 API processes, nginx on a free port
//   npm run cluster -- --api 3 --port 8080
//   node scripts/cluster.mjs --json      # one JSON line with the topology once ready (for tools)
import { parseArgs } from 'node:util';
import { startCluster } from './cluster/index.mjs';

const { values } = parseArgs({
  options: {
    api: { type: 'string', default: '2' },
    port: { type: 'string' },
    json: { type: 'boolean', default: false },
    'keep-dir': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`usage: node scripts/cluster.mjs [--api N] [--port P] [--json] [--keep-dir]
  --api N       API processes behind nginx (default 2)
  --port P      nginx's port on 127.0.0.1 (default: a free one)
  --json        print one JSON line with the topology when ready, progress on stderr
  --keep-dir    keep the temp dir (datadirs, logs) after stopping
The API processes get this environment (NODE_ENV, LOG_LEVEL, DATABASE_REPLICA_MAX_LAG_MS, …) plus
the cluster's own DATABASE_URL, DATABASE_REPLICA_URL, REDIS_URL and PORT.`);
  process.exit(0);
}
const apiProcesses = Number(values.api);
if (!Number.isInteger(apiProcesses) || apiProcesses < 1 || apiProcesses > 16) {
  console.error('--api must be an integer between 1 and 16');
  process.exit(2);
}
const port = values.port === undefined ? undefined : Number(values.port);
const say = values.json ? (line) => console.error(line) : (line) => console.log(line);

let stopping = false;
const interrupt = new AbortController();
const starting = startCluster({
  apiProcesses,
  port,
  keepDir: values['keep-dir'],
  log: say,
  signal: interrupt.signal,
});
const shutdown = async (signal) => {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping the cluster`);
  const t0 = Date.now();
  // During start-up: interrupt it (a failed start stops what it had started).
  interrupt.abort();
  const cluster = await starting.catch(() => null);
  await cluster?.stop();
  say(`stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutdown(signal));

let cluster;
try {
  cluster = await starting;
} catch (err) {
  if (stopping) await new Promise(() => undefined); // shutdown() exits
  console.error(`cluster: ${err.message}`);
  process.exit(1);
}
if (stopping) await new Promise(() => undefined); // shutdown() exits

const topology = {
  url: cluster.url,
  startMs: cluster.startMs,
  dir: cluster.dir,
  database: cluster.database,
  primary: cluster.primary,
  replica: cluster.replica,
  redis: cluster.redis,
  apis: cluster.apis,
  nginx: cluster.nginx,
  pids: cluster.pids(),
};
if (values.json) {
  console.log(JSON.stringify(topology));
} else {
  say(`
  API (through nginx)  ${cluster.url}/api    (docs ${cluster.url}/api/docs, health ${cluster.url}/health/ready)
  MariaDB primary      ${cluster.primary.url}
  MariaDB replica      ${cluster.replica.url}
  Redis                ${cluster.redis.url}
  API processes        ${cluster.apis.map((a) => a.url).join('  ')}
  logs and datadirs    ${cluster.dir}
Ctrl-C stops everything.`);
}
