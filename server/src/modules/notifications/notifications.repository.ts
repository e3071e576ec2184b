import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import type { Cursor } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import type { NotificationKind, SubscribeResult } from '@qsgj/shared/enums';
import { NotificationEntity } from './notification.entity';
import { NOTIFICATIONS_SQL } from './notifications.sql';
import { rowsOf } from './sql-rows';
import { SubscriptionGrantEntity } from './subscription-grant.entity';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
}

export interface NewOutboxMessage {
  notificationId: string;
  userId: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
}

const ITEM_SELECT = {
  id: true,
  kind: true,
  title: true,
  body: true,
  link: true,
  readAt: true,
  createdAt: true,
} as const;

/**
 * The inbox, the grants and the writing side of the outbox — what requests (and the callers of
 * NotificationService, inside their transactions) do. The worker's statements are in OutboxRepository.
 * Every inbox read and write is scoped to its user: another user's notification does not exist.
 * Hand-written statements are in `notifications.sql.ts` (plans: server/test/sql/notifications.repository.sql).
 */
/** The inbox: newest first, by creation time then id. */
export const INBOX_ORDER: KeysetOrder = {
  table: 'notifications',
  alias: 'n',
  keys: [(a) => `${a}.created_at`],
  direction: 'DESC',
  idType: 'uuid',
  anchorScope: (a) => `${a}.user_id = :userId`,
};

@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async insertNotification(n: NewNotification, manager: EntityManager): Promise<string> {
    const result = await manager.getRepository(NotificationEntity).insert(n);
    return (result.identifiers[0] as { id: string }).id;
  }

  /** Spends one of the user's credits for the template; false when they have none. Atomic. */
  async spendCredit(userId: string, templateId: string, manager: EntityManager): Promise<boolean> {
    const result: unknown = await manager.query(NOTIFICATIONS_SQL.spendCredit.text, [userId, templateId]);
    return rowsOf(result).length === 1;
  }

  /**
   * Inbox rows for many notices at once, and for each row with a template whose user holds a credit, the credit spent
   * and the WeChat message queued (one per user and template in the batch). One statement; returns the outbox ids.
   */
  async insertMany(
    rows: Array<NewNotification & { id: string; outbox: Omit<NewOutboxMessage, 'notificationId' | 'userId'> | null }>,
    manager: EntityManager,
  ): Promise<string[]> {
    const result = (await manager.query(NOTIFICATIONS_SQL.insertMany.text, [
      rows.map((r) => r.id),
      rows.map((r) => r.userId),
      rows.map((r) => r.kind),
      rows.map((r) => r.title),
      rows.map((r) => r.body),
      rows.map((r) => r.link),
      rows.map((r) => r.outbox?.templateId ?? null),
      rows.map((r) => r.outbox?.page ?? null),
      rows.map((r) => (r.outbox ? JSON.stringify(r.outbox.data) : null)),
    ])) as Array<{ outbox_ids: string[] }>;
    return result[0].outbox_ids;
  }

  async insertOutboxMessage(m: NewOutboxMessage, manager: EntityManager): Promise<string> {
    const rows = (await manager.query(NOTIFICATIONS_SQL.insertOutboxMessage.text, [
      m.notificationId,
      m.userId,
      m.templateId,
      m.page,
      JSON.stringify(m.data),
    ])) as Array<{ id: string }>;
    return rows[0].id;
  }

  /** The user's notifications, newest first (created_at, then id), after the cursor's row; asks for `limit + 1`. */
  listForUser(userId: string, after: Cursor | undefined, limit: number): Promise<NotificationEntity[]> {
    const qb = this.manager()
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .select(Object.keys(ITEM_SELECT).map((k) => `n.${k}`))
      .where('n.user_id = :userId', { userId });
    return keyset(qb, INBOX_ORDER, after, limit).getMany();
  }

  countUnread(userId: string): Promise<number> {
    return this.manager()
      .getRepository(NotificationEntity)
      .count({ where: { userId, readAt: IsNull() } });
  }

  /** Marks the user's notification read (the first reading time stays); null when it is not theirs. */
  async markRead(userId: string, id: string): Promise<NotificationEntity | null> {
    const repo = this.manager().getRepository(NotificationEntity);
    await repo.update({ id, userId, readAt: IsNull() }, { readAt: () => 'now()' });
    return repo.findOne({ select: ITEM_SELECT, where: { id, userId } });
  }

  async markAllRead(userId: string): Promise<number> {
    const result = await this.manager()
      .getRepository(NotificationEntity)
      .update({ userId, readAt: IsNull() }, { readAt: () => 'now()' });
    return result.affected ?? 0;
  }

  async creditsOf(userId: string, templateIds: string[]): Promise<Map<string, number>> {
    if (templateIds.length === 0) return new Map();
    const rows = await this.manager()
      .getRepository(SubscriptionGrantEntity)
      .find({ select: { templateId: true, credits: true }, where: { userId, templateId: In(templateIds) } });
    return new Map(rows.map((r) => [r.templateId, r.credits]));
  }

  /** The user's answers to one subscribe request: accept adds a credit, reject and ban take them all. */
  async recordAnswers(userId: string, answers: Array<{ templateId: string; result: SubscribeResult }>): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      for (const { templateId, result } of answers) {
        await m.query(NOTIFICATIONS_SQL.recordAnswer.text, [userId, templateId, result]);
      }
    });
  }

  /** Everything of mine, for the PIPL export. */
  async allOfUser(userId: string): Promise<{
    notifications: Array<Pick<NotificationEntity, 'kind' | 'title' | 'body' | 'createdAt' | 'readAt'>>;
    grants: Array<Pick<SubscriptionGrantEntity, 'templateId' | 'credits'>>;
  }> {
    const m = this.manager();
    const [notifications, grants] = await Promise.all([
      m.getRepository(NotificationEntity).find({
        select: { kind: true, title: true, body: true, createdAt: true, readAt: true },
        where: { userId },
        order: { createdAt: 'DESC' },
      }),
      m.getRepository(SubscriptionGrantEntity).find({ select: { templateId: true, credits: true }, where: { userId } }),
    ]);
    return { notifications, grants };
  }

  /** Account deletion: my inbox and my permissions go (the outbox rows cascade with the inbox rows). */
  async deleteAllOfUser(userId: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(SubscriptionGrantEntity).delete({ userId });
    await manager.getRepository(NotificationEntity).delete({ userId });
  }
}
