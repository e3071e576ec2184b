import { Module } from '@nestjs/common';
import { InboxService } from './inbox.service';
import { NotificationTemplates } from './notification-templates';
import { NotificationService } from './notification.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { OutboxDelivery } from './outbox-delivery';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxRepository } from './outbox.repository';
import { TransactionHooks } from './transaction-hooks';

/**
 * Notifications: the inbox routes, NotificationService (what other modules call, inside their
 * transactions), and the outbox worker that sends WeChat subscribe messages. See docs/notifications.md.
 */
@Module({
  controllers: [NotificationsController],
  providers: [
    NotificationTemplates,
    NotificationsRepository,
    NotificationService,
    InboxService,
    OutboxRepository,
    OutboxDelivery,
    OutboxDispatcher,
    TransactionHooks,
  ],
  exports: [NotificationService],
})
export class NotificationsModule {}
