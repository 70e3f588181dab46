import { QueryFailedError } from 'typeorm';
import { isDeadlock, isLockConflict, retryStats, withLockRetry } from './transaction-retry';

const driverError = (code: string, errno?: number) =>
  new QueryFailedError('UPDATE x', [], Object.assign(new Error(code), { code, errno }));

describe('withLockRetry', () => {
  const fast = { maxAttempts: 4, baseDelayMs: 1, budgetMs: 1000 };

  it('runs a deadlock victim again until it gets through', async () => {
    let calls = 0;
    const result = await withLockRetry(async () => {
      calls++;
      if (calls < 3) throw driverError('ER_LOCK_DEADLOCK', 1213);
      return 'done';
    }, fast);
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('gives up after the last attempt and lets the error through', async () => {
    const before = retryStats.gaveUp;
    let calls = 0;
    await expect(
      withLockRetry(async () => {
        calls++;
        throw driverError('SQLITE_BUSY');
      }, fast),
    ).rejects.toThrow('SQLITE_BUSY');
    expect(calls).toBe(4);
    expect(retryStats.gaveUp).toBe(before + 1);
  });

  it('stops once the time budget is spent, whatever the attempts left', async () => {
    let calls = 0;
    const started = Date.now();
    await expect(
      withLockRetry(
        async () => {
          calls++;
          await new Promise((r) => setTimeout(r, 30));
          throw driverError('ER_LOCK_WAIT_TIMEOUT', 1205);
        },
        { maxAttempts: 100, baseDelayMs: 1, budgetMs: 50 },
      ),
    ).rejects.toThrow();
    expect(calls).toBeLessThanOrEqual(2);
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('does not retry other errors (bugs, duplicates, refusals)', async () => {
    let calls = 0;
    await expect(
      withLockRetry(async () => {
        calls++;
        throw driverError('ER_DUP_ENTRY', 1062);
      }, fast),
    ).rejects.toThrow();
    expect(calls).toBe(1);
  });

  it('retries only the outermost transaction, not one opened inside it', async () => {
    let inner = 0;
    let outer = 0;
    await expect(
      withLockRetry(async () => {
        outer++;
        await withLockRetry(async () => {
          inner++;
          throw driverError('ER_LOCK_DEADLOCK', 1213);
        }, fast);
      }, fast),
    ).rejects.toThrow();
    expect(outer).toBe(4);
    expect(inner).toBe(4);
  });
});

describe('lock conflicts', () => {
  it('are deadlocks, lock wait timeouts and SQLite BUSY, by code or errno', () => {
    expect(isLockConflict(driverError('ER_LOCK_DEADLOCK'))).toBe(true);
    expect(isLockConflict({ errno: 1205 })).toBe(true);
    expect(isLockConflict(driverError('SQLITE_BUSY_SNAPSHOT'))).toBe(true);
    expect(isLockConflict(driverError('ER_DUP_ENTRY', 1062))).toBe(false);
    expect(isLockConflict(new TypeError('x'))).toBe(false);
    expect(isDeadlock(driverError('ER_LOCK_DEADLOCK', 1213))).toBe(true);
    expect(isDeadlock(driverError('ER_LOCK_WAIT_TIMEOUT', 1205))).toBe(false);
  });

  it("include TiDB's write conflicts, which ask for the whole transaction to run again", () => {
    // mysql2 has no code name for TiDB's own numbers: only the errno says what happened.
    for (const errno of [8002, 8005, 8022, 9007]) {
      expect(isLockConflict(driverError('UNKNOWN_CODE_PLEASE_REPORT', errno))).toBe(true);
    }
    expect(isLockConflict(driverError('UNKNOWN_CODE_PLEASE_REPORT', 8004))).toBe(false); // too large: no retry helps
  });
});
