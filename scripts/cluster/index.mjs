// The deployment topology on loopback, from Debian's packages, as the current user, in a temp dir:
// a MariaDB primary and its GTID replica, Redis, N API processes (apps/api/dist/main.js) and
// nginx in front. `npm run cluster` (scripts/cluster.mjs) is the command; tests and the bench
// import `startCluster` from here. Nothing shared is touched: the MariaDB on 3306 and the Redis on
// 6379 are never used, every port is a free one (nginx's may be given).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  READER_USER,
  copyDatadir,
  installDatadir,
  mariadbAvailable,
  setUpReplication,
  startMariadb,
  waitForReplicaCatchUp,
} from './mariadb.mjs';
import { nginxAvailable, startNginx } from './nginx.mjs';
import { freePort, startProcess, tail, waitFor } from './processes.mjs';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const API_MAIN = join(REPO_ROOT, 'apps', 'api', 'dist', 'main.js');
export const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));

/** What is missing on this machine to start a cluster (empty: nothing). */
export function clusterPrerequisites() {
  const missing = [];
  if (!mariadbAvailable()) missing.push('mariadb-server (/usr/sbin/mariadbd, mariadb-install-db)');
  if (!REDIS_SERVER) missing.push('redis-server');
  if (!nginxAvailable()) missing.push('nginx');
  if (!existsSync(API_MAIN)) missing.push(`the API build (${API_MAIN}: npx nx run @sbd/api:build)`);
  return missing;
}

/** Variables the cluster sets itself for the API processes (the caller's copies are dropped). */
const OWNED_ENV = ['DATABASE_URL', 'DATABASE_REPLICA_URL', 'REDIS_URL', 'PORT', 'SQLITE_PATH', 'WORKER_ID'];

/**
 * Starts the cluster. Options: `apiProcesses` (2), `port` for nginx (a free one), `database`
 * ('shuangbaodao'), `apiEnv` (extra variables for the API processes, e.g. NODE_ENV, LOG_LEVEL,
 * DATABASE_REPLICA_MAX_LAG_MS), `nginxWorkers` (1), `log` (progress lines; console.log), `signal` (an AbortSignal that interrupts
 * the start-up).
 * Resolves with the topology, `pids()` and `stop()`; on a failure everything started is stopped.
 */
