import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CreateDepartmentDto, DepartmentItem, UpdateDepartmentDto } from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AuditService } from '../../common/audit/audit.service';
import { AppException, notFound } from '../../common/errors/app-exception';
import { DepartmentsRepository } from '../departments/departments.repository';
import { toDepartmentItem } from './admin.mapper';

@Injectable()
export class AdminDepartmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly departments: DepartmentsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<DepartmentItem[]> {
    return (await this.departments.listWithStaffCount()).map(toDepartmentItem);
  }

  create(actor: Actor, dto: CreateDepartmentDto, meta: RequestMeta): Promise<DepartmentItem> {
    const values = { name: dto.name, shortName: dto.shortName || null };
    return this.dataSource.transaction(async (m) => {
      const department = await this.departments.insertIfNameFree(values, m);
      if (!department) throw new AppException('DEPARTMENT_NAME_TAKEN');
      await this.audit.record(
        {
          action: AuditAction.DEPARTMENT_CREATED,
          actor,
          targetType: 'department',
          targetId: department.id,
          ...meta,
          details: values,
        },
        m,
      );
      return toDepartmentItem({ ...values, id: department.id, staffCount: 0 });
    });
  }

  /** Renames (name and/or short name). Changing nothing changes and records nothing. */
  update(actor: Actor, id: string, dto: UpdateDepartmentDto, meta: RequestMeta): Promise<DepartmentItem> {
    return this.dataSource.transaction(async (m) => {
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
        await this.audit.record(
          {
            action: AuditAction.DEPARTMENT_UPDATED,
            actor,
            targetType: 'department',
            targetId: id,
            ...meta,
            details: {
              before: { name: before.name, shortName: before.shortName },
              after: {
                name: patch.name ?? before.name,
                shortName: patch.shortName !== undefined ? patch.shortName : before.shortName,
              },
            },
          },
          m,
        );
      }
      const after = await this.departments.findWithStaffCount(id, m);
      if (!after) throw notFound();
      return toDepartmentItem(after);
    });
  }
}
