import { Injectable } from '@nestjs/common';
import type {
  NotificationItem,
  NotificationListQueryDto,
  NotificationPage,
  RecordSubscribeGrantsDto,
  SubscribeTemplatesResponse,
  UnreadCountResponse,
} from '@qsgj/shared/contracts';
import { SUBSCRIBE_MAX_TEMPLATES_PER_REQUEST } from '@qsgj/shared/rules';
import type { Actor } from '../../common/auth/actor';
import { AppException, notFound } from '../../common/errors/app-exception';
import { paged } from '../../common/paging/keyset';
import { NotificationTemplates } from './notification-templates';
import { toNotificationItem, toTemplateItem } from './notifications.mapper';
import { INBOX_ORDER, NotificationsRepository } from './notifications.repository';

export const INBOX_PAGE_DEFAULT = 20;

/** 消息中心: my notifications, and the subscribe-message templates I granted. Everyone sees only their own. */
@Injectable()
export class InboxService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly templates: NotificationTemplates,
  ) {}

  async list(actor: Actor, query: NotificationListQueryDto): Promise<NotificationPage> {
    const [page, unreadCount] = await Promise.all([
      paged(
        query,
        INBOX_ORDER,
        (after, limit) => this.repo.listForUser(actor.id, after, limit),
        toNotificationItem,
        (n) => ({ k: n.createdAt.toISOString(), id: n.id }),
        INBOX_PAGE_DEFAULT,
      ),
      this.repo.countUnread(actor.id),
    ]);
    return { ...page, unreadCount };
  }

  async unreadCount(actor: Actor): Promise<UnreadCountResponse> {
    return { unreadCount: await this.repo.countUnread(actor.id) };
  }

  /** Idempotent: reading it again keeps the first reading time. Another user's notification: 404. */
  async markRead(actor: Actor, id: string): Promise<NotificationItem> {
    const row = await this.repo.markRead(actor.id, id);
    if (!row) throw notFound();
    return toNotificationItem(row);
  }

  async markAllRead(actor: Actor): Promise<UnreadCountResponse> {
    await this.repo.markAllRead(actor.id);
    return { unreadCount: await this.repo.countUnread(actor.id) };
  }

  /** The templates the app may ask me for (at most three per ask), with what I have left of each. */
  async templatesFor(actor: Actor): Promise<SubscribeTemplatesResponse> {
    const configured = this.templates.list();
    const credits = await this.repo.creditsOf(
      actor.id,
      configured.map((t) => t.templateId),
    );
    return {
      templates: configured.map((t) => toTemplateItem(t, credits.get(t.templateId) ?? 0)),
      maxPerRequest: SUBSCRIBE_MAX_TEMPLATES_PER_REQUEST,
    };
  }

  /** What I answered to `wx.requestSubscribeMessage`: accept adds a credit, reject / ban clear them. */
  async recordGrants(actor: Actor, dto: RecordSubscribeGrantsDto): Promise<SubscribeTemplatesResponse> {
    const answers = Object.entries(dto.results).map(([templateId, result]) => ({ templateId, result }));
    const unknown = answers.filter((a) => !this.templates.isConfigured(a.templateId));
    if (unknown.length) {
      throw new AppException(
        'SUBSCRIBE_TEMPLATE_UNKNOWN',
        unknown.map((a) => ({ field: `results.${a.templateId}`, message: '订阅消息模板不存在或已停用' })),
      );
    }
    await this.repo.recordAnswers(actor.id, answers);
    return this.templatesFor(actor);
  }
}
