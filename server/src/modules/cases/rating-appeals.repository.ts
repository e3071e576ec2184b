import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RatingAppealEntity } from './rating-appeal.entity';

/** The one repository of `rating_appeals`. */
@Injectable()
export class RatingAppealsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(RatingAppealEntity);
  }

  async insert(
    values: Pick<RatingAppealEntity, 'ratingId' | 'caseId' | 'appellantId' | 'reason' | 'createdAt'>,
    m: EntityManager,
  ): Promise<string> {
    const result = await this.repo(m).insert({ ...values });
    return (result.identifiers[0] as { id: string }).id;
  }

  findForRating(ratingId: string, m?: EntityManager): Promise<RatingAppealEntity | null> {
    return this.repo(m).findOneBy({ ratingId });
  }

  findById(id: string, m: EntityManager): Promise<RatingAppealEntity | null> {
    return this.repo(m).findOneBy({ id });
  }

  lockById(id: string, m: EntityManager): Promise<RatingAppealEntity | null> {
    return this.repo(m).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne();
  }

  async decide(
    id: string,
    values: Pick<RatingAppealEntity, 'decision' | 'decisionReason' | 'decidedBy' | 'decidedAt'>,
    m: EntityManager,
  ): Promise<void> {
    await this.repo(m).update({ id }, values);
  }
}
