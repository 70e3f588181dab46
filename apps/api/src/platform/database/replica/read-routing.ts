import type { DataSource, QueryRunner } from 'typeorm';
import type { ReplicaConfig } from '../../config/app-config';
import { currentRequest } from '../../lifecycle/request-context';
import { databaseFault } from '../db-faults';
import { ReplicaMonitor, type RawConnection } from './replica-monitor';

/**
 * Sends the reads of a request to the replica while its context says so (`reads: 'replica'`, set
 * by ReadRoutingInterceptor), with TypeORM's `replication` option underneath:
 * - `DataSource.query` of a plain SELECT (no locking, no named lock) outside a transaction;
 * - repository/query-builder reads outside a transaction (TypeORM asks `defaultReplicationModeForReads`).
 * Writes, transactions and explicit query runners always use the primary, as does everything when
 * the context says 'primary' (the default: `replication.defaultMode` is 'master').
 *
 * Fallback: a replica connection that cannot be had (refused, timed out) marks the replica down and
 * the read takes a primary connection instead; a read that fails on a replica connection for want
 * of the database (the replica died mid-way) is run again on the primary. Either way the replica is
 * not used again until a measurement finds it back within its bound.
 */

const REPLICA_SAFE = /^\s*(\(\s*)?(SELECT|WITH)\b/i;
const NOT_ON_REPLICA =
  /\bFOR\s+UPDATE\b|\bLOCK\s+IN\s+SHARE\s+MODE\b|\bFOR\s+SHARE\b|\bGET_LOCK\s*\(|\bRELEASE_LOCK\s*\(|\bIS_FREE_LOCK\s*\(|\bLAST_INSERT_ID\s*\(|\bFOUND_ROWS\s*\(/i;

/** Whether a statement may run on a replica: a read that neither locks nor depends on the session. */
export const replicaSafe = (sql: string): boolean => REPLICA_SAFE.test(sql) && !NOT_ON_REPLICA.test(sql);

const onReplica = (): boolean => currentRequest()?.reads === 'replica';

interface ReplicatedDriver {
  obtainSlaveConnection(): Promise<unknown>;
  obtainMasterConnection(): Promise<unknown>;
}

type Query = (sql: string, params?: unknown[], runner?: QueryRunner) => Promise<unknown>;
type RunnerQuery = (...args: unknown[]) => Promise<unknown>;

/** Whether a runner's connection came from the replica's pool (mysql2's pool cluster names its nodes). */
const onReplicaConnection = (runner: QueryRunner): boolean =>
  String(
    (runner as unknown as { databaseConnection?: { _clusterId?: string } }).databaseConnection?._clusterId,
  ).startsWith('SLAVE');

/** Installs the routing on a replicated MySQL DataSource; answers the monitor that decides. */
export function installReadRouting(ds: DataSource, config: ReplicaConfig): ReplicaMonitor {
  const driver = ds.driver as unknown as ReplicatedDriver;
  const replicaConnection = driver.obtainSlaveConnection.bind(driver);
  const monitor = new ReplicaMonitor(ds, config, () => replicaConnection() as Promise<RawConnection>);

  // No replica connection to be had: the read takes a primary connection.
  driver.obtainSlaveConnection = () =>
    replicaConnection().catch((err: unknown) => {
      if (!databaseFault(err)) throw err;
      monitor.markDown(err);
      return driver.obtainMasterConnection();
    });

  // A read that fails on the replica for want of the database runs again on the primary.
  const createQueryRunner = ds.createQueryRunner.bind(ds);
  ds.createQueryRunner = (mode = 'master') => {
    const runner = createQueryRunner(mode);
    if (mode !== 'slave') return runner;
    const query = runner.query.bind(runner) as RunnerQuery;
    (runner as unknown as { query: RunnerQuery }).query = async (...args) => {
      try {
        return await query(...args);
      } catch (err) {
        const retry =
          databaseFault(err) &&
          onReplicaConnection(runner) &&
          !runner.isTransactionActive &&
          !currentRequest()?.clientGone();
        if (!retry) throw err;
        monitor.markDown(err);
        const primary = createQueryRunner('master');
        try {
          return await (primary.query.bind(primary) as RunnerQuery)(...args);
        } finally {
          await primary.release();
        }
      }
    };
    return runner;
  };

  (ds as { defaultReplicationModeForReads: () => 'master' | 'slave' }).defaultReplicationModeForReads = () =>
    onReplica() ? 'slave' : 'master';

  const query = ds.query.bind(ds) as Query;
  (ds as { query: Query }).query = async (sql, params, runner) => {
    if (runner || !onReplica() || !replicaSafe(sql)) return query(sql, params, runner);
    const replica = ds.createQueryRunner('slave');
    try {
      return await query(sql, params, replica);
    } finally {
      await replica.release();
    }
  };
  return monitor;
}
