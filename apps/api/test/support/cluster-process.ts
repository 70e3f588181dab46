import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { API_MAIN } from './api-process';

/**
 * `npm run cluster` as a real process (scripts/cluster.mjs --json): nginx, API processes, a MariaDB
 * primary and its replica, Redis, all private to the run. The CLI is what is tested, signals
 * included; the topology comes from its one JSON line on stdout.
 */
export const CLUSTER_CLI = join(__dirname, '..', '..', '..', '..', 'scripts', 'cluster.mjs');

export interface ClusterTopology {
  url: string;
  startMs: number;
  dir: string;
  database: string;
  primary: { port: number; url: string; pid: number };
  replica: { port: number; url: string; pid: number };
  redis: { port: number; url: string; pid: number };
  apis: { name: string; url: string; port: number; pid: number }[];
  nginx: { port: number; pid: number };
  pids: number[];
}

export interface ClusterProcess {
  topology: ClusterTopology;
  proc: ChildProcess;
  /** Everything the CLI wrote on stderr (progress, unexpected exits). */
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/** What this machine lacks to start a cluster (nothing: an empty list). */
export function clusterMissing(): string[] {
  const any = (...paths: string[]) => paths.some((p) => existsSync(p));
  const missing: string[] = [];
  if (!any('/usr/sbin/mariadbd')) missing.push('mariadbd');
  if (!any('/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db')) missing.push('mariadb-install-db');
  if (!any('/usr/bin/redis-server', '/usr/local/bin/redis-server')) missing.push('redis-server');
  if (!any('/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx')) missing.push('nginx');
  return missing;
}

export async function startClusterProcess(env: Record<string, string>, args: string[] = []): Promise<ClusterProcess> {
  if (!existsSync(API_MAIN)) throw new Error(`build the API first (npx nx run @sbd/api:build): ${API_MAIN} is missing`);
  const proc = spawn(process.execPath, [CLUSTER_CLI, '--json', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const topology = await new Promise<ClusterTopology>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line && out.includes('\n')) resolve(JSON.parse(line) as ClusterTopology);
    });
    void exited.then((code) => reject(new Error(`the cluster exited (${code}) before it was ready:\n${err}`)));
  });
  return {
    topology,
    proc,
    exited,
    stderr: () => err,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}

/** Whether a process id is still running. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `connect` until it succeeds (5 tries, 1 s apart): a server the cluster has just declared
 * ready was once seen to reset the first connection made to it (read ECONNRESET) on a loaded machine.
 */
export async function connectRetrying<T>(connect: () => Promise<T>, tries = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await connect();
    } catch (err) {
      if (i >= tries || (err as { code?: string }).code !== 'ECONNRESET') throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** A root connection to one of the cluster's MariaDB servers (loopback, no password). */
export const rootConnection = (port: number): Promise<Connection> =>
  connectRetrying(() => createConnection({ host: '127.0.0.1', port, user: 'root' }));

/** Resolves once the replica has applied what the primary had committed when called. */
export async function replicaCaughtUp(primary: Connection, replica: Connection, timeoutS = 20): Promise<void> {
  const [[{ pos }]] = (await primary.query('SELECT @@GLOBAL.gtid_binlog_pos AS pos')) as unknown as [{ pos: string }[]];
  const [[{ r }]] = (await replica.query('SELECT MASTER_GTID_WAIT(?, ?) AS r', [pos, timeoutS])) as unknown as [
    { r: number }[],
  ];
  if (Number(r) !== 0) throw new Error(`the replica did not reach ${pos} within ${timeoutS} s`);
}
