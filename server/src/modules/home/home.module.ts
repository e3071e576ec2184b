import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { EventsModule } from '../events/events.module';
import { NewsModule } from '../news/news.module';
import { PoliciesModule } from '../policies/policies.module';
import { HomeController } from './home.controller';
import { HomeFeedCache } from './home-feed.cache';
import { HomeService } from './home.service';

/**
 * The home feed (GET /home) (issue 11): reads only, through the services the news, policies, cases and events modules
 * export — it owns no table.
 */
@Module({
  imports: [NewsModule, PoliciesModule, CasesModule, EventsModule],
  controllers: [HomeController],
  providers: [HomeFeedCache, HomeService],
})
export class HomeModule {}
