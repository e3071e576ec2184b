import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AdminServicePackageQueryDto,
  Page,
  ServicePackageDetail,
  ServicePackageInputDto,
  ServicePackageItem,
  UpdateServicePackageDto,
} from '@qsgj/shared/contracts';
import { SERVICE_PACKAGE_PAGE_MAX } from '@qsgj/shared/contracts';
import { AuditAction, type DictionaryKind } from '@qsgj/shared/enums';
import type { ErrorDetail } from '@qsgj/shared/errors';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, notFound } from '../../common/errors/app-exception';
import { pageLimit, readCursor } from '../../common/paging/keyset';
import { Changes } from '../audit/changes';
import { DepartmentsService } from '../departments/departments.service';
import { type DictionaryCheck, DictionariesService } from '../dictionaries/dictionaries.service';
import type { ServicePackageEntity } from './service-package.entity';
import { toServicePackageDetail } from './service-package.mapper';
import {
  ADMIN_PACKAGE_ORDER,
  NO_PACKAGE_FIGURES,
  type PackageFields,
  ServicePackagesRepository,
} from './service-packages.repository';
import { ServicePackagesService } from './service-packages.service';

/** The audit rows' target type of a package. */
export const SERVICE_PACKAGE_TARGET = 'service_package';
export const PACKAGE_NAME_TAKEN_MESSAGE = '已有同名的服务，请换一个名称';
export const DEPARTMENT_UNKNOWN_MESSAGE = '服务提供部门不存在，请重新选择';

/** The package lists whose values come from a dictionary. */
const DICTIONARY_FIELDS: ReadonlyArray<{ field: 'industries' | 'districts' | 'qualifications'; kind: DictionaryKind }> =
  [
    { field: 'industries', kind: 'industries' },
    { field: 'districts', kind: 'districts' },
    { field: 'qualifications', kind: 'qualifications' },
  ];

const trimAll = (values: string[]) => values.map((v) => v.trim());

export function toPackageFields(dto: ServicePackageInputDto): PackageFields {
  return {
    name: dto.name.trim(),
    departmentId: dto.departmentId,
    description: dto.description.trim(),
    industries: trimAll(dto.industries ?? []),
    scales: dto.scales ?? [],
    districts: trimAll(dto.districts ?? []),
    qualifications: trimAll(dto.qualifications ?? []),
    materials: trimAll(dto.materials ?? []),
    timeLimitDays: dto.timeLimitDays,
    active: dto.active ?? true,
  };
}

export function fieldsOf(p: ServicePackageEntity): PackageFields {
  return {
    name: p.name,
    departmentId: p.departmentId,
    description: p.description,
    industries: p.industries,
    scales: p.scales,
    districts: p.districts,
    qualifications: p.qualifications,
    materials: p.materials,
    timeLimitDays: p.timeLimitDays,
    active: p.active,
  };
}

/** The fields after a PATCH: what it names replaces, the rest stays. */
export function patchedFields(current: PackageFields, dto: UpdateServicePackageDto): PackageFields {
  return {
    name: dto.name !== undefined ? dto.name.trim() : current.name,
    departmentId: dto.departmentId ?? current.departmentId,
    description: dto.description !== undefined ? dto.description.trim() : current.description,
    industries: dto.industries !== undefined ? trimAll(dto.industries) : current.industries,
    scales: dto.scales ?? current.scales,
    districts: dto.districts !== undefined ? trimAll(dto.districts) : current.districts,
    qualifications: dto.qualifications !== undefined ? trimAll(dto.qualifications) : current.qualifications,
    materials: dto.materials !== undefined ? trimAll(dto.materials) : current.materials,
    timeLimitDays: dto.timeLimitDays ?? current.timeLimitDays,
    active: dto.active ?? current.active,
  };
}

/** Each changed field's before and after, for the audit row. */
export function changedFields(before: PackageFields, after: PackageFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof PackageFields>) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    out[key] = key === 'description' ? { changed: true } : { before: before[key], after: after[key] };
  }
  return out;
}

/** The workbench's 惠企服务 (admins only): list, read, create, edit, retire and re-activate. Every change audited. */
@Injectable()
export class AdminServicePackagesService {
  constructor(
    private readonly packages: ServicePackagesRepository,
    private readonly publicSide: ServicePackagesService,
    private readonly departments: DepartmentsService,
    private readonly dictionaries: DictionariesService,
    private readonly changes: Changes,
  ) {}

