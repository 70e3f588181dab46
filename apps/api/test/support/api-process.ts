import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './own-mariadb';
import { waitReady } from './processes';

export const API_MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

export interface ApiProcess {
  proc: ChildProcess;
  url: string;
  /** JSON log lines written so far (stdout). */
  lines(): Record<string, unknown>[];
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** Sends `signal` (SIGTERM) and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The built API (apps/api/dist) as a real process, its stdout collected as JSON lines. */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  if (!existsSync(API_MAIN)) throw new Error(`build the API first (npx nx run @sbd/api:build): ${API_MAIN} is missing`);
  const port = await freePort();
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'SQLITE_PATH'].includes(k)),
  );
  const proc = spawn(process.execPath, [API_MAIN], {
    env: { ...base, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const out: string[] = [];
  proc.stdout!.on('data', (d: Buffer) => out.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, { exited: () => proc.exitCode !== null });
  return {
    proc,
    url,
    exited,
    lines: () =>
      out
        .join('')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}
