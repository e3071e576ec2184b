import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import type { NotificationKind, SubscribeResult } from '@qsgj/shared/enums';
import { NotificationEntity } from './notification.entity';
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
 */
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
    const result: unknown = await manager.query(
      `UPDATE "subscription_grants" SET "credits" = "credits" - 1, "updated_at" = now()
       WHERE "user_id" = $1 AND "template_id" = $2 AND "credits" > 0
       RETURNING "credits"`,
      [userId, templateId],
    );
    return rowsOf(result).length === 1;
  }

  async insertOutboxMessage(m: NewOutboxMessage, manager: EntityManager): Promise<string> {
    const rows = (await manager.query(
      `INSERT INTO "notification_outbox" ("notification_id", "user_id", "template_id", "page", "data")
       VALUES ($1, $2, $3, $4, $5) RETURNING "id"::text AS "id"`,
      [m.notificationId, m.userId, m.templateId, m.page, JSON.stringify(m.data)],
    )) as Array<{ id: string }>;
    return rows[0].id;
  }

  /** The user's notifications, newest first, older than the cursor notification when one is given. */
  listForUser(userId: string, cursorId: string | undefined, limit: number): Promise<NotificationEntity[]> {
    const qb = this.manager()
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .select(Object.keys(ITEM_SELECT).map((k) => `n.${k}`))
      .where('n.user_id = :userId', { userId });
    if (cursorId) {
      // Keyset on (created_at, id) read from the row itself: exact to the microsecond, unlike a Date.
      qb.andWhere(
        '(n.created_at, n.id) < (SELECT c.created_at, c.id FROM notifications c WHERE c.id = :cursorId AND c.user_id = :userId)',
        { cursorId },
      );
    }
    return qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').limit(limit).getMany();
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
        await m.query(
          `INSERT INTO "subscription_grants" ("user_id", "template_id", "credits", "last_result")
           VALUES ($1, $2, CASE WHEN $3::text = 'accept' THEN 1 ELSE 0 END, $3)
           ON CONFLICT ("user_id", "template_id") DO UPDATE SET
             "credits" = CASE $3::text
               WHEN 'accept' THEN "subscription_grants"."credits" + 1
               WHEN 'filter' THEN "subscription_grants"."credits"
               ELSE 0 END,
             "last_result" = EXCLUDED."last_result",
             "updated_at" = now()`,
          [userId, templateId, result],
        );
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
