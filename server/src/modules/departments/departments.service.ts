import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CreateDepartmentDto, DepartmentItem, UpdateDepartmentDto } from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, notFound } from '../../common/errors/app-exception';
import { Changes } from '../audit/changes';
import type { DepartmentEntity } from './department.entity';
import { toDepartmentItem } from './departments.mapper';
import { DepartmentsRepository } from './departments.repository';

/** Departments: the admin's list, creation and renaming; other domains check that one exists. */
@Injectable()
export class DepartmentsService {
  constructor(
    private readonly departments: DepartmentsRepository,
    private readonly changes: Changes,
  ) {}

  async list(): Promise<DepartmentItem[]> {
    return (await this.departments.listWithStaffCount()).map(toDepartmentItem);
  }

  findById(id: string, manager?: EntityManager): Promise<DepartmentEntity | null> {
    return this.departments.findById(id, manager);
  }

  create(actor: Actor, dto: CreateDepartmentDto, meta: RequestMeta): Promise<DepartmentItem> {
    const values = { name: dto.name, shortName: dto.shortName || null };
    return this.changes.run({ actor, meta }, async (change) => {
      const department = await this.departments.insertIfNameFree(values, change.manager);
      if (!department) throw new AppException('DEPARTMENT_NAME_TAKEN');
      await change.audit(AuditAction.DEPARTMENT_CREATED, { type: 'department', id: department.id }, values);
      return toDepartmentItem({ ...values, id: department.id, staffCount: 0 });
    });
  }

  /** Renames (name and/or short name). Changing nothing changes and records nothing. */
  update(actor: Actor, id: string, dto: UpdateDepartmentDto, meta: RequestMeta): Promise<DepartmentItem> {
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const before = await this.departments.lockById(id, m);
      if (!before) throw notFound();
      const patch: { name?: string; shortName?: string | null } = {};
      if (dto.name !== undefined && dto.name !== before.name) patch.name = dto.name;
      const shortName = dto.shortName === undefined ? undefined : dto.shortName || null;
      if (shortName !== undefined && shortName !== before.shortName) patch.shortName = shortName;
      if (Object.keys(patch).length > 0) {
        const taken = patch.name !== undefined && (await this.departments.isNameTakenByOther(patch.name, id, m));
        // The check answers the usual case; rename() still reports a race the check missed.
        if (taken || !(await this.departments.rename(id, patch, m))) throw new AppException('DEPARTMENT_NAME_TAKEN');
        await change.audit(
          AuditAction.DEPARTMENT_UPDATED,
          { type: 'department', id },
          {
            before: { name: before.name, shortName: before.shortName },
            after: {
              name: patch.name ?? before.name,
              shortName: patch.shortName !== undefined ? patch.shortName : before.shortName,
            },
          },
        );
      }
      const after = await this.departments.findWithStaffCount(id, m);
      if (!after) throw notFound();
      return toDepartmentItem(after);
    });
  }
}
