import { SATISFIED_MIN_SCORE } from '@sbd/contracts';
import { toDbDate, fromDbDate } from '../../platform/database/sql';
import { dialectOf, idList, num, shanghaiSql, type Executor } from '../shared/report-sql';
import { entryMatchedSql } from '../shared/roster-match-sql';

/**
 * The communities of a territory: listed, or every community under an org path, selected by the
 * statement itself. For a large district the path is the cheaper form: a list of 35,000 ids is a
 * round trip to fetch and a long statement to send and parse for every refreshed day.
 */
export type Communities = number[] | { under: string };

/** A materialised path as stored ("/12/34/"): digits and slashes only, so it can be inlined. */
const ORG_PATH = /^(\/\d+)+\/$/;

/** `column` is one of the communities. */
export function inCommunities(column: string, communities: Communities): string {
  if (Array.isArray(communities)) return `${column} IN ${idList(communities)}`;
  if (!ORG_PATH.test(communities.under)) throw new Error(`not an org path: ${communities.under}`);
  return `${column} IN (SELECT cu.id FROM org_nodes cu WHERE cu.type = 'community' AND cu.path LIKE '${communities.under}%')`;
}

/**
 * Whose figures: a territory (the communities of a community, street or district subtree) or a
 * work unit (its members: approved registrations naming the unit).
 */
export type StatsScope = { kind: 'territory'; communities: Communities } | { kind: 'unit'; unitId: number };

/** Additive figures of one Shanghai day: what the district roll-up stores per day. */
export interface DayFigures {
  day: number;
  services: number;
  halfHours: number;
  backfillHalfHours: number;
  residentRatings: number;
  residentSatisfied: number;
  communityRatings: number;
  communitySatisfied: number;
}

export interface TaskDayFigures {
  day: number;
  kind: string;
  status: string;
  n: number;
}

export interface NeedRow {
  id: number;
  communityId: number;
  createdAt: Date;
  acceptedAt: Date;
  fulfilledAt: Date | null;
}

/** Seconds from posted to accepted, and from accepted to fulfilled (null until fulfilled). */
export interface NeedDurations {
  acceptSeconds: number;
  fulfilSeconds: number | null;
}

export interface TopMemberRow {
  userId: number;
  name: string;
  services: number;
  halfHours: number;
}

export interface RosterCounts {
  entries: number;
  registered: number;
}

export const emptyDay = (day: number): DayFigures => ({
  day,
  services: 0,
  halfHours: 0,
  backfillHalfHours: 0,
  residentRatings: 0,
  residentSatisfied: 0,
  communityRatings: 0,
  communitySatisfied: 0,
});

export function needDurations(r: Pick<NeedRow, 'createdAt' | 'acceptedAt' | 'fulfilledAt'>): NeedDurations {
  const secs = (a: Date, b: Date) => Math.max(0, Math.floor((b.getTime() - a.getTime()) / 1000));
  return {
    acceptSeconds: secs(r.createdAt, r.acceptedAt),
    fulfilSeconds: r.fulfilledAt ? secs(r.acceptedAt, r.fulfilledAt) : null,
  };
}

const APPROVED = "r.status = 'approved'";

/** Members of a unit: approved registrations naming it (joined as `r`). */
const unitMembers = (unitId: number, alias: string) =>
  `JOIN registrations r ON r.user_id = ${alias}.member_user_id AND ${APPROVED} AND r.work_unit_id = ${Number(unitId)}`;

/**
 * Every figure of the statistics as plain SQL over the source tables, on both dialects: the
 * definitions themselves (DOMAIN §7). The district roll-ups store these same per-day figures.
 */
