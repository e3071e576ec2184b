import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, Not } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { DepartmentEntity } from './department.entity';

/** A department with the number of its active staff accounts. */
export interface DepartmentWithStaffCount {
  id: string;
  name: string;
  shortName: string | null;
  staffCount: number;
}

interface StaffCountRow {
  id: string;
  name: string;
  short_name: string | null;
  staff_count: string | number;
}

@Injectable()
export class DepartmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(DepartmentEntity);
  }

  /** Every department, by name, each with its count of active (not deactivated, not deleted) staff. */
  async listWithStaffCount(manager?: EntityManager): Promise<DepartmentWithStaffCount[]> {
    const rows = await this.staffCountQuery(manager)
      .orderBy('d.name', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .getRawMany<StaffCountRow>();
    return rows.map(toWithCount);
  }

  async findWithStaffCount(id: string, manager?: EntityManager): Promise<DepartmentWithStaffCount | null> {
    const row = await this.staffCountQuery(manager).where('d.id = :id', { id }).getRawOne<StaffCountRow>();
    return row ? toWithCount(row) : null;
  }

  findById(id: string, manager?: EntityManager): Promise<DepartmentEntity | null> {
    return this.repo(manager).findOne({ where: { id } });
  }

  /** Reads the department and locks its row until the transaction ends. */
  lockById(id: string, manager: EntityManager): Promise<DepartmentEntity | null> {
    return this.repo(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts the department; null when the name is already taken (no error, even under a race). */
  async insertIfNameFree(
    values: { name: string; shortName: string | null },
    manager?: EntityManager,
  ): Promise<DepartmentEntity | null> {
    // A copy: TypeORM writes the generated id back into the object it is given.
    const result = await this.repo(manager)
      .createQueryBuilder()
      .insert()
      .values({ ...values })
      .orIgnore()
      .returning('id')
      .execute();
    const id = (result.raw as Array<{ id: string }>)[0]?.id;
    return id ? this.findById(id, manager) : null;
  }

  /** True when another department already has this name. */
  async isNameTakenByOther(name: string, exceptId: string, manager?: EntityManager): Promise<boolean> {
    return this.repo(manager).exists({ where: { name, id: Not(exceptId) } });
  }

  /**
   * Changes name and/or short name. False when the new name is taken (a race the caller's check
   * missed); on PostgreSQL the transaction is then aborted, so the caller must end it by throwing.
   */
  async rename(
    id: string,
    patch: { name?: string; shortName?: string | null },
    manager?: EntityManager,
  ): Promise<boolean> {
    try {
      await this.repo(manager).update({ id }, patch);
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  private staffCountQuery(manager?: EntityManager) {
    return this.repo(manager)
      .createQueryBuilder('d')
      .leftJoin(UserEntity, 'u', 'u.department_id = d.id AND u.active = true AND u.deleted_at IS NULL')
      .select(['d.id AS id', 'd.name AS name', 'd.short_name AS short_name'])
      .addSelect('COUNT(u.id)', 'staff_count')
      .groupBy('d.id');
  }
}

function toWithCount(row: StaffCountRow): DepartmentWithStaffCount {
  return { id: row.id, name: row.name, shortName: row.short_name, staffCount: Number(row.staff_count) };
}

/** PostgreSQL's unique_violation, whichever driver (pg or PGlite) raised it. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return e?.code === '23505' || e?.driverError?.code === '23505';
}
