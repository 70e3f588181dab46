import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationKind } from '@sbd/contracts';
import { DataSource } from 'typeorm';
import { AccountAlerts, AuthModule } from '../../identity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Global()
@Module({
  imports: [AuthModule],
  controllers: [NotificationsController],
  providers: [NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly alerts: AccountAlerts,
    private readonly notifications: NotificationsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Account alerts raised by identity reach the owner's inbox (and WeChat, where subscribed). */
  onModuleInit(): void {
    this.alerts.onLocked((a) =>
      this.notifications.enqueue(this.db.manager, { ...a, kind: NotificationKind.AccountLocked }),
    );
  }
}
