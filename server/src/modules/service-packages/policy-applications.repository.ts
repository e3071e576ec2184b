import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import type { Cursor } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { CaseEntity } from '../cases/case.entity';
import { PolicyEntity } from '../policies/policy.entity';

/** 我的申报: the latest application first, an enterprise's own only. */
export const POLICY_APPLICATION_ORDER: KeysetOrder = {
  table: 'cases',
  alias: 'c',
  keys: [(a) => `${a}.created_at`],
  direction: 'DESC',
  idType: 'uuid',
  anchorScope: (a) => `${a}.enterprise_id = :enterpriseId`,
};

/** The reads of 一键申报: the policy applied for, and an enterprise's applications (its `service` cases of a policy). */
@Injectable()
export class PolicyApplicationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findPolicy(id: string): Promise<PolicyEntity | null> {
    return this.dataSource.manager.getRepository(PolicyEntity).findOne({ where: { id } });
  }

  /** The enterprise's `service` cases opened from a policy (a consultation about a policy is not one). */
  listOfEnterprise(enterpriseId: string, after: Cursor | undefined, limit: number): Promise<CaseEntity[]> {
    const qb = this.dataSource.manager
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .select(['c.id', 'c.number', 'c.state', 'c.policyId', 'c.createdAt', 'c.resolveDueAt'])
      .where('c.enterprise_id = :enterpriseId', { enterpriseId })
      .andWhere("c.type = 'service'")
      .andWhere('c.policy_id IS NOT NULL');
    return keyset(qb, POLICY_APPLICATION_ORDER, after, limit).getMany();
  }

  async policiesByIds(ids: string[]): Promise<Map<string, PolicyEntity>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.manager.getRepository(PolicyEntity).find({
      where: { id: In(ids) },
      select: { id: true, title: true, docNumber: true },
    });
    return new Map(rows.map((p) => [p.id, p]));
  }
}
