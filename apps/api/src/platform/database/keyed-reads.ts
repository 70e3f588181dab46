import { AsyncResource } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

interface Waiting<V> {
  resolve: (value: V | null) => void;
  reject: (err: unknown) => void;
}

/** Keys of one batch at most (one `IN (…)` list). */
export const MAX_KEYS = 100;

/**
 * Lookups by key (a task by id, a registration by user) that arrive in the same turn of the event
 * loop, read in ONE statement (`loadMany`, typically `… WHERE id IN (…)`). Like ReadBatcher, every
 * caller still reads the database after its request arrived (nothing is cached, nothing joins a
 * read already sent); what is saved is the round trip per caller, which under a burst costs the
 * API more CPU than the statement itself (200 members claiming one task read it once, not 200
 * times).
 *
 * The same holds for a conditional write whose answer is the same for every caller that asks after
 * its own change has committed (the waitlist's "still open and full?" bump, WaitlistService).
 *
 * Each caller gets its own shallow copy of what was read (same prototype), so one caller changing
 * its entity never shows in another's. A failing statement fails each of its callers with the same
 * error. Off (`enabled` false, SQLite: no round trip to save) every lookup runs on its own.
 */
export class KeyedReads<K extends string | number, V extends object> {
  private pending: Map<K, Waiting<V>[]> | null = null;
  /** Bound outside any request: a batch belongs to no single request (see ReadBatcher). */
  private readonly flushSoon = AsyncResource.bind(() => this.flush());

  constructor(
    private readonly loadMany: (keys: K[]) => Promise<Map<K, V>>,
    private readonly enabled: boolean,
  ) {}

  get(key: K): Promise<V | null> {
    if (!this.enabled) return this.loadMany([key]).then((found) => found.get(key) ?? null);
    return new Promise<V | null>((resolve, reject) => {
      if (!this.pending) {
        this.pending = new Map();
        setImmediate(this.flushSoon);
      }
      const waiting = this.pending.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      if (this.pending.size >= MAX_KEYS) this.flush();
    });
  }

  /**
   * One caller's several keys: shared with other callers like `get` when on; when off, read
   * together all the same (at most MAX_KEYS a statement), as one caller's keys need no other.
   */
  async getMany(keys: K[]): Promise<(V | null)[]> {
    if (this.enabled) return Promise.all(keys.map((key) => this.get(key)));
    const unique = [...new Set(keys)];
    const found = new Map<K, V>();
    for (let i = 0; i < unique.length; i += MAX_KEYS) {
      for (const [key, value] of await this.loadMany(unique.slice(i, i + MAX_KEYS))) found.set(key, value);
    }
    return keys.map((key) => found.get(key) ?? null);
  }

  private flush(): void {
    const batch = this.pending;
    if (!batch) return;
    this.pending = null;
    this.loadMany([...batch.keys()]).then(
      (found) => {
        for (const [key, waiting] of batch) {
          const value = found.get(key);
          for (const w of waiting) w.resolve(value ? copyOf(value) : null);
        }
      },
      (err: unknown) => {
        for (const waiting of batch.values()) for (const w of waiting) w.reject(err);
      },
    );
  }
}

const copyOf = <V extends object>(value: V): V =>
  Object.assign(Object.create(Object.getPrototypeOf(value) as object | null) as V, value);

/** Whether reads are worth sharing: on MySQL every statement is a round trip, SQLite runs in-process. */
export const sharesReads = (db: DataSource): boolean => db.options.type === 'mysql' || db.options.type === 'mariadb';
