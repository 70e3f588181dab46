import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationKind } from '@sbd/contracts';
import { DataSource } from 'typeorm';
import {
  AccountAlerts,
  AuthModule,
  RegistrationEvents,
  RegistrationModule,
  StaffEvents,
  StaffModule,
} from '../../identity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';

@Global()
@Module({
  imports: [AuthModule, RegistrationModule, StaffModule, SubscriptionsModule],
  controllers: [NotificationsController],
  providers: [NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly alerts: AccountAlerts,
    private readonly registrations: RegistrationEvents,
    private readonly staff: StaffEvents,
    private readonly notifications: NotificationsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Account alerts and registration decisions raised by identity reach the inbox (and WeChat, where subscribed). */
  onModuleInit(): void {
    this.alerts.onLocked((a) =>
      this.notifications.enqueue(this.db.manager, { ...a, kind: NotificationKind.AccountLocked }),
    );
    // The community's decision on a 报到, in the transaction that made it.
    this.registrations.onReviewed((m, { approved, ...e }) =>
      this.notifications.enqueue(m, {
        ...e,
        kind: approved ? NotificationKind.RegistrationApproved : NotificationKind.RegistrationRejected,
      }),
    );
    // An invitation to a staff role (任命), in the transaction that made it.
    this.staff.onInvited((m, { invitationId: _id, ...e }) =>
      this.notifications.enqueue(m, { ...e, kind: NotificationKind.RoleInvited }),
    );
  }
}
