import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/**
 * A private MariaDB server for fault tests: a scratch datadir and a port of its own, so the test
 * may freeze (SIGSTOP) or kill it without touching the MariaDB other tests share.
 */
export const MARIADBD = '/usr/sbin/mariadbd';
const INSTALLERS = ['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db', '/usr/scripts/mariadb-install-db'];

export const ownMariadbAvailable = (): boolean => existsSync(MARIADBD) && INSTALLERS.some((p) => existsSync(p));

export interface OwnMariadb {
  pid: number;
  port: number;
  /** mysql://root@127.0.0.1:<port>/<database> */
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
}

/** Binds `port` (0: the kernel picks) on 127.0.0.1 and frees it again: the port, or null if taken. */
function probe(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(null));
    s.listen(port, '127.0.0.1', () => {
      const bound = (s.address() as AddressInfo).port;
      s.close(() => resolve(bound));
    });
  });
}

/** The low end of the kernel's ephemeral port range, or 0 where it cannot be read (not Linux). */
function ephemeralLow(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 0;
  } catch {
    return 0;
  }
}

/**
 * A port for mariadbd, free a moment ago and below the kernel's ephemeral range (as in
 * scripts/cluster/processes.mjs): until mariadbd binds it, no outgoing connection can be given it.
 * Where that range is unknown or leaves no room below it, the kernel picks one.
 */
async function freePort(): Promise<number> {
  const low = ephemeralLow();
  for (let attempt = 0; attempt < 100; attempt++) {
    const bound = await probe(low > 11_000 ? 10_000 + Math.floor(Math.random() * (low - 10_000)) : 0);
    if (bound !== null) return bound;
  }
  throw new Error('no free TCP port on 127.0.0.1');
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of running) {
    try {
      p.kill('SIGCONT');
      p.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
});

export async function startOwnMariadb(): Promise<OwnMariadb> {
  const dir = mkdtempSync(join(tmpdir(), 'sbd-own-mariadb-'));
  const datadir = join(dir, 'data');
  const installer = INSTALLERS.find((p) => existsSync(p))!;
  const user = process.getuid?.() === 0 ? ['--user=root'] : [];
  const install = spawnSync(
    installer,
    ['--no-defaults', `--datadir=${datadir}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...user],
    {
      encoding: 'utf8',
    },
  );
  if (install.status !== 0) throw new Error(`${installer} failed: ${install.stderr || install.stdout}`);
  const port = await freePort();
  const proc = spawn(
    MARIADBD,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--socket=${join(dir, 'mariadb.sock')}`,
      `--pid-file=${join(dir, 'mariadb.pid')}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--skip-name-resolve',
      '--skip-log-bin',
      '--innodb-buffer-pool-size=32M',
      '--max-connections=200',
      ...user,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  running.add(proc);
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = (database: string) => `mysql://root@127.0.0.1:${port}/${database}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const c = await createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 2000 });
      await c.end();
      break;
    } catch (err) {
      if (proc.exitCode !== null || Date.now() > deadline)
        throw new Error(`own mariadbd did not start: ${(err as Error).message}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    pid: proc.pid!,
    port,
    url,
    async createDatabase(name) {
      const c = await createConnection({ host: '127.0.0.1', port, user: 'root' });
      await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await c.end();
      return url(name);
    },
    freeze: () => void proc.kill('SIGSTOP'),
    thaw: () => void proc.kill('SIGCONT'),
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGCONT');
        proc.kill('SIGTERM');
        const killer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
        clearTimeout(killer);
      }
      running.delete(proc);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