export const StatsQueries = {
  /** Services, hours, back-filled hours and ratings per Shanghai day in [from, to); days without any are left out. */
  async dayFigures(x: Executor, scope: StatsScope, from: Date, to: Date): Promise<DayFigures[]> {
    const d = dialectOf(x);
    const range = [toDbDate(from), toDbDate(to)];
    const dayOf = (col: string) => shanghaiSql(d, col, '%Y%m%d');
    const territory = scope.kind === 'territory';
    const where = territory ? inCommunities('t.community_id', scope.communities) : '1 = 1';
    const [claims, backfills, ratings] = await Promise.all([
      x.query(
        `SELECT ${dayOf('x.verified_at')} AS d, COUNT(*) AS n, COALESCE(SUM(x.credit_half_hours), 0) AS half
           FROM claims x ${territory ? 'JOIN tasks t ON t.id = x.task_id' : unitMembers(scope.unitId, 'x')}
          WHERE x.status = 'verified' AND x.verified_at >= ? AND x.verified_at < ? AND ${where}
          GROUP BY d`,
        range,
      ),
      x.query(
        `SELECT ${dayOf('b.created_at')} AS d, COALESCE(SUM(b.half_hours), 0) AS half
           FROM backfills b ${territory ? '' : unitMembers(scope.unitId, 'b')}
          WHERE b.created_at >= ? AND b.created_at < ? AND ${territory ? inCommunities('b.community_id', scope.communities) : '1 = 1'}
          GROUP BY d`,
        range,
      ),
      x.query(
        `SELECT ${dayOf('g.created_at')} AS d, g.kind AS kind, COUNT(*) AS n,
                SUM(CASE WHEN g.score >= ${SATISFIED_MIN_SCORE} THEN 1 ELSE 0 END) AS ok
           FROM ratings g ${territory ? 'JOIN tasks t ON t.id = g.task_id' : unitMembers(scope.unitId, 'g')}
          WHERE g.created_at >= ? AND g.created_at < ? AND ${territory ? where : "g.kind = 'community'"}
          GROUP BY d, g.kind`,
        range,
      ),
    ]);
    const days = new Map<number, DayFigures>();
    const at = (day: unknown) => {
      const k = Number(day);
      let f = days.get(k);
      if (!f) days.set(k, (f = emptyDay(k)));
      return f;
    };
    for (const r of claims as { d: unknown; n: unknown; half: unknown }[]) {
      const f = at(r.d);
      f.services += num(r.n);
      f.halfHours += num(r.half);
    }
    for (const r of backfills as { d: unknown; half: unknown }[]) at(r.d).backfillHalfHours += num(r.half);
    for (const r of ratings as { d: unknown; kind: string; n: unknown; ok: unknown }[]) {
      const f = at(r.d);
      if (r.kind === 'resident') {
        f.residentRatings += num(r.n);
        f.residentSatisfied += num(r.ok);
      } else {
        f.communityRatings += num(r.n);
        f.communitySatisfied += num(r.ok);
      }
    }
    return [...days.values()].sort((a, b) => a.day - b.day);
  },

  /** Tasks created in [from, to) in the communities, per day, kind and current status. */
  async taskDays(x: Executor, communities: Communities, from: Date, to: Date): Promise<TaskDayFigures[]> {
    const rows: { d: unknown; kind: string; status: string; n: unknown }[] = await x.query(
      `SELECT ${shanghaiSql(dialectOf(x), 't.created_at', '%Y%m%d')} AS d, t.kind AS kind, t.status AS status, COUNT(*) AS n
         FROM tasks t
        WHERE ${inCommunities('t.community_id', communities)} AND t.created_at >= ? AND t.created_at < ?
        GROUP BY d, t.kind, t.status`,
      [toDbDate(from), toDbDate(to)],
    );
    return rows.map((r) => ({ day: Number(r.d), kind: r.kind, status: r.status, n: num(r.n) }));
  },

  /** Needs of the communities accepted in [from, to). */
  async needRows(x: Executor, communities: Communities, from: Date, to: Date): Promise<NeedRow[]> {
    const rows: {
      id: unknown;
      community_id: unknown;
      created_at: unknown;
      accepted_at: unknown;
      fulfilled_at: unknown;
    }[] = await x.query(
      `SELECT n.id, n.community_id, n.created_at, n.accepted_at, n.fulfilled_at FROM needs n
        WHERE ${inCommunities('n.community_id', communities)} AND n.accepted_at >= ? AND n.accepted_at < ?`,
      [toDbDate(from), toDbDate(to)],
    );
    return rows.map(toNeedRow);
  },

  /** Approved registrations in scope: the 服务率 denominator. */
  async registered(x: Executor, scope: StatsScope): Promise<number> {
    const [row] = await x.query(
      `SELECT COUNT(*) AS n FROM registrations r WHERE ${APPROVED} AND ${memberScope(scope)}`,
    );
    return num(row?.n);
  },

  /** Of the approved registrations in scope, those with ≥ 1 claim verified in [from, to), wherever served. */
  async serving(x: Executor, scope: StatsScope, from: Date, to: Date): Promise<number> {
    const [row] = await x.query(
      `SELECT COUNT(*) AS n FROM registrations r
        WHERE ${APPROVED} AND ${memberScope(scope)}
          AND EXISTS (SELECT 1 FROM claims x WHERE x.member_user_id = r.user_id AND x.status = 'verified' AND x.verified_at >= ? AND x.verified_at < ?)`,
      [toDbDate(from), toDbDate(to)],
    );
    return num(row?.n);
  },

  /** Members in scope by verified hours in [from, to); ties: more services first, then the later user id. */
  async topMembers(x: Executor, scope: StatsScope, from: Date, to: Date, limit: number): Promise<TopMemberRow[]> {
    const rows: { user_id: unknown; name: string; services: unknown; half: unknown }[] = await x.query(
      `SELECT r.user_id AS user_id, r.name AS name, COUNT(*) AS services, SUM(x.credit_half_hours) AS half
         FROM claims x JOIN registrations r ON r.user_id = x.member_user_id
        WHERE ${APPROVED} AND ${memberScope(scope)} AND x.status = 'verified' AND x.verified_at >= ? AND x.verified_at < ?
        GROUP BY r.user_id, r.name
        ORDER BY half DESC, services DESC, r.user_id DESC
        LIMIT ${Number(limit)}`,
      [toDbDate(from), toDbDate(to)],
    );
    return rows.map((r) => ({
      userId: Number(r.user_id),
      name: r.name,
      services: num(r.services),
      halfHours: num(r.half),
    }));
  },

  /**
   * Roster entries per unit, and how many of them match an approved registration (same keyed
   * phone hash and same name, or a 待核对 pairing confirmed by the unit): the two terms of 报到率.
   */
  async rosterCounts(x: Executor, unitIds: number[]): Promise<Map<number, RosterCounts>> {
    const rows: { unit_id: unknown; entries: unknown; registered: unknown }[] = await x.query(
      `SELECT e.unit_id AS unit_id, COUNT(*) AS entries,
              SUM(CASE WHEN ${entryMatchedSql('e', APPROVED)} THEN 1 ELSE 0 END) AS registered
         FROM unit_roster_entries e
        WHERE e.unit_id IN ${idList(unitIds)}
        GROUP BY e.unit_id`,
    );
    return new Map(rows.map((r) => [Number(r.unit_id), { entries: num(r.entries), registered: num(r.registered) }]));
  },

  /**
   * The roster terms of 报到率 over every unit under a path, counting people, not entries: one
   * person (keyed phone hash and name) on two units' rosters is one member of the district, and
   * registered once if any approved registration matches them.
   */
  async rosterPeople(x: Executor, path: string): Promise<RosterCounts> {
    const [row] = (await x.query(
      `SELECT COUNT(*) AS entries, COALESCE(SUM(k.registered), 0) AS registered FROM (${rosterPeopleSql('u.path LIKE ?')}) k`,
      [`${path}%`],
    )) as { entries: unknown; registered: unknown }[];
    return { entries: num(row?.entries), registered: num(row?.registered) };
  },

  /** Ids of the communities under a path (the node itself when it is one). */
  async communitiesUnder(x: Executor, path: string): Promise<number[]> {
    const rows: { id: unknown }[] = await x.query("SELECT id FROM org_nodes WHERE type = 'community' AND path LIKE ?", [
      `${path}%`,
    ]);
    return rows.map((r) => Number(r.id));
  },

  async unitsUnder(x: Executor, path: string): Promise<number[]> {
    const rows: { id: unknown }[] = await x.query("SELECT id FROM org_nodes WHERE type = 'work_unit' AND path LIKE ?", [
      `${path}%`,
    ]);
    return rows.map((r) => Number(r.id));
  },
};

