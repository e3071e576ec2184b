import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditAction } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { type AuditEntry, AuditService } from './audit.service';

/** Who makes a change, and from where: every audit row of the change carries it. */
export interface ChangeAuthor {
  actor: Pick<Actor, 'id' | 'role'> | null;
  meta?: RequestMeta;
}

/** What an audit row is about. */
export interface AuditTarget {
  type: string;
  id: string;
}

/**
 * One change in progress: its transaction (`manager`, for repositories and `NotificationService.notify`)
 * and `audit()`, which writes an audit row in the same transaction with the author filled in.
 */
export class Change {
  constructor(
    readonly manager: EntityManager,
    private readonly author: ChangeAuthor,
    private readonly auditService: AuditService,
  ) {}

  audit(
    action: AuditAction,
    target: AuditTarget | null,
    details?: Record<string, unknown>,
    outcome?: AuditEntry['outcome'],
  ): Promise<void> {
    return this.auditService.record(
      {
        action,
        actor: this.author.actor,
        targetType: target?.type,
        targetId: target?.id,
        ip: this.author.meta?.ip ?? null,
        requestId: this.author.meta?.requestId ?? null,
        details,
        outcome,
      },
      this.manager,
    );
  }
}

/**
 * Runs a change, its audit rows and its notifications in one transaction: all commit or none do.
 *
 * ```ts
 * return this.changes.run({ actor, meta }, async (change) => {
 *   await this.repo.update(id, patch, change.manager);
 *   await change.audit(AuditAction.X, { type: 'enterprise', id }, { before, after });
 *   await this.notifications.notify(change.manager, { … });
 * });
 * ```
 */
@Injectable()
export class Changes {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * In a request with an `Idempotency-Key` this transaction is a savepoint of the request's own, which
   * also stores the answer: the change and its answer commit together (ADR 008).
   */
  run<T>(author: ChangeAuthor, work: (change: Change) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new Change(manager, author, this.audit)));
  }
}
