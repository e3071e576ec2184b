import { Module } from '@nestjs/common';
import { CaseContentCheck } from '../cases/case-content-check';
import { DictionariesModule } from '../dictionaries/dictionaries.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { ContactRequestsController } from './contact-requests.controller';
import { MarketController } from './market.controller';
import { MarketContactRequestsRepository } from './market-contact-requests.repository';
import { MarketContactsService } from './market-contacts.service';
import { MarketDirectoryService } from './market-directory.service';
import { MarketListingsRepository } from './market-listings.repository';
import { MarketPostsRepository } from './market-posts.repository';
import { MarketPostsService } from './market-posts.service';
import { MarketReportsRepository } from './market-reports.repository';
import { MarketStaffService } from './market-staff.service';
import { MarketViewers } from './market-viewers';
import { MyMarketController } from './my-market.controller';
import { StaffMarketController } from './staff-market.controller';

/**
 * 企业商圈 (issue 12): the opt-in directory, the supply/demand board with suggested matches, 对接 requests whose
 * contacts are revealed only on acceptance, reports and take-downs (docs: the module's services). The content check
 * is the cases' (the same WeChat msg_sec_check, provided here).
 */
@Module({
  imports: [UsersModule, EnterprisesModule, DictionariesModule, FilesModule, NotificationsModule],
  controllers: [MarketController, MyMarketController, ContactRequestsController, StaffMarketController],
  providers: [
    MarketListingsRepository,
    MarketPostsRepository,
    MarketContactRequestsRepository,
    MarketReportsRepository,
    MarketViewers,
    MarketDirectoryService,
    MarketPostsService,
    MarketContactsService,
    MarketStaffService,
    CaseContentCheck,
  ],
})
export class MarketModule {}
