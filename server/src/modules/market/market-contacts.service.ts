import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  ContactRequestQueryDto,
  ContactRequestView,
  CreateContactRequestDto,
  MarketContact,
  Page,
} from '@qsgj/shared/contracts';
import { formatSubscribeTime } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, notFound } from '../../common/errors/app-exception';
import { paged } from '../../common/paging/keyset';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Changes } from '../audit/changes';
import { CASE_MESSAGE_SCENE, CaseContentCheck } from '../cases/case-content-check';
import { NotificationService } from '../notifications/notification.service';
import { UsersService } from '../users/users.service';
import { INCOMING_ORDER, MarketContactRequestsRepository, type RequestRow } from './market-contact-requests.repository';
import { toContact, toRequestView } from './market.mapper';
import { requestDecidedNotice, requestReceivedNotice, requestSentNotice } from './market-notices';
import { MarketPostsRepository } from './market-posts.repository';
import { type MarketViewer, MarketViewers } from './market-viewers';

const DAY_MS = 24 * 3600 * 1000;

/**
 * 对接. A request's two sides: its requester (the user who sent it) and the post's managers (its author while still
 * an approved member of the enterprise, and the enterprise's approved owner). Nobody else reads it (404, staff too).
 * Each side's contact (the person's name in their enterprise, their WeChat-verified phone, else the enterprise's
 * phone on record) is in a response only while the request is accepted, and only to the other side.
 */
