import { Injectable, Logger } from '@nestjs/common';

/** What the owner of an account is told when it is locked for everyone. */
export interface AccountLockedAlert {
  userId: number;
  title: string;
  body: string;
  dedupeKey: string;
}

export type AccountLockedListener = (alert: AccountLockedAlert) => Promise<void>;

/**
 * Identity raises account alerts here; messaging (a context above) registers how they reach the
 * owner (the inbox and WeChat), so identity never imports messaging.
 */
@Injectable()
export class AccountAlerts {
  private readonly logger = new Logger(AccountAlerts.name);
  private listener: AccountLockedListener | null = null;

  onLocked(listener: AccountLockedListener): void {
    this.listener = listener;
  }

  async locked(alert: AccountLockedAlert): Promise<void> {
    if (!this.listener) {
      this.logger.warn(`account ${alert.userId} locked, but no notifier is registered`);
      return;
    }
    await this.listener(alert);
  }
}
