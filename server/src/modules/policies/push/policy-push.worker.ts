import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { shanghaiDay } from '@qsgj/shared/rules';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { NotificationTemplates } from '../../notifications/notification-templates';
import { sendAfterCommit } from '../../notifications/transaction-hooks';
import { PolicyEntity } from '../policy.entity';
import { type ClaimedPush, PolicyPushRepository, type PushMessage } from './policy-push.repository';
import { pushMessage } from './push-message';

/**
 * Users per batch transaction: one statement writes their deliveries, inbox rows, credits and outbox rows
 * (≈ 100 ms per 1,000 on PostgreSQL). Larger batches spend less on round trips; each holds its users' grant rows
 * locked for the length of one batch.
 */
export const PUSH_BATCH = 2000;

const WAKE = 'qsgj.policyPush';

/**
 * Fans pushes out (docs/notifications.md, 「政策推送」). Every process with NOTIFICATION_WORKER=on runs this
 * loop: it claims a push (queued, or running under a lease that ran out — its worker died) with
 * `FOR UPDATE SKIP LOCKED`, then walks the audience by keyset over `users.id`, PUSH_BATCH users per
 * transaction. Each batch locks the push row under its lease (the fence: a worker whose lease was taken over
 * writes nothing), writes deliveries — whose primary key (policy, user) refuses a second delivery — inbox and
 * outbox rows, and advances cursor and counters, all or nothing. A crash loses at most the batch in flight,
 * which the next worker redoes. The WeChat messages go through the notification outbox (BullMQ with Redis).
 *
 * A commit that queued a push wakes this process's loop; the poll (NOTIFICATION_POLL_MS) picks up the rest.
 */
@Injectable()
export class PolicyPushWorker implements OnApplicationBootstrap, BeforeApplicationShutdown, EntitySubscriberInterface {
  private readonly logger = new Logger('PolicyPush');
  private poller: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** Started (the application does when NOTIFICATION_WORKER=on): a process that is not never fans out. */
  private started = false;
  private stopped = false;
  private current: ClaimedPush | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: PolicyPushRepository,
    private readonly templates: NotificationTemplates,
  ) {
    dataSource.subscribers.push(this);
  }

  onApplicationBootstrap(): void {
    if (this.config.NOTIFICATION_WORKER !== 'on') return;
    this.start();
  }

  /** Starts the loop (the application does at bootstrap; a test may start a worker of its own). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.poller = setInterval(() => void this.kick(), this.config.NOTIFICATION_POLL_MS);
    this.poller.unref();
    void this.kick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Finishes the batch in flight and hands the push over to the next worker at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    await this.running;
  }

  /**
   * A push was queued in the caller's transaction: look for work once it commits (at once when there is no
   * transaction).
   */
  wakeAfterCommit(manager: EntityManager): void {
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) (runner.data as Record<string, unknown>)[WAKE] = this;
    else void this.kick();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (event.queryRunner.isTransactionActive) return;
    const data = event.queryRunner.data as Record<string, unknown>;
    if (data[WAKE] !== this) return;
    delete data[WAKE];
    void this.kick();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (event.queryRunner.isTransactionActive) return;
    const data = event.queryRunner.data as Record<string, unknown>;
    if (data[WAKE] === this) delete data[WAKE];
  }

  /** Looks for work now (best effort: the poll looks anyway). Resolves when this round is over. */
  kick(): Promise<void> {
    if (!this.started || this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => (this.running = null));
    return this.running;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        for (let push = await this.claim(); push && !this.stopped; push = await this.claim()) {
          this.current = push;
          await this.fanOut(push);
          this.current = null;
        }
      } catch (e) {
        // The database is unreachable, or a batch failed: the push keeps its lease and is taken again
        // (here or by another process) once the lease runs out. Nothing is half-written.
        const push = this.current;
        this.current = null;
        this.logger.warn({ pushId: push?.id, reason: (e as Error).message }, 'Policy push interrupted; it resumes');
        return;
      }
    } while (this.again && !this.stopped);
  }

  private claim(): Promise<ClaimedPush | null> {
    return this.repo.claim(this.config.NOTIFICATION_LEASE_MS);
  }

  private async fanOut(push: ClaimedPush): Promise<void> {
    const policy = await this.dataSource.getRepository(PolicyEntity).findOne({
      select: { id: true, title: true, issuer: true, summary: true, publishedAt: true },
      where: { id: push.policyId },
    });
    if (!policy) return; // Deleted since: its push went with it (cascade).
    const message = pushMessage(policy, this.templates);
    this.logger.log({ pushId: push.id, policyId: push.policyId, attempt: push.attempts }, 'Policy push running');
    // On PostgreSQL the run keeps one connection of the pool: its batches never queue behind the outbox's sends
    // for one. PGlite is one connection, lent to one query runner at a time: there, each batch takes it and gives
    // it back, so requests are served between batches.
    const dedicated = Boolean(this.config.DATABASE_URL);
    let held: QueryRunner | null = dedicated ? this.dataSource.createQueryRunner() : null;
    try {
      for (;;) {
        if (this.stopped) {
          await this.repo.release(push);
          return;
        }
        const runner = held ?? this.dataSource.createQueryRunner();
        let step: 'lost' | 'done' | 'more';
        try {
          step = await this.batch(runner, push, message);
        } finally {
          if (!held) await runner.release();
        }
        if (step === 'lost') {
          this.logger.warn({ pushId: push.id }, 'Policy push taken over by another worker');
          return;
        }
        if (step === 'done') {
          const row = await this.repo.progress(push.id);
          this.logger.log(
            { pushId: push.id, targeted: row?.targeted, notGranted: row?.not_granted },
            'Policy push done',
          );
          return;
        }
      }
    } finally {
      await held?.release();
      held = null;
    }
  }

  /** One batch, in one transaction on the runner: all of it or nothing. */
  private async batch(runner: QueryRunner, push: ClaimedPush, message: PushMessage): Promise<'lost' | 'done' | 'more'> {
    const m = runner.manager;
    await runner.startTransaction();
    try {
      const locked = await this.repo.lockForBatch(m, push);
      if (!locked) {
        await runner.rollbackTransaction();
        return 'lost';
      }
      const batch = await this.repo.fanOutBatch(m, push, shanghaiDay(new Date()), locked.cursor, PUSH_BATCH, message);
      const done = batch.walked < PUSH_BATCH;
      const step = {
        cursor: batch.lastId,
        delivered: batch.delivered,
        inbox: batch.inbox,
        notGranted: batch.delivered - batch.outboxIds.length,
        done,
      };
      if (!(await this.repo.advance(m, push, step, this.config.NOTIFICATION_LEASE_MS))) {
        throw new Error('policy push lease lost mid-batch');
      }
      for (const id of batch.outboxIds) sendAfterCommit(m, id);
      await runner.commitTransaction();
      return done ? 'done' : 'more';
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw e;
    }
  }
}
