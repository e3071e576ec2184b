import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseRatingEntity } from './case-rating.entity';

/** The one repository of `case_ratings`. */
@Injectable()
export class CaseRatingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CaseRatingEntity);
  }

  async insert(
    values: Pick<
      CaseRatingEntity,
      'caseId' | 'level' | 'tags' | 'comment' | 'ratedBy' | 'butlerId' | 'departmentId' | 'createdAt'
    >,
    m: EntityManager,
  ): Promise<string> {
    const result = await this.repo(m).insert({ ...values });
    return (result.identifiers[0] as { id: string }).id;
  }

  findForCase(caseId: string, manager?: EntityManager): Promise<CaseRatingEntity | null> {
    return this.repo(manager).findOneBy({ caseId });
  }

  findById(id: string, manager?: EntityManager): Promise<CaseRatingEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  async setVoided(id: string, m: EntityManager): Promise<void> {
    await this.repo(m).update({ id }, { voided: true });
  }
}
