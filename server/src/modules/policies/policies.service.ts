import { Injectable } from '@nestjs/common';
import type {
  FavoriteResponse,
  MatchedPoliciesResponse,
  MatchedQueryDto,
  Page,
  PageQueryDto,
  PolicyDetail,
  PolicyListItem,
  PolicyQueryDto,
  PolicySuggestResponse,
} from '@qsgj/shared/contracts';
import { POLICY_PAGE_MAX } from '@qsgj/shared/contracts';
import { evaluateEligibility, profileGaps } from '@qsgj/shared/rules';
import type { Actor } from '../../common/auth/actor';
import { notFound } from '../../common/errors/app-exception';
import { paged, pageLimit } from '../../common/paging/keyset';
import { FAVORITE_ORDER, PoliciesRepository } from './policies.repository';
import type { PolicyEntity } from './policy.entity';
import { toPolicyDetail, toPolicyListItem, toPolicyMatch } from './policy.mapper';
import { policyToday, PolicyViewers } from './policy-viewers';
import { PolicySearchService } from './search/policy-search.service';

/** A policy's eligibility rules as `evaluateEligibility` reads them. */
export function rulesOf(p: PolicyEntity) {
  return {
    level: p.level,
    industries: p.industries,
    scales: p.scales,
    districts: p.districts,
    qualifications: p.qualifications,
    validFrom: p.validFrom,
    validTo: p.validTo,
  };
}

/** The public side of policies: search, detail, 为您匹配, favourites. */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly policies: PoliciesRepository,
    private readonly search: PolicySearchService,
    private readonly viewers: PolicyViewers,
  ) {}

  /** `GET /policies`: published policies (in force unless asked), searched and filtered. */
  async list(query: PolicyQueryDto): Promise<Page<PolicyListItem>> {
    const today = policyToday();
    const page = await this.search.search(query, { staff: false, today });
    return {
      items: page.items.map((hit) => toPolicyListItem(hit.row, today, hit.highlight)),
      nextCursor: page.nextCursor,
    };
  }

  suggestions(q: string): Promise<PolicySuggestResponse> {
    return this.search.suggest(q);
  }

  /**
   * `GET /policies/:id`. Drafts and withdrawn policies exist for staff only; an enterprise member also hears
   * whether it is in their favourites and how it fits their enterprise.
   */
  async detail(actor: Actor | undefined, id: string): Promise<PolicyDetail> {
    const policy = await this.policies.findById(id);
    if (!policy || (policy.status !== 'published' && !PolicyViewers.isStaff(actor))) throw notFound();
    const today = policyToday();
    const viewer = await this.viewers.profileOf(actor);
    const favorite = actor && !PolicyViewers.isStaff(actor) ? await this.policies.isFavorite(actor.id, id) : false;
    const match = viewer ? toPolicyMatch(evaluateEligibility(rulesOf(policy), viewer.profile, today)) : null;
    return toPolicyDetail(policy, today, { favorite, match });
  }

  /**
   * `GET /policies/matched`: published policies in force today that my enterprise is eligible for (most
   * conditions met first, then the newest), then near misses (exactly one condition missing).
   */
  async matched(actor: Actor, query: MatchedQueryDto): Promise<MatchedPoliciesResponse> {
    const { profile } = await this.viewers.requireProfile(actor);
    const today = policyToday();
    const limit = Math.min(pageLimit(query.limit), POLICY_PAGE_MAX);
    const gaps = profileGaps(profile);
    const candidates = await this.policies.matchCandidates(profile, today, limit);
    const items = candidates
      .map((p) => ({ p, e: evaluateEligibility(rulesOf(p), profile, today) }))
      // The SQL and the rule agree; the rule has the last word.
      .filter(({ e }) => e.inForce && e.missing.length <= 1)
      .map(({ p, e }) => ({ policy: toPolicyListItem(p, today), match: toPolicyMatch(e) }));
    return { gaps, thin: gaps.length === 3, items };
  }

  /** `GET /policies/favorites`: my favourites that are published, the latest first. */
  favorites(actor: Actor, query: PageQueryDto): Promise<Page<PolicyListItem>> {
    const today = policyToday();
    return paged(
      query,
      FAVORITE_ORDER,
      (after, limit) => this.policies.listFavorites(actor.id, after, limit),
      (f) => toPolicyListItem(f.policy, today),
      (f) => ({ k: f.createdAt.toISOString(), id: f.policy.id }),
    );
  }

  /** `POST /policies/:id/favorite`: idempotent; only a published policy can be kept. */
  async favorite(actor: Actor, id: string): Promise<FavoriteResponse> {
    const policy = await this.policies.findById(id);
    if (!policy || policy.status !== 'published') throw notFound();
    await this.policies.addFavorite(actor.id, id);
    return { favorite: true };
  }

  /** `DELETE /policies/:id/favorite`: idempotent. */
  async unfavorite(actor: Actor, id: string): Promise<FavoriteResponse> {
    const policy = await this.policies.findById(id);
    if (!policy || policy.status !== 'published') throw notFound();
    await this.policies.removeFavorite(actor.id, id);
    return { favorite: false };
  }
}
