import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { WorkingCalendarEntity } from './working-calendar.entity';

/** The one repository of `working_calendar`. */
@Injectable()
export class WorkingCalendarRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(WorkingCalendarEntity);
  }

  /** Every year entered, oldest first (a few dozen small rows). */
  listAll(manager?: EntityManager): Promise<WorkingCalendarEntity[]> {
    return this.repo(manager).find({ order: { year: 'ASC' } });
  }

  findYear(year: number, manager?: EntityManager): Promise<WorkingCalendarEntity | null> {
    return this.repo(manager).findOne({ where: { year } });
  }

  async upsert(values: Pick<WorkingCalendarEntity, 'year' | 'holidays' | 'workdays' | 'updatedBy'>, m: EntityManager) {
    await this.repo(m).upsert({ ...values, updatedAt: new Date() }, ['year']);
  }
}
