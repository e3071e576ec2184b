import { MarketContactRequestEntity } from './market-contact-request.entity';
import { MarketListingEntity } from './market-listing.entity';
import { MarketPostEntity } from './market-post.entity';
import { MarketReportEntity } from './market-report.entity';

/** The entities of 企业商圈: the directory, supply/demand posts and contact requests (issue 12), listed in ENTITIES (database/entities.ts). */
export const MARKET_ENTITIES = [MarketListingEntity, MarketPostEntity, MarketContactRequestEntity, MarketReportEntity];
