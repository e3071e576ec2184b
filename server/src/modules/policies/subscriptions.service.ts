import { Injectable } from '@nestjs/common';
import type { SubscriptionSettings, SubscriptionSettingsDto } from '@qsgj/shared/contracts';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException } from '../../common/errors/app-exception';
import { Changes } from '../audit/changes';
import { DictionariesService } from '../dictionaries/dictionaries.service';
import { PoliciesRepository } from './policies.repository';

/** What a user who never chose hears about: everything that matches their enterprise's profile. */
export const DEFAULT_SUBSCRIPTION: SubscriptionSettings = {
  matchProfile: true,
  categories: [],
  industries: [],
  districts: [],
};

/** `GET/PUT /me/subscriptions`: which new policies reach me. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly policies: PoliciesRepository,
    private readonly dictionaries: DictionariesService,
    private readonly changes: Changes,
  ) {}

  async get(actor: Actor): Promise<SubscriptionSettings> {
    const row = await this.policies.findSubscription(actor.id);
    if (!row) return { ...DEFAULT_SUBSCRIPTION };
    return {
      matchProfile: row.matchProfile,
      categories: row.categories,
      industries: row.industries,
      districts: row.districts,
    };
  }

  /** Replaces my settings; every value must be an active dictionary entry of its kind. */
  async save(actor: Actor, dto: SubscriptionSettingsDto, meta: RequestMeta): Promise<SubscriptionSettings> {
    const settings: SubscriptionSettings = {
      matchProfile: dto.matchProfile,
      categories: dto.categories.map((v) => v.trim()),
      industries: dto.industries.map((v) => v.trim()),
      districts: dto.districts.map((v) => v.trim()),
    };
    await this.changes.run({ actor, meta }, async (change) => {
      const errors = await this.dictionaries.unknownValues(
        [
          { field: 'categories', kind: 'categories', values: settings.categories },
          { field: 'industries', kind: 'industries', values: settings.industries },
          { field: 'districts', kind: 'districts', values: settings.districts },
        ],
        change.manager,
      );
      if (errors.length > 0) throw new AppException('VALIDATION_FAILED', errors, undefined, errors[0].message);
      await this.policies.saveSubscription({ userId: actor.id, ...settings }, change.manager);
    });
    return settings;
  }
}
