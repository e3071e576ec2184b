import { Injectable } from '@nestjs/common';
import type { ButlerFilterOptions, ButlerItem, ButlerQueryDto, Page } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor } from '../../common/auth/actor';
import { notFound } from '../../common/errors/app-exception';
import { paged } from '../../common/paging/keyset';
import type { UserEntity } from '../users/user.entity';
import { BUTLER_ORDER, ButlersRepository, NO_FIGURES } from './butlers.repository';
import { toButlerItem } from './butlers.mapper';

/** 管家团队: the public directory of active butlers, their ledger figures, the phone for those they serve. */
@Injectable()
export class ButlersService {
  constructor(private readonly butlers: ButlersRepository) {}

  async list(actor: Actor | undefined, query: ButlerQueryDto): Promise<Page<ButlerItem>> {
    const filter = { departmentId: query.department, specialty: query.specialty || undefined };
    const page = await paged(
      query,
      BUTLER_ORDER,
      (after, limit) => this.butlers.list(filter, after, limit),
      (u) => u,
      (u) => ({ k: u.name ?? '', id: u.id }),
    );
    return { items: await this.present(actor, page.items), nextCursor: page.nextCursor };
  }

  /** `GET /butlers/filters`: the departments and specialties the directory can be narrowed to. */
  filters(): Promise<ButlerFilterOptions> {
    return this.butlers.filterOptions();
  }

  async detail(actor: Actor | undefined, id: string): Promise<ButlerItem> {
    const butler = await this.butlers.findListed(id);
    if (!butler) throw notFound();
    const [item] = await this.present(actor, [butler]);
    return item;
  }

  private async present(actor: Actor | undefined, butlers: UserEntity[]): Promise<ButlerItem[]> {
    const [figures, served] = await Promise.all([
      this.butlers.figures(butlers.map((b) => b.id)),
      actor?.role === Role.ENTERPRISE ? this.butlers.servedButlerOf(actor.id) : Promise.resolve(null),
    ]);
    return butlers.map((b) => toButlerItem(b, figures.get(b.id) ?? NO_FIGURES, served === b.id));
  }
}
