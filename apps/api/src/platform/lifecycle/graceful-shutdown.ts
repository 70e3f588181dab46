import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { Server, ServerResponse } from 'node:http';
import type { AppConfig } from '../config/app-config';
import { LifecycleService } from './lifecycle.service';
import { runWithRequestContext } from './request-context';

/**
 * Per request: counts it in flight, gives the database layer a request context (to skip work for
 * clients that left), and while draining adds `Connection: close`, so keep-alive clients move to
 * another process instead of holding this one open.
 */
export function installRequestLifecycle(app: NestExpressApplication): void {
  const lifecycle = app.get(LifecycleService);
  app.use((req: Request, res: Response, next: NextFunction) => {
    lifecycle.requestStarted(req.url.startsWith('/health/'));
    res.once('close', () => lifecycle.requestFinished());
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      if (lifecycle.draining && !this.headersSent) this.setHeader('Connection', 'close');
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as typeof res.writeHead;
    runWithRequestContext(req, res, next);
  });
}

const log = (msg: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ level: 30, msg, ...extra }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The listener closes once no request has arrived for this long after the drain. */
const QUIET_MS = 300;

/**
 * SIGTERM/SIGINT: readiness answers 503 at once and background jobs stop claiming (handing back
 * what they hold); requests are served for SHUTDOWN_DRAIN_MS with `Connection: close` (and on,
 * boundedly, while they keep arriving); then the listener closes, in-flight requests finish, Nest's shutdown hooks run (the DB pool closes last)
 * and the process exits 0. A second signal, or a shutdown stuck past its bound, exits 1.
 */
export function installGracefulShutdown(app: NestExpressApplication, config: AppConfig): void {
  const lifecycle = app.get(LifecycleService);
  const server = app.getHttpServer() as Server;
  // What a request may still take once the drain is over: its statements are bounded.
  const inFlightGraceMs = Math.max(5_000, config.db.acquireTimeoutMs + 3 * config.db.queryTimeoutMs);
  let stopping = false;

  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    const startedAt = Date.now();
    log(`${signal}: draining for ${config.shutdownDrainMs} ms`, { inFlight: lifecycle.requestsInFlight });
    setTimeout(
      () => {
        log('shutdown did not finish in time: exiting');
        process.exit(1);
      },
      config.shutdownDrainMs + inFlightGraceMs + 15_000,
    ).unref();

    const hooks = lifecycle.beginDrain();
    await sleep(config.shutdownDrainMs);
    // Still receiving (connections accepted late under a burst, a balancer slow to notice)? Serve
    // on until requests stop arriving for a moment, within the same bound as in-flight requests.
    const extendUntil = Date.now() + inFlightGraceMs;
    while (lifecycle.quietForMs < QUIET_MS && Date.now() < extendUntil) await sleep(50);
    await hooks;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const idle = await lifecycle.whenIdle(inFlightGraceMs);
    server.closeAllConnections();
    await closed;
    await app.close();
    log('stopped', { ms: Date.now() - startedAt, unfinishedRequests: idle ? 0 : lifecycle.requestsInFlight });
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal));
}
