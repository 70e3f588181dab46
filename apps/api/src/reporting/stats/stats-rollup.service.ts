import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TOP_MEMBERS_LIMIT, type RollupRebuildDto } from '@sbd/contracts';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { LeasedJobs } from '../../platform/jobs/leased-jobs';
import type { NodeRef } from '../../platform/auth/scope.service';
import { fromDbDate } from '../../platform/database/sql';
import type { StatsPeriod } from './period';
import type { NeedAggregates, StatsParts } from './stats-assemble';
import { StatsQueries, type TopMemberRow } from './stats-queries';
import { idList, num } from '../shared/report-sql';
import { districtPeople } from './stats-rollup-people';
import { candidates, unseen } from './stats-rollup-changes';
import { BUILD_STATEMENT_MS, refreshRollups, ROLLUP_JOB, StatsBuildingError } from './stats-rollup-refresh';

export { REFRESH_MARGIN_MS } from './stats-rollup-changes';

/** How many district periods each process keeps (a few districts × the periods their screens show). */
const RECENT_ENTRIES = 256;
export { BUILD_STATEMENT_MS, ROLLUP_JOB, StatsBuildingError } from './stats-rollup-refresh';

/**
 * Pre-aggregation for whole districts (the city dashboard), where reading the source tables takes
 * seconds at seed 003's scale. Every figure is stored exactly as the raw queries (StatsQueries)
 * compute it, per district and Shanghai day, per member and year, per need and per unit roster.
 *
 * The roll-ups are brought up to date before every read: the refresh finds the rows changed since
 * the last one (every write of the app stamps `updated_at`; ratings and back-fills are insert-only
 * with `created_at`; roster uploads stamp `unit_rosters.updated_at`, moves `org_nodes.updated_at`) and recomputes the roll-up rows
 * they touch from the source tables. It relies on three facts of the service loop: a verified claim
 * never changes again (verified is terminal), rows never move between communities, and the event
 * times used for days (verified_at, created_at, accepted_at) are set once.
 *
 * Finding the changes is in stats-rollup-changes.ts, recomputing rows in stats-rollup-build.ts.
 */
