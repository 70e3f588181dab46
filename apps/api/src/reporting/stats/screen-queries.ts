import { toDbDate, fromDbDate } from '../../platform/database/sql';
import { idList, num, type Executor } from '../shared/report-sql';

/** Figures of one community over a period: what the screen's rankings add up per child node. */
export interface CommunityFigures {
  registered: number;
  serving: number;
  services: number;
  halfHours: number;
}

export interface LatestServiceRow {
  claimId: number;
  verifiedAt: Date;
  communityId: number;
  communityName: string;
  taskTitle: string;
  memberName: string;
  halfHours: number;
}

export interface ChildNodeRow {
  id: number;
  type: string;
  name: string;
  path: string;
}

const APPROVED = "r.status = 'approved'";

/**
 * The screen's extra SQL on both dialects, with the same definitions as StatsQueries (DOMAIN §7):
 * services and hours by the task's community, 服务率 by the registration's community.
 */
export const ScreenQueries = {
  /** Open street and community children of a node. */
  async children(x: Executor, parentId: number): Promise<ChildNodeRow[]> {
    const rows: { id: unknown; type: string; name: string; path: string }[] = await x.query(
      `SELECT id, type, name, path FROM org_nodes
        WHERE parent_id = ? AND type IN ('street', 'community') AND closed_at IS NULL ORDER BY id`,
      [parentId],
    );
    return rows.map((r) => ({ id: Number(r.id), type: r.type, name: r.name, path: r.path }));
  },

  /** Communities under a path with their paths (to fold them into children). */
  async communities(x: Executor, path: string): Promise<{ id: number; path: string }[]> {
    const rows: { id: unknown; path: string }[] = await x.query(
      "SELECT id, path FROM org_nodes WHERE type = 'community' AND path LIKE ?",
      [`${path}%`],
    );
    return rows.map((r) => ({ id: Number(r.id), path: r.path }));
  },

  /** Per community: approved registrations, those serving in [from, to), verified services and half-hours. */
  async perCommunity(x: Executor, ids: number[], from: Date, to: Date): Promise<Map<number, CommunityFigures>> {
    const range = [toDbDate(from), toDbDate(to)];
    const [regs, claims] = await Promise.all([
      x.query(
        `SELECT r.community_id AS c, COUNT(*) AS n,
                SUM(CASE WHEN EXISTS (SELECT 1 FROM claims x WHERE x.member_user_id = r.user_id AND x.status = 'verified'
                                        AND x.verified_at >= ? AND x.verified_at < ?) THEN 1 ELSE 0 END) AS serving
           FROM registrations r WHERE ${APPROVED} AND r.community_id IN ${idList(ids)}
          GROUP BY r.community_id`,
        range,
      ),
      x.query(
        `SELECT t.community_id AS c, COUNT(*) AS n, COALESCE(SUM(x.credit_half_hours), 0) AS half
           FROM claims x JOIN tasks t ON t.id = x.task_id
          WHERE x.status = 'verified' AND x.verified_at >= ? AND x.verified_at < ? AND t.community_id IN ${idList(ids)}
          GROUP BY t.community_id`,
        range,
      ),
    ]);
    const out = new Map<number, CommunityFigures>();
    const at = (c: unknown) => {
      const k = Number(c);
      let f = out.get(k);
      if (!f) out.set(k, (f = { registered: 0, serving: 0, services: 0, halfHours: 0 }));
      return f;
    };
    for (const r of regs as { c: unknown; n: unknown; serving: unknown }[]) {
      const f = at(r.c);
      f.registered += num(r.n);
      f.serving += num(r.serving);
    }
    for (const r of claims as { c: unknown; n: unknown; half: unknown }[]) {
      const f = at(r.c);
      f.services += num(r.n);
      f.halfHours += num(r.half);
    }
    return out;
  },

  /** The latest verified services of tasks in the communities, newest first. */
  async latest(x: Executor, ids: number[], limit: number): Promise<LatestServiceRow[]> {
    const rows: {
      id: unknown;
      verified_at: unknown;
      community_id: unknown;
      community_name: string;
      title: string;
      member_name: string | null;
      half: unknown;
    }[] = await x.query(
      `SELECT x.id AS id, x.verified_at AS verified_at, t.community_id AS community_id, c.name AS community_name,
              t.title AS title, r.name AS member_name, x.credit_half_hours AS half
         FROM claims x JOIN tasks t ON t.id = x.task_id JOIN org_nodes c ON c.id = t.community_id
         LEFT JOIN registrations r ON r.id = x.registration_id
        WHERE x.status = 'verified' AND x.verified_at IS NOT NULL AND t.community_id IN ${idList(ids)}
        ORDER BY x.verified_at DESC, x.id DESC
        LIMIT ${Number(limit)}`,
    );
    return rows.map((r) => ({
      claimId: Number(r.id),
      verifiedAt: fromDbDate(r.verified_at) as Date,
      communityId: Number(r.community_id),
      communityName: r.community_name,
      taskTitle: r.title,
      memberName: r.member_name ?? '',
      halfHours: num(r.half),
    }));
  },
};
