import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

/** Keys are kept this long; a retry later than that is a new request. */
export const KEY_TTL_HOURS = 24;
/** A request still running after this long is taken to have died: its key may be taken over. */
export const STALE_AFTER_SECONDS = 60;

@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(IdempotencyKeyEntity);
  }

  /** Claims the key for this request; false when someone already holds it. */
  async claim(userId: string, key: string, requestHash: string): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .values({ userId, key, requestHash })
      .orIgnore()
      .returning(['key'])
      .execute();
    return (result.raw as unknown[]).length === 1;
  }

  find(userId: string, key: string): Promise<IdempotencyKeyEntity | null> {
    return this.repo.findOne({ where: { userId, key } });
  }

  /** True when the holder has run longer than STALE_AFTER_SECONDS without completing (database clock). */
  async takeOverIfStale(userId: string, key: string, requestHash: string): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ requestHash, createdAt: () => 'now()' })
      .where('user_id = :userId AND key = :key AND completed_at IS NULL', { userId, key })
      .andWhere(`created_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})`)
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async complete(userId: string, key: string, statusCode: number, response: unknown): Promise<void> {
    await this.repo.update(
      { userId, key },
      { statusCode, response: (response ?? null) as never, completedAt: () => 'now()' },
    );
  }

  async release(userId: string, key: string): Promise<void> {
    await this.repo.delete({ userId, key });
  }

  async deleteExpired(): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .delete()
      .where(`created_at < now() - make_interval(hours => ${KEY_TTL_HOURS})`)
      .execute();
  }
}
