import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationKind } from '@qsgj/shared/enums';
import {
  sanitizeSubscribeData,
  SubscribeDataError,
  stripControlCharacters,
  truncateCharacters,
} from '@qsgj/shared/rules';
import { type MessageFields, NotificationTemplates } from './notification-templates';
import { NotificationsRepository } from './notifications.repository';
import { sendAfterCommit } from './transaction-hooks';

/** What a caller tells one user. `data` is what the WeChat message says, for the kind's template. */
export type NotifyInput = {
  [K in NotificationKind]: {
    userId: string;
    kind: K;
    /** Inbox title (≤ 100 characters; longer is cut). */
    title: string;
    /** Inbox text (≤ 500 characters; longer is cut). */
    body: string;
    /** A mini-program page with its query, starting with `/`; null when there is nowhere to go. */
    link: string | null;
    data: MessageFields[K];
  };
}[NotificationKind];

/** `/pages/x/index?id=1`: a page path of letters, digits, `_` `-` `/`, and an optional query. */
const LINK = /^\/[\w/-]+(\?[\w\-.~%=&]*)?$/;

export const TITLE_MAX = 100;
export const BODY_MAX = 500;

/**
 * The one way other modules notify a user. Call it inside the transaction of the change that causes
 * the notification, with that transaction's manager: the inbox row — and, when the user holds a
 * credit for the kind's template, the WeChat message in the outbox — commit or roll back with it.
 */
@Injectable()
export class NotificationService {
  private readonly logger = new Logger('Notifications');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: NotificationsRepository,
    private readonly templates: NotificationTemplates,
  ) {}

  /** Returns the new inbox row's id. */
  async notify(manager: EntityManager, input: NotifyInput): Promise<string> {
    if (!manager.queryRunner?.isTransactionActive) {
      // Called outside a transaction: still write the inbox row and the outbox row together.
      return this.dataSource.transaction((m) => this.notify(m, input));
    }
    if (input.link !== null && !LINK.test(input.link))
      throw new Error(`notify: not a mini-program page: ${input.link}`);
    const notificationId = await this.repo.insertNotification(
      {
        userId: input.userId,
        kind: input.kind,
        title: truncateCharacters(stripControlCharacters(input.title), TITLE_MAX),
        body: truncateCharacters(cleanBody(input.body), BODY_MAX),
        link: input.link,
      },
      manager,
    );

    const template = this.templates.forKind(input.kind);
    if (!template) return notificationId;
    let data: Record<string, { value: string }>;
    try {
      data = sanitizeSubscribeData(NotificationTemplates.dataFor(input.kind, input.data as never));
    } catch (e) {
      if (!(e instanceof SubscribeDataError)) throw e;
      // The inbox has it; WeChat must not (personal data, or a value WeChat would refuse). The credit is kept.
      this.logger.warn(
        { kind: input.kind, notificationId, field: e.key, reason: e.reason },
        'Subscribe message not queued: a value may not be sent',
      );
      return notificationId;
    }
    if (!(await this.repo.spendCredit(input.userId, template.templateId, manager))) return notificationId;
    const outboxId = await this.repo.insertOutboxMessage(
      {
        notificationId,
        userId: input.userId,
        templateId: template.templateId,
        // WeChat's `page` has no leading slash.
        page: input.link ? input.link.slice(1) : null,
        data,
      },
      manager,
    );
    sendAfterCommit(manager, outboxId);
    return notificationId;
  }

  /** Everything the inbox holds of a user, and their subscribe-message permissions (their PIPL data export). */
  allOfUser(userId: string): ReturnType<NotificationsRepository['allOfUser']> {
    return this.repo.allOfUser(userId);
  }

  /** Account deletion: the user's inbox and permissions go (the outbox rows cascade with the inbox rows). */
  deleteAllOfUser(userId: string, manager: EntityManager): Promise<void> {
    return this.repo.deleteAllOfUser(userId, manager);
  }
}

/** Line breaks stay in the inbox text; every other control character goes. */
function cleanBody(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(stripControlCharacters)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
