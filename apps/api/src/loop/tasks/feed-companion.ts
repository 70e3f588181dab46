import { Injectable } from '@nestjs/common';
import type { PrincipalCompanion } from '../../platform/auth/principal-companion';
import { toDbDate } from '../../platform/database/sql';
import { TaskHooks } from './task-hooks';

/**
 * What the feed reads about its caller on every request: the version of the caller's feed scope
 * (the newest `updated_at` of the street's tasks, or the community's without a street: see
 * `feedScope`) as `v_u`, and the ids of the caller's claims that have not ended with their tasks'
 * (`c_claim_id`, `c_task_id`: one row each, or one row of NULLs); those on the page are then read
 * by id, in statements shared with concurrent requests. FeedService reads the same on its own
 * without the guard.
 * The street's version is the last entry of ix_tasks_street_updated: as a correlated subquery,
 * MAX() would read all the street's entries; ORDER BY … DESC LIMIT 1 reads one.
 */
const VERSION_SQL = `CASE WHEN p.home_street_id IS NULL
         THEN (SELECT MAX(t.updated_at) FROM tasks t WHERE t.community_id = p.home_community_id)
         ELSE (SELECT t.updated_at FROM tasks t WHERE t.street_id = p.home_street_id
                ORDER BY t.updated_at DESC LIMIT 1) END`;

/** Read with the principal by the auth guard (@WithPrincipal on the feed route): one statement a request. */
@Injectable()
export class FeedCompanion implements PrincipalCompanion {
  constructor(private readonly hooks: TaskHooks) {}

  wrap(principalSql: string): string {
    return `SELECT p.*, ${VERSION_SQL} AS v_u, mc.*
              FROM (${principalSql}) p
              LEFT JOIN (${this.hooks.claims.claimKeysSelect} WHERE c.member_user_id = ? AND c.ends_at > ?) mc ON 1 = 1`;
  }

  params(userId: number, now: Date): unknown[] {
    return [userId, toDbDate(now)];
  }
}
