import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseEventEntity } from './case-event.entity';

/** A timeline line with its actor's name (staff only; null for the enterprise and the system). */
export type CaseEventWithActor = CaseEventEntity & { actor: { id: string; name: string | null; role: string } | null };

/** The one repository of `case_events`: append and read, never change. */
@Injectable()
export class CaseEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CaseEventEntity);
  }

  async append(values: Omit<CaseEventEntity, 'id'>, manager: EntityManager): Promise<void> {
    await this.repo(manager).insert({ ...values });
  }

  /** The whole timeline, oldest first. */
  listForCase(caseId: string, manager?: EntityManager): Promise<CaseEventWithActor[]> {
    return this.repo(manager)
      .createQueryBuilder('ev')
      .leftJoin('ev.actor', 'u')
      .addSelect(['u.id', 'u.name', 'u.role'])
      .where('ev.case_id = :caseId', { caseId })
      .orderBy('ev.seq', 'ASC')
      .getMany() as Promise<CaseEventWithActor[]>;
  }
}
