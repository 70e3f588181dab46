// Child processes of the cluster: started with their output in a log file of the cluster's
// directory, remembered so that nothing outlives the cluster, stopped by signal with a deadline.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The lowest port the kernel gives outgoing connections (0 when unknown). */
function ephemeralLow() {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 0;
  } catch {
    return 0;
  }
}

/** Binds `port` (0: any) on 127.0.0.1 and closes it again: answers the port, or null if it is taken. */
function probe(port) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(null));
    s.listen(port, '127.0.0.1', () => {
      const bound = s.address().port;
      s.close(() => resolve(bound));
    });
  });
}

const handedOut = new Set();

/**
 * A TCP port on 127.0.0.1 that was free a moment ago, for a server that binds it later. It lies
 * below the kernel's ephemeral range when there is room: in the moment before the server binds
 * it, no outgoing connection can be given it (a port the kernel picked could be). Never the same
 * port twice in one process.
 */
export async function freePort() {
  const low = ephemeralLow();
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = low > 11_000 ? 10_000 + Math.floor(Math.random() * (low - 10_000)) : 0;
    if (handedOut.has(port)) continue;
    const bound = await probe(port);
    if (bound !== null && !handedOut.has(bound)) {
      handedOut.add(bound);
      return bound;
    }
  }
  throw new Error('no free TCP port on 127.0.0.1');
}

/** The last `chars` characters of a log file (for error messages). */
export function tail(file, chars = 3000) {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  return text.slice(-chars);
}

/**
 * A started child: `name`, `pid`, `log` (its output), `exited` (resolves with code or signal),
 * `alive()`, and `stop(signal, graceMs)`, which sends `signal` and SIGKILL after `graceMs`.
 */
export function startProcess(name, command, args, { env = process.env, log, onExit } = {}) {
  const fd = openSync(log, 'a');
  const proc = spawn(command, args, { env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exitInfo = null;
  const exited = new Promise((resolve) => {
    proc.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      onExit?.(exitInfo);
      resolve(exitInfo);
    });
    proc.once('error', (err) => {
      exitInfo = { code: null, signal: null, error: err };
      onExit?.(exitInfo);
      resolve(exitInfo);
    });
  });
  return {
    name,
    proc,
    log,
    exited,
    get pid() {
      return proc.pid;
    },
    alive: () => exitInfo === null,
    /** Sends a signal without waiting (SIGSTOP/SIGCONT for fault tests). */
    signal(sig) {
      if (exitInfo === null) proc.kill(sig);
    },
    async stop(signal = 'SIGTERM', graceMs = 15_000) {
      if (exitInfo !== null) return exitInfo;
      proc.kill('SIGCONT');
      proc.kill(signal);
      const killer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      const info = await exited;
      clearTimeout(killer);
      return info;
    },
  };
}

/** Polls `check` (truthy = done) every `everyMs` until `timeoutMs`; `failed()` ends the wait early. */
export async function waitFor(what, check, { timeoutMs = 60_000, everyMs = 100, failed } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const result = await check();
      if (result) return result;
    } catch (err) {
      last = err;
    }
    const why = failed?.();
    if (why) throw new Error(`${what}: ${why}`);
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (${last.message})` : ''}`);
    await sleep(everyMs);
  }
}
