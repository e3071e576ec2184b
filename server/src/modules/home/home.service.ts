import { Injectable } from '@nestjs/common';
import type {
  CaseListQueryDto,
  CaseSummary,
  HomeEventCard,
  HomeFeed,
  HomeMatchedPolicy,
  NewsCard,
  Page,
} from '@qsgj/shared/contracts';
import { HOME_CASE_LIMIT, HOME_EVENT_LIMIT, HOME_NEWS_LIMIT, HOME_POLICY_LIMIT } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor } from '../../common/auth/actor';
import { AppException } from '../../common/errors/app-exception';
import { CaseReadsService } from '../cases/case-reads.service';
import { EventsService } from '../events/events.service';
import { NewsService } from '../news/news.service';
import { PoliciesService } from '../policies/policies.service';
import { HomeFeedCache } from './home-feed.cache';

/** The part of the feed that is the same for everyone. */
export interface PublicFeed {
  news: NewsCard[];
  events: HomeEventCard[];
}

/**
 * `GET /home`: the home page's feed in one request. The public part (the newest news and the next 潭商讲堂
 * events) comes from a per-process cache; the private part — 为您匹配 and the open cases — is read for the caller
 * every time, by the policies' and the cases' own services (the same rules as `GET /policies/matched` and
 * 我的诉求), all at once.
 */
@Injectable()
export class HomeService {
  constructor(
    private readonly news: NewsService,
    private readonly policies: PoliciesService,
    private readonly cases: CaseReadsService,
    private readonly events: EventsService,
    private readonly cache: HomeFeedCache<PublicFeed>,
  ) {}

  async feed(actor: Actor | undefined): Promise<HomeFeed> {
    const enterprise = actor?.role === Role.ENTERPRISE ? actor : undefined;
    const [shared, matched, open] = await Promise.all([
      this.cache.get(() => this.loadPublic()),
      enterprise ? this.matched(enterprise) : null,
      enterprise ? this.openCases(enterprise) : null,
    ]);
    // Not an approved member (matching says so): no private part at all, whatever the case scope answered.
    const bound = matched !== null;
    return {
      news: shared.news,
      events: shared.events,
      matchedPolicies: bound ? matched : null,
      openCases: bound && open ? open.items : null,
      moreOpenCases: bound && !!open && open.nextCursor !== null,
    };
  }

  private async loadPublic(): Promise<PublicFeed> {
    const [news, events] = await Promise.all([
      this.news.latest(HOME_NEWS_LIMIT),
      this.events.list({ when: 'upcoming', limit: HOME_EVENT_LIMIT }),
    ]);
    return {
      news,
      events: events.items.map((e) => ({
        id: e.id,
        title: e.title,
        startsAt: e.startsAt,
        place: e.online && !e.place ? '线上' : e.place,
        signupOpen: e.signupOpen,
        seatsLeft: e.seatsLeft,
      })),
    };
  }

  /** The top of 为您匹配; null when the caller is not an approved member of an enterprise. */
  private async matched(actor: Actor): Promise<HomeMatchedPolicy[] | null> {
    try {
      const res = await this.policies.matched(actor, { limit: HOME_POLICY_LIMIT });
      return res.items.slice(0, HOME_POLICY_LIMIT);
    } catch (e) {
      if (e instanceof AppException && e.code === 'ENTERPRISE_NOT_BOUND') return null;
      throw e;
    }
  }

  /** 我的诉求's 办理中 (not yet 办结), newest first: the enterprise's own cases only (the cases' scope rule). */
  private openCases(actor: Actor): Promise<Page<CaseSummary>> {
    const query = { stage: 'active', limit: HOME_CASE_LIMIT } as CaseListQueryDto;
    return this.cases.list(actor, query);
  }
}
