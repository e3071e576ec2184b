import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { OutboxDispatcher } from './outbox-dispatcher';

const OUTBOX_IDS = 'qsgj.outboxIds';

/** Notes, on the caller's transaction, an outbox row to send once that transaction commits. */
export function sendAfterCommit(manager: EntityManager, outboxId: string): void {
  const data = manager.queryRunner?.data as Record<string, string[] | undefined> | undefined;
  if (data) (data[OUTBOX_IDS] ??= []).push(outboxId);
}

function takeOutboxIds(runner: QueryRunner): string[] {
  const data = runner.data as Record<string, string[] | undefined>;
  const ids = data[OUTBOX_IDS] ?? [];
  delete data[OUTBOX_IDS];
  return ids;
}

/**
 * TypeORM transaction events, for the whole DataSource: after a commit that wrote outbox rows, nudge
 * the dispatcher (best effort: the sweep finds them anyway). Savepoints (nested transactions) are ignored: only the outermost commit or rollback counts.
 */
@Injectable()
export class TransactionHooks implements EntitySubscriberInterface {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly dispatcher: OutboxDispatcher,
  ) {
    dataSource.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    if (runner.isTransactionActive) return;
    const ids = takeOutboxIds(runner);
    if (ids.length) this.dispatcher.nudge(ids);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const runner = event.queryRunner;
    if (runner.isTransactionActive) return;
    takeOutboxIds(runner);
  }
}
