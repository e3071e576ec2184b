import { Module } from '@nestjs/common';
import { NotificationTemplates } from '../../notifications/notification-templates';
import { PolicyPushRepository } from './policy-push.repository';
import { PolicyPushService } from './policy-push.service';
import { PolicyPushWorker } from './policy-push.worker';
import { PushesController } from './pushes.controller';

/**
 * Policy push (政策直达): the push job written by a publish, the worker that fans it out in batches, and the
 * admin's progress and audience routes. Exports PolicyPushService (enqueue, lastPushIdOf).
 */
@Module({
  controllers: [PushesController],
  providers: [NotificationTemplates, PolicyPushRepository, PolicyPushWorker, PolicyPushService],
  exports: [PolicyPushService],
})
export class PolicyPushModule {}
