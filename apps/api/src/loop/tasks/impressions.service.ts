import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { chinaDayNumber } from '@sbd/domain';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toDbDate } from '../../platform/database/sql';

export interface Impression {
  taskId: number;
  communityId: number;
  rank: number;
  score: number | null;
}

const FLUSH_MS = 2000;
const FLUSH_ROWS = 500;
/** Impressions this process has already queued today, remembered to skip repeats without a write. */
const SEEN_MAX = 200_000;

/**
 * Impressions are analytics, not part of any answer: they are buffered and written in batches
 * (every 2 s, at 500 rows, before statistics are read, and at shutdown), so reading the feed
 * costs no write. One row per member, task, source and China-time day; repeats are ignored, first
 * by this process (which remembers what it queued today) and then by the unique key (another
 * process may have written the same row). A crash loses at most the last two seconds of
 * impressions, never anything a user did.
 */
@Injectable()
export class ImpressionsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Impressions');
  private queue: unknown[][] = [];
  /** Per source and member, the tasks queued today. */
  private seen = new Map<string, Set<number>>();
  private seenCount = 0;
  private seenDay = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  record(userId: number, source: 'recommend' | 'feed', items: Impression[]): void {
    if (!items.length) return;
    const now = new Date();
    const day = chinaDayNumber(now);
    if (day !== this.seenDay || this.seenCount >= SEEN_MAX) {
      this.seen = new Map();
      this.seenCount = 0;
      this.seenDay = day;
    }
    const at = toDbDate(now);
    const key = `${source}:${userId}`;
    let tasks = this.seen.get(key);
    if (!tasks) this.seen.set(key, (tasks = new Set()));
    for (const i of items) {
      if (tasks.has(i.taskId)) continue;
      tasks.add(i.taskId);
      this.seenCount++;
      this.queue.push([userId, i.taskId, i.communityId, source, day, i.rank, i.score, at]);
    }
    if (this.queue.length >= FLUSH_ROWS) void this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.queue.splice(0);
    if (!batch.length) return;
    const ignore = this.db.options.type === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    try {
      for (let i = 0; i < batch.length; i += 200) {
        const part = batch.slice(i, i + 200);
        await this.db.query(
          `${ignore} INTO rec_impressions (user_id, task_id, community_id, source, day, shown_rank, score, created_at) VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          part.flat(),
        );
      }
    } catch (err) {
      this.logger.warn(`dropped ${batch.length} impressions: ${(err as Error).message}`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
