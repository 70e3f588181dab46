import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
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
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'SQLITE_PATH'].includes(k)),
  );
  // Port 0: the process binds a port the kernel picks and logs it. A port probed free here and
  // bound seconds later by the process could meanwhile go to another connection (EADDRINUSE).
  const proc = spawn(process.execPath, [API_MAIN], {
    env: { ...base, ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const out: string[] = [];
  proc.stdout!.on('data', (d: Buffer) => out.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const gone = () => proc.exitCode !== null || proc.signalCode !== null;
  const url = `http://127.0.0.1:${await listeningPort(out, gone)}`;
  await waitReady(url, { exited: gone });
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

/** The port of the process's "API listening on …" line (main.ts), once it is written. */
async function listeningPort(out: string[], gone: () => boolean, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const listening = /"msg":"API listening on [^"]*:(\d+)\/?"/.exec(out.join(''));
    if (listening) return Number(listening[1]);
    if (gone()) throw new Error('the API process exited before listening');
    if (Date.now() > deadline) throw new Error(`the API process did not listen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