@Injectable()
export class MarketContactsService {
  constructor(
    private readonly requests: MarketContactRequestsRepository,
    private readonly posts: MarketPostsRepository,
    private readonly viewers: MarketViewers,
    private readonly users: UsersService,
    private readonly notifications: NotificationService,
    private readonly contentCheck: CaseContentCheck,
    private readonly changes: Changes,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The post side's people to tell: its author while a member, and the owner; no one twice. */
  private async postSide(r: { ownerEnterpriseId: string; post: { authorId: string | null } }, m?: EntityManager) {
    const owner = await this.requests.ownerOf(r.ownerEnterpriseId, m);
    const author =
      r.post.authorId && (await this.isMember(r.post.authorId, r.ownerEnterpriseId, m)) ? r.post.authorId : null;
    return [...new Set([author, owner].filter((id): id is string => id !== null))];
  }

  private async isMember(userId: string, enterpriseId: string, m?: EntityManager): Promise<boolean> {
    return (await this.requests.contactSource(enterpriseId, userId, m)).member;
  }

  /** Which side the viewer is on, or null (then the request does not exist for them). */
  private sideOf(v: MarketViewer, r: RequestRow): 'incoming' | 'outgoing' | null {
    if (v.userId && r.requesterId === v.userId) return 'outgoing';
    if (MarketViewers.manages(v, { enterpriseId: r.ownerEnterpriseId, authorId: r.post.authorId })) return 'incoming';
    return null;
  }

  /** The other side's contact, for an accepted request only. */
  private async counterpart(
    r: RequestRow,
    side: 'incoming' | 'outgoing',
    m?: EntityManager,
  ): Promise<MarketContact | null> {
    if (r.status !== 'accepted') return null;
    if (side === 'incoming')
      return toContact(await this.requests.contactSource(r.requesterEnterpriseId, r.requesterId, m));
    // The post's side speaks through its author while a member, else through the enterprise's owner.
    let source = await this.requests.contactSource(r.ownerEnterpriseId, r.post.authorId, m);
    if (!source.member) {
      source = await this.requests.contactSource(
        r.ownerEnterpriseId,
        await this.requests.ownerOf(r.ownerEnterpriseId, m),
        m,
      );
    }
    return toContact(source);
  }

  private async view(r: RequestRow, side: 'incoming' | 'outgoing', m?: EntityManager): Promise<ContactRequestView> {
    return toRequestView(r, side, await this.counterpart(r, side, m));
  }

  /**
   * `POST /market/posts/:id/contact-requests`: an approved member asks the post's enterprise for contact. Not on one's
   * own enterprise's post (409); the post must be on the board (404 otherwise). One open request per requesting
   * enterprise and post: a repeat answers the open one. At most MARKET_CONTACT_REQUESTS_PER_DAY per user in any 24
   * hours, counted in the database under the user's row lock (several processes agree): 429 past it, saying when.
   */
  async create(
    actor: Actor,
    postId: string,
    dto: CreateContactRequestDto,
    meta: RequestMeta,
  ): Promise<ContactRequestView> {
    const v = await this.viewers.member(actor);
    const post = await this.posts.findById(postId);
    if (!post) throw notFound();
    if (post.enterpriseId === v.enterpriseId) throw new AppException('MARKET_OWN_POST');
    if (!(await this.posts.isOnBoard(postId))) throw notFound();
    const existing = await this.requests.findOpen(postId, v.enterpriseId);
    if (existing) return this.view((await this.requests.findById(existing.id))!, 'outgoing');
    const verdict = await this.contentCheck.check(actor.id, dto.message, CASE_MESSAGE_SCENE, 'message');
    if (verdict !== 'pass') {
      throw new AppException(verdict === 'review' ? 'CONTENT_NEEDS_REVIEW' : 'CONTENT_CHECK_UNAVAILABLE');
    }
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      await this.users.lockById(actor.id, m);
      const again = await this.requests.findOpen(postId, v.enterpriseId, m);
      if (again) return this.view((await this.requests.findById(again.id, m))!, 'outgoing', m);
      const limit = this.config.MARKET_CONTACT_REQUESTS_PER_DAY;
      const sent = await this.requests.sentInLastDay(actor.id, m);
      if (sent.count >= limit) throw floodRefusal(limit, sent.oldest);
      const id =
        (await this.requests.insertIfNoneOpen(
          {
            postId,
            ownerEnterpriseId: post.enterpriseId,
            requesterEnterpriseId: v.enterpriseId,
            requesterId: actor.id,
            message: dto.message,
          },
          m,
        )) ?? (await this.requests.findOpen(postId, v.enterpriseId, m))!.id;
      const row = (await this.requests.findById(id, m))!;
      for (const userId of await this.postSide(row, m)) {
        await this.notifications.notify(
          m,
          requestReceivedNotice(userId, { id, requesterName: v.enterpriseName, postTitle: post.title }),
        );
      }
      await this.notifications.notify(
        m,
        requestSentNotice(actor.id, { id, ownerName: post.enterprise.name, postTitle: post.title }),
      );
      return this.view(row, 'outgoing', m);
    });
  }

  /** `GET /contact-requests/:id`: for its two sides only. */
  async get(actor: Actor, id: string): Promise<ContactRequestView> {
    const v = await this.viewers.of(actor);
    const r = await this.requests.findById(id);
    const side = r ? this.sideOf(v, r) : null;
    if (!r || !side) throw notFound();
    return this.view(r, side);
  }

  /** `GET /me/market/contact-requests?direction=`: on my enterprise's posts (managers) or sent by me. */
  async list(actor: Actor, query: ContactRequestQueryDto): Promise<Page<ContactRequestView>> {
    const v = await this.viewers.member(actor);
    const direction = query.direction ?? 'incoming';
    const page = await paged(
      query,
      INCOMING_ORDER,
      (after, limit) =>
        direction === 'outgoing'
          ? this.requests.listOutgoing(v.userId, after, limit)
          : this.requests.listIncoming(v.enterpriseId, v.owner ? null : v.userId, after, limit),
      (r) => r,
      (r) => ({ k: r.createdAt.toISOString(), id: r.id }),
    );
    return { items: await Promise.all(page.items.map((r) => this.view(r, direction))), nextCursor: page.nextCursor };
  }

  /** `POST /contact-requests/:id/accept|decline`: the post's managers answer; both sides are told. */
  async decide(actor: Actor, id: string, accept: boolean, meta: RequestMeta): Promise<ContactRequestView> {
    const v = await this.viewers.of(actor);
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const locked = await this.requests.findForUpdate(id, m);
      const r = locked ? await this.requests.findById(id, m) : null;
      const side = r ? this.sideOf(v, r) : null;
      if (!r || !side) throw notFound();
      if (side !== 'incoming') throw new AppException('FORBIDDEN');
      const wanted = accept ? 'accepted' : 'declined';
      if (r.status === wanted) return this.view(r, side, m);
      if (r.status !== 'pending') throw new AppException('MARKET_REQUEST_DECIDED');
      await this.requests.decide(id, wanted, actor.id, m);
      const decided = (await this.requests.findById(id, m))!;
      const facts = { id, postTitle: r.post.title };
      await this.notifications.notify(
        m,
        requestDecidedNotice(r.requesterId, { ...facts, otherName: r.ownerEnterprise.name }, accept, false),
      );
      for (const userId of await this.postSide(r, m)) {
        await this.notifications.notify(
          m,
          requestDecidedNotice(userId, { ...facts, otherName: r.requesterEnterprise.name }, accept, true),
        );
      }
      return this.view(decided, side, m);
    });
  }
}

/** 429 past the flood limit: the limit, and when the oldest request of the window leaves it. */
function floodRefusal(limit: number, oldest: Date | null): AppException {
  const retryAt = new Date((oldest ?? new Date()).getTime() + DAY_MS);
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000));
  return new AppException(
    'MARKET_CONTACT_LIMIT',
    { limit, retryAt: retryAt.toISOString() },
    { 'Retry-After': String(seconds) },
    `24 小时内最多发起 ${limit} 次对接申请，您已达到上限，请于 ${formatSubscribeTime(retryAt)} 后再试`,
  );
}
