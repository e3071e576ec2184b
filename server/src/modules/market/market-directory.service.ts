import { Injectable } from '@nestjs/common';
import type {
  MarketEnterpriseCard,
  MarketEnterpriseQueryDto,
  MarketListingDto,
  MyMarketListing,
  Page,
} from '@qsgj/shared/contracts';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, notFound } from '../../common/errors/app-exception';
import { paged } from '../../common/paging/keyset';
import { Changes } from '../audit/changes';
import { EnterprisesService } from '../enterprises/enterprises.service';
import type { OpenedFile } from '../files/file-response';
import { FilesService } from '../files/files.service';
import { DIRECTORY_ORDER, MarketListingsRepository } from './market-listings.repository';
import { LISTING_FILE_OWNER, toEnterpriseCard, toMyListing } from './market.mapper';
import { MarketViewers } from './market-viewers';

/**
 * The opt-in directory (企业名录). The enterprise's owner writes its listing and decides whether it is shown; a
 * listing not shown is in no list and answers 404. Name, district and industry come from 一企一档; contact details
 * never appear here.
 */
@Injectable()
export class MarketDirectoryService {
  constructor(
    private readonly listings: MarketListingsRepository,
    private readonly viewers: MarketViewers,
    private readonly enterprises: EnterprisesService,
    private readonly files: FilesService,
    private readonly changes: Changes,
  ) {}

  /** The owner's enterprise (403 to its other members, 404 ENTERPRISE_NOT_BOUND without one). */
  private async owned(actor: Actor) {
    const v = await this.viewers.member(actor);
    if (!v.owner) throw new AppException('FORBIDDEN');
    const m = (await this.enterprises.membershipOf(actor.id))!;
    return m.enterprise;
  }

  /** `GET /me/enterprise/listing`. */
  async mine(actor: Actor): Promise<MyMarketListing> {
    const e = await this.owned(actor);
    return toMyListing(e, await this.listings.findOfEnterprise(e.id));
  }

  /** `PUT /me/enterprise/listing`: writes the listing; `visible: false` leaves every list at once. */
  async put(actor: Actor, dto: MarketListingDto, meta: RequestMeta): Promise<MyMarketListing> {
    const e = await this.owned(actor);
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const before = await this.listings.findOfEnterprise(e.id, m);
      const logoFileId = dto.logoFileId ?? null;
      const owner = { kind: LISTING_FILE_OWNER, id: e.id };
      if (logoFileId && logoFileId !== before?.logoFileId) {
        await this.files.attach(m, [logoFileId], owner, { id: actor.id }, 'logoFileId');
      }
      await this.files.detachOthers(m, owner, logoFileId ? [logoFileId] : []);
      await this.listings.save(
        e.id,
        e.name,
        { introduction: dto.introduction, products: dto.products, logoFileId, visible: dto.visible },
        m,
      );
      return toMyListing(e, await this.listings.findOfEnterprise(e.id, m));
    });
  }

  /** `GET /market/enterprises`: listed enterprises, filtered and searched, the latest updated first. */
  list(query: MarketEnterpriseQueryDto): Promise<Page<MarketEnterpriseCard>> {
    return paged(
      query,
      DIRECTORY_ORDER,
      (after, limit) => this.listings.listVisible(query, after, limit),
      toEnterpriseCard,
      (r) => ({ k: r.updatedAt.toISOString(), id: r.enterpriseId }),
    );
  }

  /** `GET /market/enterprises/:id`: a listed enterprise. */
  async detail(id: string): Promise<MarketEnterpriseCard> {
    const row = await this.listings.findVisible(id);
    if (!row) throw notFound();
    return toEnterpriseCard(row);
  }

  /** `GET /market/enterprises/:id/logo`. */
  async openLogo(id: string): Promise<OpenedFile> {
    const row = await this.listings.findVisible(id);
    if (!row?.logoFileId) throw notFound();
    return this.files.openForOwner(row.logoFileId, { kind: LISTING_FILE_OWNER, id });
  }
}