  /** `GET /admin/service-packages`: retired ones too, the latest change first. */
  async list(query: AdminServicePackageQueryDto): Promise<Page<ServicePackageItem>> {
    const limit = Math.min(pageLimit(query.limit), SERVICE_PACKAGE_PAGE_MAX);
    const rows = await this.packages.listForAdmin(
      query.status ?? 'all',
      readCursor(query.cursor, ADMIN_PACKAGE_ORDER),
      limit,
    );
    return this.publicSide.page(rows, limit, (p) => ({ k: p.updatedAt.toISOString(), id: p.id }));
  }

  /** `GET /admin/service-packages/:id`: any package (the editor). */
  async detail(id: string): Promise<ServicePackageDetail> {
    const p = await this.packages.findById(id);
    if (!p) throw notFound();
    const figures = await this.packages.figures([id]);
    return toServicePackageDetail(p, figures.get(id) ?? NO_PACKAGE_FIGURES, null);
  }

  /** `POST /admin/service-packages`. */
  async create(actor: Actor, dto: ServicePackageInputDto, meta: RequestMeta): Promise<ServicePackageDetail> {
    const fields = toPackageFields(dto);
    const id = await this.changes.run({ actor, meta }, async (change) => {
      await this.checkFields(fields, null, change.manager);
      const id = await this.packages.insert(fields, actor.id, change.manager);
      await change.audit(
        AuditAction.SERVICE_PACKAGE_CREATED,
        { type: SERVICE_PACKAGE_TARGET, id },
        { fields: { ...fields, description: { chars: fields.description.length } } },
      );
      return id;
    });
    return this.detail(id);
  }

  /** `PATCH /admin/service-packages/:id`: `active: true` re-activates a retired package. Nothing changed: no row. */
  async update(
    actor: Actor,
    id: string,
    dto: UpdateServicePackageDto,
    meta: RequestMeta,
  ): Promise<ServicePackageDetail> {
    await this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const current = await this.packages.findForUpdate(id, m);
      if (!current) throw notFound();
      const before = fieldsOf(current);
      const after = patchedFields(before, dto);
      const changed = changedFields(before, after);
      if (Object.keys(changed).length === 0) return;
      await this.checkFields(after, current, m);
      await this.packages.update(id, after, m);
      await change.audit(AuditAction.SERVICE_PACKAGE_UPDATED, { type: SERVICE_PACKAGE_TARGET, id }, { changed });
    });
    return this.detail(id);
  }

  /** `POST /admin/service-packages/:id/retire`: off the catalogue (its cases go on); retiring twice changes nothing. */
  async retire(actor: Actor, id: string, meta: RequestMeta): Promise<ServicePackageDetail> {
    await this.changes.run({ actor, meta }, async (change) => {
      const current = await this.packages.findForUpdate(id, change.manager);
      if (!current) throw notFound();
      if (!current.active) return;
      await this.packages.update(id, { active: false }, change.manager);
      await change.audit(
        AuditAction.SERVICE_PACKAGE_RETIRED,
        { type: SERVICE_PACKAGE_TARGET, id },
        { name: current.name },
      );
    });
    return this.detail(id);
  }

  /**
   * The checks before a package's fields are stored: a name of its own, a department that exists, and every list
   * value it adds an active entry of its dictionary (values it already holds stay). Problems thrown together (400).
   */
  private async checkFields(fields: PackageFields, current: ServicePackageEntity | null, m: EntityManager) {
    const errors: ErrorDetail[] = [];
    if (await this.packages.isNameTakenByOther(fields.name, current?.id ?? null, m)) {
      errors.push({ field: 'name', message: PACKAGE_NAME_TAKEN_MESSAGE });
    }
    if (fields.departmentId !== current?.departmentId && !(await this.departments.findById(fields.departmentId, m))) {
      errors.push({ field: 'departmentId', message: DEPARTMENT_UNKNOWN_MESSAGE });
    }
    const checks: DictionaryCheck[] = DICTIONARY_FIELDS.map(({ field, kind }) => {
      const held = new Set<string>(current ? current[field] : []);
      return { field, kind, values: fields[field].filter((v) => !held.has(v)) };
    });
    errors.push(...(await this.dictionaries.unknownValues(checks, m)));
    if (errors.length > 0) throw new AppException('VALIDATION_FAILED', errors, undefined, errors[0].message);
  }
}
