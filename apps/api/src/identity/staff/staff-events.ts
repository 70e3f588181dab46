import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What a person is told when a staff role is offered to their phone. */
export interface RoleInvited {
  userId: number;
  invitationId: number;
  title: string;
  body: string;
  path: string;
  dedupeKey: string;
}

export type RoleInvitedListener = (m: EntityManager, e: RoleInvited) => Promise<void>;

/**
 * Staff appointment raises its invitations here, inside the transaction that made them;
 * messaging (a context above) registers how they reach the invitee, so identity never imports it.
 */
@Injectable()
export class StaffEvents {
  private readonly logger = new Logger(StaffEvents.name);
  private listener: RoleInvitedListener | null = null;

  onInvited(listener: RoleInvitedListener): void {
    this.listener = listener;
  }

  async invited(m: EntityManager, e: RoleInvited): Promise<void> {
    if (!this.listener) {
      this.logger.warn(`invitation ${e.invitationId} made, but no notifier is registered`);
      return;
    }
    await this.listener(m, e);
  }
}