@Injectable()
export class StatsRollupService implements OnApplicationBootstrap {
  /** With the scheduler, builds run only in the leased job ROLLUP_JOB, never in a request. */
  readonly inBackground: boolean;
  /** District and days → the parts read at a roll-up version (oldest first; see districtParts). */
  private readonly recent = new Map<string, { version: string; parts: StatsParts }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly jobs: LeasedJobs,
  ) {
    this.inBackground = config.schedulerEnabled;
  }

  /** One process at a time, every minute: build the roll-ups when unbuilt, else apply the changes. */
  onApplicationBootstrap(): void {
    this.jobs.schedule({ ...ROLLUP_JOB, run: ({ shouldStop }) => this.refreshInBackground(shouldStop) });
  }

  /**
   * A district's figures for the period from the roll-ups (after a refresh). The same district and
   * days read again while the roll-ups' version (stats_refresh_state, moved by every refresh that
   * applies something, in whichever process) is unchanged come from memory: a wall screen
   * refreshing every few seconds costs the version check, not the aggregates (about 100 ms at a
   * province's scale). Correct with any number of processes, since the version is in the database.
   */
  async districtParts(district: NodeRef, period: StatsPeriod): Promise<StatsParts> {
    const version = await this.refresh();
    const key = `${district.id}|${period.fromDay}|${period.lastDay}`;
    const hit = this.recent.get(key);
    if (hit && hit.version === version) return hit.parts;
    const parts = await this.readParts(district, period);
    this.recent.delete(key);
    this.recent.set(key, { version, parts });
    if (this.recent.size > RECENT_ENTRIES) this.recent.delete(this.recent.keys().next().value as string);
    return parts;
  }

  private async readParts(district: NodeRef, period: StatsPeriod): Promise<StatsParts> {
    const id = district.id;
    const [dayRows, taskRows, needRows, counters, roster] = await Promise.all([
      this.db.query('SELECT * FROM stats_district_days WHERE district_id = ? AND day >= ? AND day <= ?', [
        id,
        period.fromDay,
        period.lastDay,
      ]),
      this.db.query(
        'SELECT day, kind, status, n FROM stats_district_task_days WHERE district_id = ? AND day >= ? AND day <= ?',
        [id, period.fromDay, period.lastDay],
      ),
      this.needAggregates(id, period),
      this.db.query('SELECT year, members FROM stats_district_counters WHERE district_id = ? AND year IN (0, ?)', [
        id,
        period.calendarYear ?? 0,
      ]),
      // People, not entries: one person on two units' rosters counts once.
      districtPeople(this.db, id),
    ]);
    const counter = (year: number) =>
      num((counters as { year: unknown; members: unknown }[]).find((c) => Number(c.year) === year)?.members);
    let serving: number;
    let top: TopMemberRow[];
    if (period.calendarYear !== null) {
      serving = counter(period.calendarYear);
      top = await this.topOfYear(id, period.calendarYear);
    } else {
      // Distinct members over an arbitrary period cannot be summed from days: read the sources.
      const scope = {
        kind: 'territory' as const,
        communities: await StatsQueries.communitiesUnder(this.db, district.path),
      };
      [serving, top] = await Promise.all([
        StatsQueries.serving(this.db, scope, period.from, period.to),
        StatsQueries.topMembers(this.db, scope, period.from, period.to, TOP_MEMBERS_LIMIT),
      ]);
    }
    return {
      days: (dayRows as Record<string, unknown>[]).map((r) => ({
        day: Number(r.day),
        services: num(r.services),
        halfHours: num(r.half_hours),
        backfillHalfHours: num(r.backfill_half_hours),
        residentRatings: num(r.resident_ratings),
        residentSatisfied: num(r.resident_satisfied),
        communityRatings: num(r.community_ratings),
        communitySatisfied: num(r.community_satisfied),
      })),
      taskDays: (taskRows as { day: unknown; kind: string; status: string; n: unknown }[]).map((r) => ({
        day: Number(r.day),
        kind: r.kind,
        status: r.status,
        n: num(r.n),
      })),
      needs: needRows,
      registered: counter(0),
      serving,
      top,
      roster,
    };
  }

  /** Counts, sums and medians of the district's needs accepted in the period, in SQL over the facts' indexes. */
  private async needAggregates(districtId: number, period: StatsPeriod): Promise<NeedAggregates> {
    const where = 'district_id = ? AND accepted_day >= ? AND accepted_day <= ?';
    const params = [districtId, period.fromDay, period.lastDay];
    // Counts and sums from the days (at most the period's days of rows); medians from the facts.
    const [agg] = await this.db.query(
      `SELECT COALESCE(SUM(accepted), 0) AS n, COALESCE(SUM(fulfilled), 0) AS f, COALESCE(SUM(accept_seconds), 0) AS sa,
              COALESCE(SUM(fulfil_seconds), 0) AS sf
         FROM stats_district_need_days WHERE district_id = ? AND day >= ? AND day <= ?`,
      params,
    );
    const median = async (column: 'accept_seconds' | 'fulfil_seconds', count: number): Promise<number | null> => {
      if (!count) return null;
      const rows: { v: unknown }[] = await this.db.query(
        `SELECT ${column} AS v FROM stats_need_facts WHERE ${where} AND ${column} IS NOT NULL
          ORDER BY ${column} LIMIT ${count % 2 ? 1 : 2} OFFSET ${Math.floor((count - 1) / 2)}`,
        params,
      );
      return rows.reduce((a, r) => a + num(r.v), 0) / rows.length;
    };
    const [accepted, fulfilled] = [num(agg?.n), num(agg?.f)];
    const [acceptMedian, fulfilMedian] = await Promise.all([
      median('accept_seconds', accepted),
      median('fulfil_seconds', fulfilled),
    ]);
    return {
      accepted,
      fulfilled,
      acceptSeconds: num(agg?.sa),
      fulfilSeconds: num(agg?.sf),
      acceptMedian,
      fulfilMedian,
    };
  }

  private async topOfYear(districtId: number, year: number): Promise<TopMemberRow[]> {
    const rows: { user_id: unknown; services: unknown; half_hours: unknown }[] = await this.db.query(
      `SELECT user_id, services, half_hours FROM stats_member_years
        WHERE district_id = ? AND year = ? AND approved = 1
        ORDER BY half_hours DESC, services DESC, user_id DESC
        LIMIT ${TOP_MEMBERS_LIMIT}`,
      [districtId, year],
    );
    if (!rows.length) return [];
    const names: { user_id: unknown; name: string }[] = await this.db.query(
      `SELECT user_id, name FROM registrations WHERE user_id IN ${idList(rows.map((r) => Number(r.user_id)))}`,
    );
    const nameOf = new Map(names.map((n) => [Number(n.user_id), n.name]));
    return rows.map((r) => ({
      userId: Number(r.user_id),
      name: nameOf.get(Number(r.user_id)) ?? '',
      services: num(r.services),
      halfHours: num(r.half_hours),
    }));
  }

  /**
   * Brings every roll-up up to date before a read. When nothing changed this is a few indexed reads
   * and no lock; otherwise refreshes run one at a time (the state row is locked) and apply each
   * changed row once. With the background builder (SCHEDULER_ENABLED) a read never builds: while the
   * roll-ups are unbuilt, or too much changed since the last refresh, it answers 503 STATS_BUILDING
   * at once and the leased job (`refreshInBackground`) builds them with long statements — at a
   * province's scale a build takes minutes, far past a request's statement deadline.
   */
  async refresh(): Promise<string> {
    const readState = async () =>
      (await this.db.query('SELECT watermark, built_at FROM stats_refresh_state WHERE id = 1'))[0] as
        { watermark: unknown; built_at: unknown } | undefined;
    const version = (s: typeof current) =>
      `${fromDbDate(s?.watermark)?.getTime()}|${fromDbDate(s?.built_at)?.getTime()}`;
    const current = await readState();
    const currentMark = fromDbDate(current?.watermark);
    if (current?.built_at && currentMark) {
      const found = await candidates(this.db, currentMark);
      if (found !== 'too-many' && !(await unseen(this.db, found)).length) return version(current);
      if (found === 'too-many' && this.inBackground) throw new StatsBuildingError();
    } else if (this.inBackground) {
      throw new StatsBuildingError();
    }
    await refreshRollups(this.db, { mayRebuild: !this.inBackground });
    return version(await readState());
  }

  /** The leased job: refreshes (or builds) the roll-ups with statements allowed BUILD_STATEMENT_MS each. */
  async refreshInBackground(shouldStop?: () => boolean): Promise<void> {
    await refreshRollups(this.db, { mayRebuild: true, longStatementsMs: BUILD_STATEMENT_MS, shouldStop });
  }

  /**
   * Forgets the roll-ups and builds them again from the source tables: at once without the
   * background builder, else by its next run (made due now; within about a minute).
   */
  async rebuild(): Promise<RollupRebuildDto> {
    await this.invalidate();
    if (this.inBackground) {
      await this.jobs.makeDue(ROLLUP_JOB.name);
      return { rebuiltAt: null, queued: true };
    }
    await this.refresh();
    return { rebuiltAt: new Date().toISOString(), queued: false };
  }

  /** Forgets the roll-ups: the next refresh (or background run) rebuilds them from the source tables. */
  async invalidate(): Promise<void> {
    await this.db.query('UPDATE stats_refresh_state SET built_at = NULL WHERE id = 1');
  }
}
