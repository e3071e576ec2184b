import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';

/** Reads for a user's data export that belong to no other feature's repository. */
@Injectable()
export class PrivacyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every audit row the user is the actor of, oldest first. */
  auditRowsOfActor(userId: string): Promise<AuditLogEntity[]> {
    return this.dataSource.getRepository(AuditLogEntity).find({ where: { actorId: userId }, order: { id: 'ASC' } });
  }
}
