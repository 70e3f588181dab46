import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What the member is told when the community decides on their 报到. */
export interface RegistrationReviewed {
  userId: number;
  approved: boolean;
  title: string;
  body: string;
  path: string;
  dedupeKey: string;
}

export type RegistrationReviewedListener = (m: EntityManager, e: RegistrationReviewed) => Promise<void>;

/**
 * Registration raises its decisions here, inside the transaction that made them; messaging (a
 * context above) registers how they reach the member (the outbox), so identity never imports it.
 */
@Injectable()
export class RegistrationEvents {
  private readonly logger = new Logger(RegistrationEvents.name);
  private listener: RegistrationReviewedListener | null = null;

  onReviewed(listener: RegistrationReviewedListener): void {
    this.listener = listener;
  }

  async reviewed(m: EntityManager, e: RegistrationReviewed): Promise<void> {
    if (!this.listener) {
      this.logger.warn(`registration of user ${e.userId} reviewed, but no notifier is registered`);
      return;
    }
    await this.listener(m, e);
  }
}
