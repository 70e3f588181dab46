import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * TypeORM's better-sqlite3 driver runs everything on one shared connection, so two requests'
 * transactions would nest into one another (a rollback of one undoing the other) and a plain
 * query could land inside someone else's open transaction. The gate serialises them: a
 * transaction holds it from BEGIN to COMMIT/ROLLBACK, and queries from outside wait for it.
 * SQLite is the embedded, single-process mode; MySQL does not use this.
 */
export class SqliteGate {
  private tail: Promise<void> = Promise.resolve();
  private readonly als = new AsyncLocalStorage<true>();

  held(): boolean {
    return this.als.getStore() === true;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.held()) return fn();
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await this.als.run(true, fn);
    } finally {
      release();
    }
  }
}

const gates = new WeakMap<DataSource, SqliteGate>();

export function sqliteGate(ds: DataSource): SqliteGate | undefined {
  return gates.get(ds);
}

export function installSqliteGate(ds: DataSource): void {
  if (ds.options.type !== 'better-sqlite3' || gates.has(ds)) return;
  const gate = new SqliteGate();
  gates.set(ds, gate);
  const runner: QueryRunner = ds.createQueryRunner();
  const query = runner.query.bind(runner);
  runner.query = ((...args: Parameters<QueryRunner['query']>) =>
    gate.run(() => query(...args))) as QueryRunner['query'];
  const start = runner.startTransaction.bind(runner);
  runner.startTransaction = (...args: Parameters<QueryRunner['startTransaction']>) => {
    if (!gate.held()) {
      return Promise.reject(
        new Error(
          'On SQLite, start transactions with DataSource.transaction (save() opens its own: use insert/update)',
        ),
      );
    }
    return start(...args);
  };
  const transaction = ds.manager.transaction.bind(ds.manager) as (...a: unknown[]) => Promise<unknown>;
  (ds.manager as { transaction: unknown }).transaction = (...args: unknown[]) => gate.run(() => transaction(...args));
}
