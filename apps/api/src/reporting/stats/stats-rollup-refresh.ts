import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@sbd/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { withLongStatements } from '../../platform/database/long-statements';
import { fromDbDate, toDbDate, transaction } from '../../platform/database/sql';
import { AppError } from '../../platform/errors/app-errors';
import { dialectOf, insertIgnore } from '../shared/report-sql';
import { rebuildAll, applyDirty } from './stats-rollup-build';
import {
  candidates,
  dirtyOf,
  markSeen,
  recordCommunityDistricts,
  REFRESH_MARGIN_MS,
  unseen,
} from './stats-rollup-changes';

/** How long each statement of a background build may run: a 100× district takes minutes per statement at worst. */
export const BUILD_STATEMENT_MS = 20 * 60_000;
/** The leased job that keeps the roll-ups current: its name, how often it runs and how long a build may hold it. */
export const ROLLUP_JOB = { name: 'stats-rollups', everyMs: 60_000, leaseMs: 30 * 60_000 } as const;
/** How soon a client should ask again while the roll-ups are being built. */
export const STATS_BUILDING_RETRY_SECONDS = 30;

/** 503 STATS_BUILDING with Retry-After: the background builder has not finished the roll-ups yet. */
export class StatsBuildingError extends AppError {
  readonly retryAfterSeconds = STATS_BUILDING_RETRY_SECONDS;
  constructor() {
    super(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.StatsBuilding, '区级统计数据正在生成，请稍后再试');
  }
}

/**
 * Applies the changes committed since the last refresh to the roll-ups, or — when they are
 * unbuilt or too much changed, and `mayRebuild` — rebuilds them all; otherwise answers 503
 * STATS_BUILDING. Refreshes run one at a time (the state row is locked) and apply each changed row
 * once. `longStatementsMs` lifts the statement deadline for this work (the background job and the
 * demo seed; never a request); `shouldStop` (a shutdown) gives a build up, rolled back, with
 * BuildStopped.
 */
export async function refreshRollups(
  db: DataSource,
  opts: { mayRebuild: boolean; longStatementsMs?: number; shouldStop?: () => boolean },
): Promise<void> {
  await transaction(db, async (m) => {
    const work = () => applyLocked(m, opts.mayRebuild, opts.shouldStop);
    await (opts.longStatementsMs ? withLongStatements(m, opts.longStatementsMs, work) : work());
  });
}

async function applyLocked(m: EntityManager, mayRebuild: boolean, shouldStop?: () => boolean): Promise<void> {
  const lock = `SELECT watermark, built_at FROM stats_refresh_state WHERE id = 1${dialectOf(m) === 'mysql' ? ' FOR UPDATE' : ''}`;
  let [state] = await m.query(lock);
  if (!state) {
    await m.query(
      `${insertIgnore(dialectOf(m))} INTO stats_refresh_state (id, watermark, built_at) VALUES (1, NULL, NULL)`,
    );
    [state] = await m.query(lock);
  }
  // Taken before anything is read: whatever commits later is found by the next refresh.
  const startedAt = new Date();
  const watermark = fromDbDate(state?.watermark);
  let found = state?.built_at && watermark ? await candidates(m, watermark) : 'too-many';
  const rebuilt = found === 'too-many';
  if (found === 'too-many') {
    if (!mayRebuild) throw new StatsBuildingError();
    await rebuildAll(m, shouldStop);
    // The build read every committed row: the changes in the look-back window are applied already.
    found = await candidates(m, startedAt);
    if (found === 'too-many') found = [];
    await m.query('DELETE FROM stats_seen');
    // A community created while the build ran is recorded here, or a later move would go unseen.
    await recordCommunityDistricts(m, found);
    await markSeen(m, found);
  } else {
    const fresh = await unseen(m, found);
    if (!fresh.length) return;
    await applyDirty(m, await dirtyOf(m, fresh));
    await recordCommunityDistricts(m, fresh);
    await markSeen(m, fresh);
  }
  await m.query('DELETE FROM stats_seen WHERE stamp < ?', [
    toDbDate(new Date(startedAt.getTime() - REFRESH_MARGIN_MS)),
  ]);
  await m.query('UPDATE stats_refresh_state SET watermark = ?, built_at = ? WHERE id = 1', [
    toDbDate(startedAt),
    rebuilt ? toDbDate(new Date()) : toDbDate(fromDbDate(state.built_at) as Date),
  ]);
}
