import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  MarketPostDetail,
  MarketReportDecisionDto,
  MarketReportItem,
  MarketReportQueryDto,
  Page,
} from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, notFound } from '../../common/errors/app-exception';
import { paged } from '../../common/paging/keyset';
import { type Change, Changes } from '../audit/changes';
import { FilesService } from '../files/files.service';
import { NotificationService } from '../notifications/notification.service';
import { MarketContactRequestsRepository } from './market-contact-requests.repository';
import { POST_FILE_OWNER, toReportItem } from './market.mapper';
import { releasedNotice, takenDownNotice } from './market-notices';
import type { MarketPostEntity } from './market-post.entity';
import { MarketPostsRepository } from './market-posts.repository';
import { MarketPostsService } from './market-posts.service';
import { MarketReportsRepository, REPORT_ORDER } from './market-reports.repository';

/** The staff side of 企业商圈: take a post down (with a reason), and the report queue (举报, and held posts). */
@Injectable()
export class MarketStaffService {
  constructor(
    private readonly posts: MarketPostsRepository,
    private readonly reports: MarketReportsRepository,
    private readonly requests: MarketContactRequestsRepository,
    private readonly postsService: MarketPostsService,
    private readonly files: FilesService,
    private readonly notifications: NotificationService,
    private readonly changes: Changes,
  ) {}

  /** The post's side to tell: its author and its enterprise's owner, no one twice. */
  private async postSide(post: MarketPostEntity, m: EntityManager): Promise<string[]> {
    const owner = await this.requests.ownerOf(post.enterpriseId, m);
    const author =
      post.authorId && (await this.requests.contactSource(post.enterpriseId, post.authorId, m)).member
        ? post.authorId
        : null;
    return [...new Set([author, owner].filter((id): id is string => id !== null))];
  }

  /** Takes the post down in `change`: audited, open reports upheld, its side told. */
  private async takeDown(
    change: Change,
    post: MarketPostEntity,
    reason: string,
    actorId: string,
    via: string,
  ): Promise<void> {
    const m = change.manager;
    await this.posts.takeDown(post.id, reason, actorId, m);
    await this.reports.closeOpenOfPost(post.id, 'upheld', reason, actorId, m);
    await change.audit(
      AuditAction.MARKET_POST_TAKEN_DOWN,
      { type: 'market_post', id: post.id },
      {
        reason,
        from: post.status,
        via,
      },
    );
    for (const userId of await this.postSide(post, m)) {
      await this.notifications.notify(m, takenDownNotice(userId, post, reason));
    }
  }

  /** `POST /staff/market/posts/:id/takedown`. A post already down: 409. */
  async takedown(actor: Actor, id: string, reason: string, meta: RequestMeta): Promise<MarketPostDetail> {
    await this.changes.run({ actor, meta }, async (change) => {
      const post = await this.posts.findForUpdate(id, change.manager);
      if (!post) throw notFound();
      if (post.status === 'taken_down') throw new AppException('MARKET_POST_NOT_OPEN');
      await this.takeDown(change, post, reason, actor.id, 'takedown');
    });
    return this.postsService.detail(actor, id);
  }

  /** `GET /staff/market/reports?status=`: open ones by default, oldest first. */
  async list(query: MarketReportQueryDto): Promise<Page<MarketReportItem>> {
    const page = await paged(
      query,
      REPORT_ORDER,
      (after, limit) => this.reports.list(query.status ?? 'open', after, limit),
      (r) => r,
      (r) => ({ k: r.createdAt.toISOString(), id: r.id }),
    );
    const ids = [...new Set(page.items.map((r) => r.postId))];
    const images = ids.length ? await this.files.listForOwners(POST_FILE_OWNER, ids) : new Map();
    return { items: page.items.map((r) => toReportItem(r, images.get(r.postId) ?? [])), nextCursor: page.nextCursor };
  }

  /**
   * `POST /staff/market/reports/:id/decision`: `takeDown` takes the post down (the note is the reason its side
   * reads); otherwise the report is dismissed, and a post the content check held is released to the board.
   */
  async decide(actor: Actor, id: string, dto: MarketReportDecisionDto, meta: RequestMeta): Promise<MarketReportItem> {
    await this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const report = await this.reports.findForUpdate(id, m);
      if (!report) throw notFound();
      if (report.status !== 'open') throw new AppException('MARKET_REPORT_DECIDED');
      const post = (await this.posts.findForUpdate(report.postId, m))!;
      let released = false;
      if (dto.takeDown) {
        await this.reports.decide(id, 'upheld', dto.note, actor.id, m);
        if (post.status !== 'taken_down') await this.takeDown(change, post, dto.note, actor.id, 'report');
      } else {
        await this.reports.decide(id, 'dismissed', dto.note, actor.id, m);
        if (report.reporterId === null && post.status === 'held') {
          await this.posts.setStatus(post.id, 'active', m);
          released = true;
          for (const userId of await this.postSide(post, m))
            await this.notifications.notify(m, releasedNotice(userId, post));
        }
      }
      await change.audit(
        AuditAction.MARKET_REPORT_REVIEWED,
        { type: 'market_report', id },
        {
          postId: post.id,
          takeDown: dto.takeDown,
          note: dto.note,
          source: report.reporterId === null ? 'content_check' : 'user',
          released,
        },
      );
    });
    const row = (await this.reports.findRow(id))!;
    const images = await this.files.listForOwner({ kind: POST_FILE_OWNER, id: row.postId });
    return toReportItem(row, images);
  }
}
