import { randomUUID } from 'node:crypto';
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
/** Notices written per statement by `notifyMany`. */
export const NOTIFY_BATCH = 1000;

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
    const notice = inboxRow(input);
    const notificationId = await this.repo.insertNotification(notice, manager);
    const message = this.messageFor(input, notificationId);
    if (!message) return notificationId;
    if (!(await this.repo.spendCredit(input.userId, message.templateId, manager))) return notificationId;
    const outboxId = await this.repo.insertOutboxMessage({ notificationId, userId: input.userId, ...message }, manager);
    sendAfterCommit(manager, outboxId);
    return notificationId;
  }

  /**
   * `notify` for many users at once (everyone registered for a cancelled event, every member of reassigned
   * enterprises): the same inbox rows and WeChat messages, written NOTIFY_BATCH per statement instead of two to four
   * statements each. A user told twice in one batch under the same template gets both inbox rows and — one credit,
   * one message — the first one's message only.
   */
  async notifyMany(manager: EntityManager, inputs: readonly NotifyInput[]): Promise<void> {
    if (inputs.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      return this.dataSource.transaction((m) => this.notifyMany(m, inputs));
    }
    for (let start = 0; start < inputs.length; start += NOTIFY_BATCH) {
      const rows = inputs.slice(start, start + NOTIFY_BATCH).map((input) => {
        const id = randomUUID();
        return { ...inboxRow(input), id, outbox: this.messageFor(input, id) };
      });
      for (const outboxId of await this.repo.insertMany(rows, manager)) sendAfterCommit(manager, outboxId);
    }
  }

  /** The WeChat message of a notice, when its kind has a template here and its values may be sent; else null. */
  private messageFor(
    input: NotifyInput,
    notificationId: string,
  ): { templateId: string; page: string | null; data: Record<string, { value: string }> } | null {
    const template = this.templates.forKind(input.kind);
    if (!template) return null;
    try {
      const data = sanitizeSubscribeData(NotificationTemplates.dataFor(input.kind, input.data as never));
      // WeChat's `page` has no leading slash.
      return { templateId: template.templateId, page: input.link ? input.link.slice(1) : null, data };
    } catch (e) {
      if (!(e instanceof SubscribeDataError)) throw e;
      // The inbox has it; WeChat must not (personal data, or a value WeChat would refuse). The credit is kept.
      this.logger.warn(
        { kind: input.kind, notificationId, field: e.key, reason: e.reason },
        'Subscribe message not queued: a value may not be sent',
      );
      return null;
    }
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

/** The inbox row of a notice: a checked link, the text cleaned and cut to its limits. */
function inboxRow(input: NotifyInput) {
  if (input.link !== null && !LINK.test(input.link)) throw new Error(`notify: not a mini-program page: ${input.link}`);
  return {
    userId: input.userId,
    kind: input.kind,
    title: truncateCharacters(stripControlCharacters(input.title), TITLE_MAX),
    body: truncateCharacters(cleanBody(input.body), BODY_MAX),
    link: input.link,
  };
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