export async function startCluster(opts = {}) {
  const aborted = () => {
    if (opts.signal?.aborted) throw new Error('start-up interrupted');
  };
  const missing = clusterPrerequisites();
  if (missing.length) throw new Error(`cannot start the cluster, missing: ${missing.join('; ')}`);
  const apiProcesses = opts.apiProcesses ?? 2;
  const database = opts.database ?? 'shuangbaodao';
  const log = opts.log ?? ((line) => console.log(line));
  const startedAt = Date.now();
  const dir = mkdtempSync(join(opts.tmpdir ?? tmpdir(), 'sbd-cluster-'));
  const children = [];
  let stopping = false;
  const onExit = (name) => (info) => {
    if (!stopping) log(`${name} exited unexpectedly (${info.signal ?? `code ${info.code}`}); see ${dir}`);
  };
  const track = (child) => (children.push(child), child);

  const stop = async () => {
    if (stopping) return stopped;
    stopping = true;
    stopped = (async () => {
      // Front to back: no new requests, then the API processes (graceful drain), then the stores.
      const byName = (prefix) => children.filter((c) => c.name.startsWith(prefix));
      await Promise.all(byName('nginx').map((c) => c.stop('SIGQUIT', 5_000)));
      await Promise.all(byName('api-').map((c) => c.stop('SIGTERM', 20_000)));
      await Promise.all([...byName('redis'), ...byName('mariadb-replica')].map((c) => c.stop('SIGTERM', 15_000)));
      await Promise.all(byName('mariadb-primary').map((c) => c.stop('SIGTERM', 15_000)));
      if (!opts.keepDir) rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };
  let stopped = null;
  // Last resort when the caller exits without stopping: no process of ours outlives it.
  const onProcessExit = () => {
    for (const c of children) if (c.alive()) c.signal('SIGKILL');
    if (!opts.keepDir) rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onProcessExit);

  try {
    const [primaryPort, replicaPort, redisPort, port, ...apiPorts] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      opts.port ? Promise.resolve(opts.port) : freePort(),
      ...Array.from({ length: apiProcesses }, () => freePort()),
    ]);

    const redis = track(
      startProcess(
        'redis',
        REDIS_SERVER,
        ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
        { log: join(dir, 'redis.log'), onExit: onExit('redis') },
      ),
    );

    log('installing the MariaDB datadir');
    const datadir = join(dir, 'primary-data');
    installDatadir(datadir);
    copyDatadir(datadir, join(dir, 'replica-data'));
    aborted();
    const [primary, replica] = await Promise.all(
      [
        { role: 'primary', datadir, port: primaryPort },
        { role: 'replica', datadir: join(dir, 'replica-data'), port: replicaPort },
      ].map(async (s) => {
        const child = await startMariadb({ dir, ...s, onExit: onExit(`mariadb-${s.role}`) });
        return track(child);
      }),
    );
    aborted();
    await setUpReplication({ primaryPort, replicaPort, database });
    log(`MariaDB primary on ${primaryPort}, replica on ${replicaPort} (GTID replication running)`);

    await waitFor('redis', async () => redisPing(redisPort), {
      failed: () => (redis.alive() ? null : `exited\n${tail(redis.log)}`),
    });

    const urls = {
      primary: `mysql://root@127.0.0.1:${primaryPort}/${database}`,
      replica: `mysql://${READER_USER}@127.0.0.1:${replicaPort}/${database}`,
      redis: `redis://127.0.0.1:${redisPort}`,
    };
    const secrets = {
      JWT_SECRET: opts.apiEnv?.JWT_SECRET ?? process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
      FIELD_ENCRYPTION_KEY:
        opts.apiEnv?.FIELD_ENCRYPTION_KEY ?? process.env.FIELD_ENCRYPTION_KEY ?? randomBytes(32).toString('hex'),
    };
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OWNED_ENV.includes(k)));
    const dataDir = join(dir, 'api-data');
    mkdirSync(dataDir, { recursive: true });
    const startApi = async (i) => {
      const name = `api-${i + 1}`;
      const child = track(
        startProcess(name, process.execPath, [API_MAIN], {
          env: {
            // Nothing reaches an API process once nginx has stopped: a short drain, unless asked.
            SHUTDOWN_DRAIN_MS: '1000',
            // QR codes and card links point at nginx, unless a public origin is given.
            PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
            ...inherited,
            DATA_DIR: dataDir,
            ...opts.apiEnv,
            ...secrets,
            DATABASE_URL: urls.primary,
            DATABASE_REPLICA_URL: urls.replica,
            REDIS_URL: urls.redis,
            PORT: String(apiPorts[i]),
            WORKER_ID: name,
          },
          log: join(dir, `${name}.log`),
          onExit: onExit(name),
        }),
      );
      const url = `http://127.0.0.1:${apiPorts[i]}`;
      await waitFor(
        `${name} on ${url}`,
        async () => (await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) })).ok,
        {
          timeoutMs: 120_000,
          everyMs: 200,
          failed: () =>
            opts.signal?.aborted ? 'start-up interrupted' : child.alive() ? null : `exited\n${tail(child.log)}`,
        },
      );
      log(`${name} ready after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
      return { name, url, port: apiPorts[i], pid: child.pid };
    };
    // Side by side: one applies the migrations under their named lock, the others wait for it.
    const apis = await Promise.all(apiPorts.map((_, i) => startApi(i)));
    log(`API processes: ${apis.map((a) => a.url).join(', ')}`);
    aborted();

    const nginx = track(
      await startNginx({
        dir,
        port,
        upstreams: apis.map((a) => `127.0.0.1:${a.port}`),
        workers: opts.nginxWorkers ?? 1,
        onExit: onExit('nginx'),
      }),
    );
    const url = `http://127.0.0.1:${port}`;
    const ms = Date.now() - startedAt;
    log(`cluster ready in ${(ms / 1000).toFixed(1)} s: ${url}`);

    return {
      url,
      dir,
      database,
      startMs: ms,
      secrets,
      primary: { port: primaryPort, url: urls.primary, pid: primary.pid },
      replica: { port: replicaPort, url: urls.replica, pid: replica.pid },
      redis: { port: redisPort, url: urls.redis, pid: redis.pid },
      apis,
      nginx: { port, pid: nginx.pid },
      /** Every process the cluster started and that is still running. */
      pids: () => children.filter((c) => c.alive()).map((c) => c.pid),
      /** Resolves once the replica has applied everything the primary has committed. */
      replicaCaughtUp: () => waitForReplicaCatchUp({ primaryPort, replicaPort }),
      stop: async () => {
        await stop();
        process.removeListener('exit', onProcessExit);
      },
    };
  } catch (err) {
    await stop().catch(() => undefined);
    process.removeListener('exit', onProcessExit);
    throw err;
  }
}

async function redisPing(port) {
  const { createConnection } = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => s.write('PING\r\n'));
    s.setTimeout(1000, () => (s.destroy(), reject(new Error('timeout'))));
    s.once('data', (d) => (s.end(), resolve(d.toString().startsWith('+PONG'))));
    s.once('error', reject);
  });
}
