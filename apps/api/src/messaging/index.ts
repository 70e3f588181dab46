// The messaging context's public face: other contexts import only from here.
export { NotificationsModule } from './notifications/notifications.module';
export { NotificationsService, type NewNotification } from './notifications/notifications.service';
export { SubscriptionsModule } from './subscriptions/subscriptions.module';
