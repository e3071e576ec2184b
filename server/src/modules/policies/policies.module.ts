import { Module } from '@nestjs/common';
import { DictionariesModule } from '../dictionaries/dictionaries.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { AdminPoliciesController } from './admin-policies.controller';
import { AdminPoliciesService } from './admin-policies.service';
import { PoliciesController } from './policies.controller';
import { PoliciesRepository } from './policies.repository';
import { PoliciesService } from './policies.service';
import { PolicyImportService } from './policy-import.service';
import { PolicyViewers } from './policy-viewers';
import { PolicyPushModule } from './push/push.module';
import { PolicySearchModule } from './search/search.module';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';

/**
 * 涉企政策 (issue 10): the public library (search, detail, 为您匹配, favourites), subscriptions, and the admin's
 * workbench (edit, publish, withdraw, import). Search is `search/`, the push on publish `push/`.
 */
@Module({
  imports: [DictionariesModule, EnterprisesModule, PolicySearchModule, PolicyPushModule],
  controllers: [PoliciesController, SubscriptionsController, AdminPoliciesController],
  providers: [
    PoliciesRepository,
    PolicyViewers,
    PoliciesService,
    SubscriptionsService,
    AdminPoliciesService,
    PolicyImportService,
  ],
  exports: [PoliciesService],
})
export class PoliciesModule {}