/**
 * One row per person on the rosters of the work units `u` that `where` selects: phone_hash, name,
 * and registered (1 when an approved registration matches any of their entries). With `byPath`,
 * one row per unit path and person instead (the caller folds paths into districts).
 */
export function rosterPeopleSql(where: string, opts: { byPath?: boolean } = {}): string {
  const path = opts.byPath ? 'u.path AS path, ' : '';
  return `SELECT ${path}e.phone_hash AS phone_hash, e.name AS name,
                 MAX(CASE WHEN ${entryMatchedSql('e', APPROVED)} THEN 1 ELSE 0 END) AS registered
            FROM unit_roster_entries e JOIN org_nodes u ON u.id = e.unit_id
           WHERE u.type = 'work_unit' AND ${where}
           GROUP BY ${opts.byPath ? 'u.path, ' : ''}e.phone_hash, e.name`;
}

function memberScope(scope: StatsScope): string {
  return scope.kind === 'territory'
    ? inCommunities('r.community_id', scope.communities)
    : `r.work_unit_id = ${Number(scope.unitId)}`;
}

export function toNeedRow(r: {
  id: unknown;
  community_id: unknown;
  created_at: unknown;
  accepted_at: unknown;
  fulfilled_at: unknown;
}): NeedRow {
  return {
    id: Number(r.id),
    communityId: Number(r.community_id),
    createdAt: fromDbDate(r.created_at) as Date,
    acceptedAt: fromDbDate(r.accepted_at) as Date,
    fulfilledAt: fromDbDate(r.fulfilled_at),
  };
}
