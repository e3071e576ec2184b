import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IDEMPOTENCY_SQL, KEY_LOCK_WAIT } from './idempotency.sql';

/** Keys are kept this long; a retry later than that is a new request. */
export const KEY_TTL_HOURS = 24;

/** Only rows younger than the lifetime count: an older one is as good as absent (and is overwritten). */
const LIVE = `created_at > now() - make_interval(hours => ${KEY_TTL_HOURS})`;

/**
 * The idempotency store. A key is held, while its request runs, by a transaction-level advisory lock
 * of the request's own transaction (ADR 008): PostgreSQL lets it go when that transaction ends —
 * commit, rollback, or the connection dying with the process — so a crash never leaves a key stuck.
 * A row is written only with the answer, in that same transaction, so it exists exactly when the
 * request's change committed.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes the key for this transaction, waiting up to KEY_LOCK_WAIT while a request in flight holds
   * it; false when that request is still running after the wait (lock_timeout, SQLSTATE 55P03).
   */
  async lock(userId: string, key: string, manager: EntityManager): Promise<boolean> {
    await manager.query(IDEMPOTENCY_SQL.lockWait.text, [KEY_LOCK_WAIT]);
    try {
      await manager.query(IDEMPOTENCY_SQL.lock.text, [`${userId} ${key}`]);
    } catch (error) {
      // The transaction is aborted now; the caller answers 409 and it rolls back.
      if ((error as { code?: string }).code === '55P03') return false;
      throw error;
    }
    await manager.query('SET LOCAL lock_timeout TO DEFAULT');
    return true;
  }

  /** The stored answer for the key, if one is live. */
  find(userId: string, key: string, manager: EntityManager): Promise<IdempotencyKeyEntity | null> {
    return manager
      .getRepository(IdempotencyKeyEntity)
      .createQueryBuilder('k')
      .where('k.user_id = :userId AND k.key = :key', { userId, key })
      .andWhere(LIVE.replace('created_at', 'k.created_at'))
      .getOne();
  }

  /** Stores the answer, in the request's transaction (over an expired or unfinished row of the key, if any). */
  async store(
    userId: string,
    key: string,
    requestHash: string,
    statusCode: number,
    response: unknown,
    manager: EntityManager,
  ): Promise<void> {
    await manager
      .getRepository(IdempotencyKeyEntity)
      .createQueryBuilder()
      .insert()
      .values({
        userId,
        key,
        requestHash,
        statusCode,
        response: (response ?? null) as never,
        createdAt: () => 'now()',
        completedAt: () => 'now()',
      })
      .orUpdate(['request_hash', 'status_code', 'response', 'created_at', 'completed_at'], ['user_id', 'key'])
      .execute();
  }

  async deleteExpired(): Promise<void> {
    await this.dataSource
      .getRepository(IdempotencyKeyEntity)
      .createQueryBuilder()
      .delete()
      .where(`NOT (${LIVE})`)
      .execute();
  }
}
