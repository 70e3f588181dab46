import { QueryFailedError } from 'typeorm';
import { ConfigError, validateConfig } from '../config/validate-config';
import { DatabaseDeadlineError, DbFaultCode, FaultLog, databaseFault } from './db-faults';

const driverError = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('databaseFault', () => {
  it('recognises timeouts, lost connections and busy databases, wrapped by TypeORM or not', () => {
    expect(databaseFault(new DatabaseDeadlineError(DbFaultCode.QueryTimeout, 'slow'))).toMatchObject({
      kind: 'DB_QUERY_TIMEOUT',
      clientGone: false,
    });
    expect(databaseFault(new QueryFailedError('SELECT 1', [], driverError('ECONNREFUSED')))).toMatchObject({
      kind: 'ECONNREFUSED',
    });
    expect(
      databaseFault(new QueryFailedError('UPDATE x', [], driverError('SQLITE_BUSY', 'database is locked'))),
    ).toMatchObject({ kind: 'SQLITE_BUSY' });
    expect(databaseFault(driverError('PROTOCOL_CONNECTION_LOST'))).toMatchObject({ kind: 'PROTOCOL_CONNECTION_LOST' });
    // MariaDB stopped the statement (max_statement_time): mysql2 gives no code, only errno 1969.
    const stopped = Object.assign(new Error('Query execution was interrupted (max_statement_time exceeded)'), {
      code: undefined,
      errno: 1969,
    });
    expect(databaseFault(new QueryFailedError('UPDATE tasks', [], stopped))).toMatchObject({
      kind: 'ER_STATEMENT_TIMEOUT',
    });
    expect(databaseFault(new Error("Can't add new command when connection is in closed state"))).toMatchObject({
      kind: 'CONNECTION_CLOSED',
    });
    expect(databaseFault(new DatabaseDeadlineError(DbFaultCode.ClientGone, 'gone'))).toMatchObject({
      clientGone: true,
    });
  });

  it('leaves bugs and constraint violations alone', () => {
    expect(databaseFault(new TypeError('x is undefined'))).toBeNull();
    expect(databaseFault(new QueryFailedError('INSERT', [], driverError('ER_DUP_ENTRY')))).toBeNull();
    expect(databaseFault('text')).toBeNull();
  });
});

describe('FaultLog', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('logs the first error of a kind, then one count per interval', () => {
    const logger = { error: jest.fn(), warn: jest.fn() };
    const log = new FaultLog(logger, 10_000);
    for (let i = 0; i < 500; i++) log.report('DB_QUERY_TIMEOUT', `timeout ${i}`);
    log.report('ECONNREFUSED', 'refused');
    expect(logger.error.mock.calls.map((c) => c[0])).toEqual(['timeout 0', 'refused']);
    jest.advanceTimersByTime(10_000);
    expect(logger.warn.mock.calls.map((c) => c[0])).toEqual([
      'DB_QUERY_TIMEOUT: 499 more in the last 10 s, not logged one by one',
    ]);
    log.report('DB_QUERY_TIMEOUT', 'again');
    expect(logger.error).toHaveBeenLastCalledWith('again');
  });
});

describe('database timeouts in the configuration', () => {
  it('has defaults that answer within 5 s, and refuses nonsense', () => {
    expect(
      validateConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(32),
        FIELD_ENCRYPTION_KEY: 'a'.repeat(64),
        DATABASE_URL: 'mysql://db/x',
        WECHAT_APP_ID: 'a',
        WECHAT_APP_SECRET: 'b',
        PUBLIC_BASE_URL: 'https://x',
      }),
    ).toMatchObject({
      db: { connectTimeoutMs: 3000, acquireTimeoutMs: 2000, queryTimeoutMs: 4000 },
      shutdownDrainMs: 10_000,
    });
    expect(
      validateConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), FIELD_ENCRYPTION_KEY: 'a'.repeat(64) })
        .shutdownDrainMs,
    ).toBe(500);
    expect(() =>
      validateConfig({
        NODE_ENV: 'test',
        JWT_SECRET: 'x'.repeat(32),
        FIELD_ENCRYPTION_KEY: 'a'.repeat(64),
        DB_QUERY_TIMEOUT_MS: 'soon',
      }),
    ).toThrow(ConfigError);
    expect(() =>
      validateConfig({
        NODE_ENV: 'test',
        JWT_SECRET: 'x'.repeat(32),
        FIELD_ENCRYPTION_KEY: 'a'.repeat(64),
        SHUTDOWN_DRAIN_MS: '-1',
      }),
    ).toThrow(ConfigError);
  });
});
