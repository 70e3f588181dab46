import { Injectable, Logger } from '@nestjs/common';

type DrainHook = () => Promise<void> | void;

/**
 * The process's place in its life: serving, or draining after SIGTERM. While draining, readiness
 * answers 503, every response says `Connection: close`, and background jobs registered with
 * `onDrain` stop taking new work (and hand back what they hold) at once.
 */
@Injectable()
export class LifecycleService {
  private readonly logger = new Logger('Lifecycle');
  private readonly hooks = new Set<DrainHook>();
  private drainPromise: Promise<void> | null = null;
  private inFlight = 0;
  private lastRequestAt = 0;
  private idleWaiters: Array<() => void> = [];

  get draining(): boolean {
    return this.drainPromise !== null;
  }

  /** Registers work to stop when draining starts; returns the unregister function. */
  onDrain(hook: DrainHook): () => void {
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }

  /** Starts draining (idempotent); resolves when every drain hook has finished. */
  beginDrain(): Promise<void> {
    this.drainPromise ??= Promise.all(
      [...this.hooks].map(async (hook) => {
        try {
          await hook();
        } catch (err) {
          this.logger.error(`drain hook failed: ${(err as Error).message}`);
        }
      }),
    ).then(() => undefined);
    return this.drainPromise;
  }

  /** `probe`: a health check, which does not count as traffic still arriving. */
  requestStarted(probe = false): void {
    this.inFlight++;
    if (!probe) this.lastRequestAt = Date.now();
  }

  /** Milliseconds since the last request (other than a health check) arrived. */
  get quietForMs(): number {
    return Date.now() - this.lastRequestAt;
  }

  requestFinished(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** Resolves when no request is in flight, or after `ms` (answers whether it became idle). */
  whenIdle(ms: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((w) => w !== done);
        resolve(false);
      }, ms);
      this.idleWaiters.push(done);
    });
  }
}
