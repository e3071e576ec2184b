import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EnterpriseScale } from '@qsgj/shared/enums';
import { EnterpriseEntity } from './enterprise.entity';

/** The fields of 一企一档 that matching reads, as stored on the enterprise row. */
export interface ProfileFields {
  industry: string | null;
  scale: EnterpriseScale | null;
  district: string | null;
  qualifications: string[];
  foundedOn: string | null;
}

/** The enterprise row's profile fields (一企一档); the rest of the row is EnterprisesRepository's. */
@Injectable()
export class EnterpriseProfileRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(EnterpriseEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<EnterpriseEntity | null> {
    return this.repo(manager).findOne({ where: { id } });
  }

  async update(id: string, patch: Partial<ProfileFields>, manager: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, patch);
  }
}
