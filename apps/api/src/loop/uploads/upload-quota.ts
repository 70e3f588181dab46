import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { toDbDate } from '../../platform/database/sql';
import { TooManyRequestsError } from '../../platform/throttle/too-many-requests';

const DAY_MS = 24 * 3600_000;
const CHINA_OFFSET_MS = 8 * 3600_000;

/** Midnight (China time, UTC+8) that starts the day of `now`. */
export function chinaDayStart(now: Date): Date {
  return new Date(Math.floor((now.getTime() + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS);
}

/**
 * The bytes an account may upload per day (UPLOAD_DAILY_QUOTA_BYTES), summed from the uploads
 * table itself (index on owner, created_at), so every API process sees the same total.
 */
@Injectable()
export class UploadQuota {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async assertRoom(userId: number, bytes: number, now = new Date()): Promise<void> {
    const quota = this.config.abuse.uploadDailyQuotaBytes;
    if (!quota) return;
    const start = chinaDayStart(now);
    const [row]: { total: number | string | null }[] = await this.db.query(
      'SELECT SUM(size) AS total FROM uploads WHERE owner_user_id = ? AND created_at >= ?',
      [userId, toDbDate(start)],
    );
    if (Number(row?.total ?? 0) + bytes > quota) {
      const retryAfter = Math.ceil((start.getTime() + DAY_MS - now.getTime()) / 1000);
      throw new TooManyRequestsError(
        retryAfter,
        `今日上传的图片已达上限（${Math.floor(quota / 1024 / 1024)} MB），请明天再试`,
      );
    }
  }
}
