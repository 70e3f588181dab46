// The dashboard benchmark's baseline (bench/dashboard.mjs): the same aggregates the API answers for
// a node, as ONE raw SQL statement.
import { toDbDate } from './lib.mjs';

/** This calendar year in Asia/Shanghai, as the API's default period: [from, to) UTC. */
function thisYear() {
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  return {
    from: toDbDate(new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000)),
    to: toDbDate(new Date(Date.UTC(year + 1, 0, 1) - 8 * 3_600_000)),
  };
}

/**
 * The dashboard's aggregates for one node as ONE statement: the registered and serving members,
 * services and hours, back-fills, ratings, need closure, tasks by kind and status, top members and
 * the monthly series (and the roster terms of 报到率 for the district and the unit).
 */
export function baselineStatement(kind, node) {
  const { from, to } = thisYear();
  const day = (c) => `DATE_FORMAT(DATE_ADD(${c}, INTERVAL 8 HOUR), '%Y-%m')`;
  const communities = `SELECT id FROM org_nodes WHERE type = 'community' AND path LIKE '${node.path}%'`;
  const unit = kind === 'unit';
  const members = unit ? `r.work_unit_id = ${node.id}` : `r.community_id IN (${communities})`;
  const verified = `x.status = 'verified' AND x.verified_at >= '${from}' AND x.verified_at < '${to}'`;
  const claimsIn = unit
    ? `FROM claims x JOIN registrations r ON r.user_id = x.member_user_id AND r.status = 'approved' AND ${members} WHERE ${verified}`
    : `FROM claims x JOIN tasks t ON t.id = x.task_id WHERE ${verified} AND t.community_id IN (${communities})`;
  const ratingsIn = unit
    ? `FROM ratings g JOIN registrations r ON r.user_id = g.member_user_id AND r.status = 'approved' AND ${members} WHERE g.kind = 'community' AND g.created_at >= '${from}' AND g.created_at < '${to}'`
    : `FROM ratings g JOIN tasks t ON t.id = g.task_id WHERE g.created_at >= '${from}' AND g.created_at < '${to}' AND t.community_id IN (${communities})`;
  const parts = [
    `(SELECT COUNT(*) AS registered FROM registrations r WHERE r.status = 'approved' AND ${members}) m`,
    `(SELECT COUNT(*) AS serving FROM registrations r WHERE r.status = 'approved' AND ${members}
        AND EXISTS (SELECT 1 FROM claims x WHERE x.member_user_id = r.user_id AND ${verified})) s`,
    `(SELECT COUNT(*) AS services, COALESCE(SUM(x.credit_half_hours), 0) / 2 AS hours ${claimsIn}) h`,
    `(SELECT COUNT(*) AS ratings, SUM(g.score >= 4) AS satisfied ${ratingsIn}) g`,
    `(SELECT JSON_ARRAYAGG(JSON_OBJECT('month', mo, 'services', n, 'hours', half / 2)) AS series FROM (SELECT ${day('x.verified_at')} AS mo, COUNT(*) AS n, SUM(x.credit_half_hours) AS half ${claimsIn} GROUP BY mo) q) se`,
    `(SELECT GROUP_CONCAT(user_id ORDER BY half DESC, n DESC, user_id DESC) AS top FROM (
        SELECT r.user_id, COUNT(*) AS n, SUM(x.credit_half_hours) AS half FROM claims x JOIN registrations r ON r.user_id = x.member_user_id
         WHERE r.status = 'approved' AND ${members} AND ${verified} GROUP BY r.user_id ORDER BY half DESC, n DESC, r.user_id DESC LIMIT 10) q) tp`,
    `(SELECT COALESCE(SUM(half_hours), 0) / 2 AS backfilled FROM backfills b ${unit ? `JOIN registrations r ON r.user_id = b.member_user_id AND r.status = 'approved' AND ${members}` : ''}
       WHERE b.created_at >= '${from}' AND b.created_at < '${to}' ${unit ? '' : `AND b.community_id IN (${communities})`}) bf`,
  ];
  if (!unit) {
    parts.push(
      `(SELECT COUNT(*) AS accepted, SUM(n.fulfilled_at IS NOT NULL) AS fulfilled, AVG(TIMESTAMPDIFF(SECOND, n.created_at, n.accepted_at)) / 3600 AS hoursToAccept,
               AVG(TIMESTAMPDIFF(SECOND, n.accepted_at, n.fulfilled_at)) / 3600 AS hoursToFulfil
          FROM needs n WHERE n.accepted_at >= '${from}' AND n.accepted_at < '${to}' AND n.community_id IN (${communities})) nd`,
      `(SELECT JSON_OBJECTAGG(CONCAT(kind, '/', status), n) AS tasks FROM (SELECT kind, status, COUNT(*) AS n FROM tasks
          WHERE created_at >= '${from}' AND created_at < '${to}' AND community_id IN (${communities}) GROUP BY kind, status) q) tk`,
    );
  }
  if (kind === 'district' || unit) {
    const units = unit
      ? String(node.id)
      : `SELECT id FROM org_nodes WHERE type = 'work_unit' AND path LIKE '${node.path}%'`;
    parts.push(`(SELECT COUNT(*) AS rosterEntries, SUM(EXISTS (SELECT 1 FROM registrations r WHERE r.phone_hash = e.phone_hash AND r.name = e.name AND r.status = 'approved')) AS rosterRegistered
                   FROM unit_roster_entries e WHERE e.unit_id IN (${units})) ro`);
  }
  return `SELECT * FROM ${parts.join('\nCROSS JOIN ')}`;
}
