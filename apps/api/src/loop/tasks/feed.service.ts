import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ClaimDto, Page, TaskDto } from '@sbd/contracts';
import { DataSource } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { takeCompanionRows } from '../../platform/auth/principal-companion';
import { forbidden } from '../../platform/errors/app-errors';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { fromDbDate, toDbDate } from '../../platform/database/sql';
import { serializedJson, type SerializedJson } from '../../platform/http/serialized-json';
import type { TaskFeedQuery } from './dto/list-tasks.query';
import type { TaskEntity } from './entities/task.entity';
import {
  FEED_OPEN_SQL,
  feedCursor,
  feedScope,
  feedSql,
  selectFeedPage,
  type FeedCandidate,
  type FeedHome,
} from './feed-page';
import { ImpressionsService } from './impressions.service';
import { SizedLru } from './sized-lru';
import { TaskHooks } from './task-hooks';
import { rowToTask, TaskViewsService, type SharedTaskDto } from './task-views.service';

/**
 * A cached open task: what the page selection needs, the entity, and its DTO as a viewer without
 * a claim on it sees it (frozen: the same object goes into many responses), also serialized.
 */
interface CachedTask extends FeedCandidate {
  task: TaskEntity;
  dto: Readonly<TaskDto>;
  json: string;
}

/** A scope's open tasks sorted by (start, id) as of `version`, or `tooLarge` to read them with SQL. */
interface Entry {
  version: number;
  expiresAt: number;
  tasks: CachedTask[] | 'tooLarge';
  /** The same tasks per community, in the same order (a member's own community comes first). */
  byCommunity?: Map<number, CachedTask[]>;
}

type Scope = ReturnType<typeof feedScope>;
type PageItem = { task: TaskEntity; dto: Readonly<TaskDto>; json: string };

/** An entry is reloaded after this long even when its version is unchanged (a renamed position, clock skew). */
const MAX_AGE_MS = 30_000;
/**
 * While a scope's newest change is this recent, another change stamped with the same millisecond
 * may still be committing: such an entry is trusted for `RECENT_MAX_AGE_MS` only.
 */
const RECENT_MS = 2_000;
const RECENT_MAX_AGE_MS = 1_000;
/** What one process caches at most: scopes, and open tasks over all scopes (least recently used out first). */
const MAX_ENTRIES = 256;
const MAX_CACHED_TASKS = 50_000;

/**
 * The member feed ("open tasks of my community first, then my street"), the product's hottest read.
 *
 * What every member of a street sees alike — the street's open tasks with their positions,
 * branches, needs and counts — is cached per process and per street, with each task's JSON. Each
 * request revalidates it in the statement that also reads the member's principal and the ids of
 * their open claims (FeedCompanion, read by the auth guard; without it, one statement here); the
 * member's claims on the page, if any, are read by id in a statement shared with concurrent
 * requests (one for all of them on MySQL). The version is the newest
 * `updated_at` of the street's tasks (one index dive), and every change to a task (publishing, a
 * status, a slot taken or freed, the waitlist) bumps it. So a cached list is not used once out of
 * date, whichever API process changed the task; each process keeps its own copy and needs no
 * coordination. Entries also expire (see MAX_AGE_MS, RECENT_MS). Streets with more open tasks
 * than `feedCacheMaxTasks` are read with the plain SQL feed.
 */
