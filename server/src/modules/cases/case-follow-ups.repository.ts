import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Cursor } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { Role } from '@qsgj/shared/enums';
import { UserEntity } from '../users/user.entity';
import { CaseFollowUpEntity } from './case-follow-up.entity';

/** The supervisors' list: earliest due first. */
export const FOLLOW_UP_ORDER: KeysetOrder = {
  table: 'case_follow_ups',
  alias: 'f',
  keys: [(a) => `${a}.due_at`],
  direction: 'ASC',
  idType: 'uuid',
};

/** Whose follow-ups a lead sees: a supervisor their department's, the centre and admins all. */
export type FollowUpScope = { kind: 'all' } | { kind: 'department'; departmentId: string | null };

export type FollowUpWithCase = CaseFollowUpEntity & {
  case: { id: string; number: string; type: string };
  rating: { level: number };
  department: { id: string; name: string } | null;
};

/** The one repository of `case_follow_ups` (and who is told of a new one: the department's active supervisors). */
@Injectable()
export class CaseFollowUpsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CaseFollowUpEntity);
  }

  async insert(
    values: Pick<CaseFollowUpEntity, 'caseId' | 'ratingId' | 'departmentId' | 'dueAt' | 'createdAt'>,
    m: EntityManager,
  ): Promise<string> {
    const result = await this.repo(m).insert({ ...values });
    return (result.identifiers[0] as { id: string }).id;
  }

  findForCase(caseId: string, manager?: EntityManager): Promise<CaseFollowUpEntity | null> {
    return this.repo(manager).findOneBy({ caseId });
  }

  /** The row, locked for the rest of the transaction (record once, rate once). */
  lockById(id: string, m: EntityManager): Promise<CaseFollowUpEntity | null> {
    return this.repo(m).createQueryBuilder('f').setLock('pessimistic_write').where('f.id = :id', { id }).getOne();
  }

  async update(id: string, patch: Partial<CaseFollowUpEntity>, m: EntityManager): Promise<void> {
    await this.repo(m).update({ id }, patch);
  }

  list(scope: FollowUpScope, after: Cursor | undefined, limit: number): Promise<FollowUpWithCase[]> {
    const qb = this.repo()
      .createQueryBuilder('f')
      .innerJoin('f.case', 'c')
      .addSelect(['c.id', 'c.number', 'c.type'])
      .innerJoin('f.rating', 'r')
      .addSelect(['r.id', 'r.level'])
      .leftJoin('f.department', 'd')
      .addSelect(['d.id', 'd.name']);
    if (scope.kind === 'department') {
      if (scope.departmentId === null) qb.where('false');
      else qb.where('f.department_id = :departmentId', { departmentId: scope.departmentId });
    }
    return keyset(qb, FOLLOW_UP_ORDER, after, limit).getMany() as Promise<FollowUpWithCase[]>;
  }

  /** The active supervisors of a department: they are told of its new follow-ups. */
  async supervisorsOf(departmentId: string, m: EntityManager): Promise<string[]> {
    const rows = await m
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .where('u.department_id = :departmentId', { departmentId })
      .andWhere('u.role = :role', { role: Role.SUPERVISOR })
      .andWhere('u.active = true')
      .andWhere('u.deleted_at IS NULL')
      .orderBy('u.id')
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}
