import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditAction } from '@qsgj/shared/enums';
import type { Actor } from '../auth/actor';
import { AuditLogEntity } from './audit-log.entity';

export interface AuditEntry {
  action: AuditAction;
  actor?: Pick<Actor, 'id' | 'role'> | null;
  outcome?: 'success' | 'failure' | 'denied';
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

/** Writes audit rows. Pass the transaction's manager so the row commits with the change it records. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const repo = (manager ?? this.dataSource.manager).getRepository(AuditLogEntity);
    await repo.insert({
      action: entry.action,
      actorId: entry.actor?.id ?? null,
      actorRole: entry.actor?.role ?? null,
      outcome: entry.outcome ?? 'success',
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      ip: entry.ip ?? null,
      requestId: entry.requestId ?? null,
      details: (entry.details ?? null) as never,
    });
  }
}
