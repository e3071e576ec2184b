import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Cursor } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { SATISFIED_MIN_LEVEL } from '../stats/ledger';
import { ServicePackageEntity } from './service-package.entity';
import { SERVICE_PACKAGES_SQL } from './service-packages.sql';

/** The catalogue: in the order admins added the packages. */
export const PACKAGE_ORDER: KeysetOrder = {
  table: 'service_packages',
  alias: 'p',
  keys: [(a) => `${a}.created_at`],
  direction: 'ASC',
  idType: 'uuid',
};

/** The admin's list: the latest change first. */
export const ADMIN_PACKAGE_ORDER: KeysetOrder = {
  table: 'service_packages',
  alias: 'p',
  keys: [(a) => `${a}.updated_at`],
  direction: 'DESC',
  idType: 'uuid',
};

/** What an admin writes of a package. */
export type PackageFields = Pick<
  ServicePackageEntity,
  | 'name'
  | 'departmentId'
  | 'description'
  | 'industries'
  | 'scales'
  | 'districts'
  | 'qualifications'
  | 'materials'
  | 'timeLimitDays'
  | 'active'
>;

/** A package's figures from its cases. */
export interface PackageFigures {
  applications: number;
  rated: number;
  satisfied: number;
}

export const NO_PACKAGE_FIGURES: PackageFigures = { applications: 0, rated: 0, satisfied: 0 };

@Injectable()
export class ServicePackagesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ServicePackageEntity);
  }

  private withProvider(manager?: EntityManager) {
    return this.repo(manager).createQueryBuilder('p').innerJoinAndSelect('p.department', 'd');
  }

  /** Active packages (of one provider when asked), in catalogue order. */
  listActive(departmentId: string | undefined, after: Cursor | undefined, limit: number) {
    const qb = this.withProvider().where('p.active = true');
    if (departmentId) qb.andWhere('p.department_id = :departmentId', { departmentId });
    return keyset(qb, PACKAGE_ORDER, after, limit).getMany();
  }

  /** Every package (or only the active or retired ones), the latest change first. */
  listForAdmin(status: 'all' | 'active' | 'retired', after: Cursor | undefined, limit: number) {
    const qb = this.withProvider();
    if (status !== 'all') qb.where('p.active = :active', { active: status === 'active' });
    return keyset(qb, ADMIN_PACKAGE_ORDER, after, limit).getMany();
  }

  findById(id: string, manager?: EntityManager): Promise<ServicePackageEntity | null> {
    return this.withProvider(manager).where('p.id = :id', { id }).getOne();
  }

  /** Reads the package and locks its row until the transaction ends (admin writes queue). */
  findForUpdate(id: string, manager: EntityManager): Promise<ServicePackageEntity | null> {
    return this.repo(manager).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
  }

  async isNameTakenByOther(name: string, id: string | null, manager: EntityManager): Promise<boolean> {
    const other = await this.repo(manager).findOne({ where: { name }, select: { id: true } });
    return other !== null && other.id !== id;
  }

  async insert(fields: PackageFields, createdBy: string | null, manager: EntityManager): Promise<string> {
    const result = await this.repo(manager).insert({ ...fields, createdBy });
    return (result.identifiers[0] as { id: string }).id;
  }

  async update(id: string, fields: Partial<PackageFields>, manager: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, fields);
  }

  /** The applications and ratings of these packages in one statement (as the ledger counts them). */
  async figures(ids: string[]): Promise<Map<string, PackageFigures>> {
    const result = new Map<string, PackageFigures>();
    if (ids.length === 0) return result;
    const rows = (await this.dataSource.query(SERVICE_PACKAGES_SQL.figures.text, [ids, SATISFIED_MIN_LEVEL])) as Array<{
      service_package_id: string;
      applications: number;
      rated: number;
      satisfied: number;
    }>;
    for (const r of rows) {
      result.set(r.service_package_id, {
        applications: Number(r.applications),
        rated: Number(r.rated),
        satisfied: Number(r.satisfied),
      });
    }
    return result;
  }
}