@Injectable()
export class FeedService {
  private readonly entries = new SizedLru<Entry>(MAX_ENTRIES, MAX_CACHED_TASKS, (e) =>
    e.tasks === 'tooLarge' ? 0 : e.tasks.length,
  );
  private readonly loading = new Map<string, { version: number; promise: Promise<Entry> }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly views: TaskViewsService,
    private readonly impressions: ImpressionsService,
    private readonly hooks: TaskHooks,
  ) {}

  /** The page, serialized: the tasks' JSON is cached with them, only the caller's claims are stringified. */
  async feed(p: Principal, q: TaskFeedQuery): Promise<SerializedJson<Page<TaskDto>>> {
    const home = p.home;
    if (!home) throw forbidden('报到审核通过后才能查看任务');
    const limit = q.limit ?? 20;
    const now = new Date();
    const scope = feedScope(home);
    // The scope's version and the member's claims on tasks that have not ended: read with the
    // principal by the guard (FeedCompanion), or here in one statement.
    const rows =
      takeCompanionRows(p) ??
      ((await this.db.query(
        `SELECT v.u AS v_u, mc.*
           FROM (SELECT MAX(t.updated_at) AS u FROM tasks t WHERE t.${scope.column} = ?) v
           LEFT JOIN (${this.hooks.claims.claimKeysSelect} WHERE c.member_user_id = ? AND c.ends_at > ?) mc ON 1 = 1`,
        [scope.id, p.userId, toDbDate(now)],
      )) as Record<string, unknown>[]);
    const version = fromDbDate(rows[0].v_u)?.getTime() ?? 0;
    const entry = await this.entry(scope, version);
    let page: PageItem[];
    let more: boolean;
    if (entry.tasks === 'tooLarge') {
      ({ page, more } = await this.sqlPage(home, q, now, limit));
    } else {
      const own = entry.byCommunity?.get(home.communityId) ?? [];
      const chosen = selectFeedPage(entry.tasks, home, q, now, limit, own);
      more = chosen.length > limit;
      page = chosen.slice(0, limit);
    }

    // The ids of the member's open claims came with the version: those on this page are read
    // (fresh), by id, in a statement shared with concurrent requests.
    const claimOf = new Map(rows.map((r) => [Number(r.c_task_id ?? 0), Number(r.c_claim_id ?? 0)]));
    const onPage = page.filter((x) => claimOf.has(x.task.id)).map((x) => x.task);
    const mine = onPage.length
      ? await this.hooks.claims.ownByIds(
          p.userId,
          onPage.map((t) => claimOf.get(t.id)!),
          onPage,
        )
      : new Map<number, ClaimDto>();
    this.impressions.record(
      p.userId,
      'feed',
      page.map((x, i) => ({ taskId: x.task.id, communityId: x.task.communityId, rank: i + 1, score: null })),
    );
    const last = page[page.length - 1];
    const items = page.map((x) => {
      const myClaim = mine.get(x.task.id);
      return myClaim ? JSON.stringify({ ...x.dto, myClaim }) : x.json;
    });
    const nextCursor = more && last ? feedCursor(home, last.task) : null;
    return serializedJson(`{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`);
  }

  /** The page straight from SQL, for scopes too large to cache. */
  private async sqlPage(
    home: FeedHome,
    q: TaskFeedQuery,
    now: Date,
    limit: number,
  ): Promise<{ page: PageItem[]; more: boolean }> {
    const { sql, params } = feedSql(home, q, now, limit);
    const rows = (await this.db.query(sql, params)) as Record<string, unknown>[];
    const tasks = rows.slice(0, limit).map(rowToTask);
    const shared = await this.views.sharedDtos(
      tasks,
      new Map(rows.map((r) => [Number(r.community_id), String(r.community_name)])),
    );
    return {
      page: tasks.map((task, i) => withJson({ task, dto: asViewedWithoutClaim(shared[i]) })),
      more: rows.length > limit,
    };
  }

  /** The scope's entry at this version: reused, joined while loading, or loaded. */
  private async entry(scope: Scope, version: number): Promise<Entry> {
    const key = `${scope.column}:${scope.id}`;
    const hit = this.entries.get(key);
    if (hit && hit.version === version && Date.now() < hit.expiresAt) return hit;
    const pending = this.loading.get(key);
    // A load started at this version read the tasks after the version was read: it is as new.
    if (pending && pending.version === version) return pending.promise;
    const promise = this.load(scope, version);
    this.loading.set(key, { version, promise });
    try {
      const entry = await promise;
      this.entries.set(key, entry);
      return entry;
    } finally {
      if (this.loading.get(key)?.promise === promise) this.loading.delete(key);
    }
  }

  private async load(scope: Scope, version: number): Promise<Entry> {
    const started = Date.now();
    const expiresAt = started + (started - version < RECENT_MS ? RECENT_MAX_AGE_MS : MAX_AGE_MS);
    const cap = this.config.feedCacheMaxTasks;
    const rows = (await this.db.query(
      `SELECT t.*, c.name AS community_name FROM tasks t JOIN org_nodes c ON c.id = t.community_id
        WHERE ${FEED_OPEN_SQL} AND t.${scope.column} = ?
        ORDER BY t.starts_at ASC, t.id ASC LIMIT ${Number(cap + 1)}`,
      [scope.id],
    )) as Record<string, unknown>[];
    if (rows.length > cap) return { version, expiresAt, tasks: 'tooLarge' };
    const tasks = rows.map(rowToTask);
    const shared = await this.views.sharedDtos(
      tasks,
      new Map(rows.map((r) => [Number(r.community_id), String(r.community_name)])),
    );
    const cached = tasks.map((task, i) =>
      withJson({
        id: task.id,
        communityId: task.communityId,
        kind: task.kind,
        startsMs: task.startsAt.getTime(),
        endsMs: task.endsAt.getTime(),
        positionIds: shared[i].positions.map((x) => x.id),
        task,
        dto: asViewedWithoutClaim(shared[i]),
      }),
    );
    const byCommunity = new Map<number, CachedTask[]>();
    for (const t of cached) {
      const list = byCommunity.get(t.communityId);
      if (list) list.push(t);
      else byCommunity.set(t.communityId, [t]);
    }
    return { version, expiresAt, tasks: cached, byCommunity };
  }
}

function withJson<T extends { dto: Readonly<TaskDto> }>(x: T): T & { json: string } {
  return { ...x, json: JSON.stringify(x.dto) };
}

/** The DTO a member without a claim on the task sees (members have no task actions). */
function asViewedWithoutClaim(shared: SharedTaskDto): Readonly<TaskDto> {
  return Object.freeze({ ...shared, myClaim: null, allowedActions: [] });
}
