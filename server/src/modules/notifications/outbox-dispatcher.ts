import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type Job, Queue, Worker } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { type DeliveryOutcome, OutboxDelivery } from './outbox-delivery';
import { OUTBOX_MAX_ATTEMPTS } from './outbox-policy';
import { type ClaimedMessage, OutboxRepository } from './outbox.repository';

export const OUTBOX_QUEUE = 'notification-outbox';
/** Due messages handed to the queue per sweep. */
const FEED_BATCH = 100;
/** Finished outbox rows are kept this long, then deleted (their data is a copy of what the user was told). */
const KEEP_FINISHED_DAYS = 30;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** How one process drains the outbox. */
interface Engine {
  start(): void;
  /** Messages just committed: send them now rather than at the next sweep. Best effort. */
  nudge(ids: string[]): void;
  stop(): Promise<void>;
}

/**
 * Sends what the outbox holds. The database is the only source of truth: a message is sent when a
 * worker *claims* its row (pending and due, or its previous worker's lease ran out), so a nudge, a
 * sweep and a queue job may all point at one message and it is still sent once.
 *
 * - Without REDIS_URL: an in-process loop claims due rows in batches and sends them.
 * - With REDIS_URL: due row ids become BullMQ jobs (jobId = outbox id, so duplicates are dropped);
 *   a BullMQ Worker claims each row, sends it, and retries with the database's backoff.
 *
 * NOTIFICATION_WORKER=off: this process sends nothing (with Redis it still queues what it commits).
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private engine: Engine | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
    private readonly delivery: OutboxDelivery,
  ) {}

  onApplicationBootstrap(): void {
    const workerOn = this.config.NOTIFICATION_WORKER === 'on';
    if (this.config.REDIS_URL) {
      this.engine = new QueueEngine(this.config, this.outbox, this.delivery, workerOn, this.logger);
    } else if (workerOn) {
      this.engine = new LoopEngine(this.config, this.outbox, this.delivery, this.logger);
    }
    this.engine?.start();
    this.logger.log(
      { mode: this.config.REDIS_URL ? 'bullmq' : 'in-process', worker: this.config.NOTIFICATION_WORKER },
      'Notification outbox ready',
    );
  }

  nudge(ids: string[]): void {
    this.engine?.nudge(ids);
  }

  /** Before the database and Redis connections close: finish the sends in flight, start no new one. */
  async beforeApplicationShutdown(): Promise<void> {
    const engine = this.engine;
    this.engine = null;
    await engine?.stop();
  }
}

/** The in-process worker: claims due rows in batches of NOTIFICATION_CONCURRENCY and sends them. */
class LoopEngine implements Engine {
  private poller: NodeJS.Timeout | null = null;
  private readonly wakeups = new Set<NodeJS.Timeout>();
  private draining: Promise<void> | null = null;
  private pruning: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private lastPrune = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
    private readonly delivery: OutboxDelivery,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.poller = setInterval(() => this.sweep(), this.config.NOTIFICATION_POLL_MS);
    this.poller.unref();
    this.sweep();
  }

  nudge(): void {
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poller) clearInterval(this.poller);
    for (const t of this.wakeups) clearTimeout(t);
    this.wakeups.clear();
    await Promise.all([this.draining, this.pruning]);
  }

  private sweep(): void {
    this.kick();
    if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = Date.now();
      this.pruning = this.outbox
        .pruneFinished(KEEP_FINISHED_DAYS)
        .catch((e: Error) => this.logger.warn({ reason: e.message }, 'Outbox prune failed'))
        .finally(() => (this.pruning = null));
    }
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => (this.draining = null));
  }

  private async drain(): Promise<void> {
    const batch = this.config.NOTIFICATION_CONCURRENCY;
    do {
      this.again = false;
      try {
        const claimed = await this.outbox.claimDue(batch, this.config.NOTIFICATION_LEASE_MS);
        const outcomes = await Promise.all(claimed.map((m) => this.deliverSafely(m)));
        for (const o of outcomes) if (o?.status === 'retry') this.wakeAfter(o.delayMs);
        if (claimed.length === batch) this.again = true;
      } catch (e) {
        // The database is unreachable: the next sweep tries again. Nothing is lost — rows stay as they were.
        this.logger.warn({ reason: (e as Error).message }, 'Outbox sweep failed');
        return;
      }
    } while (this.again && !this.stopped);
  }

  private async deliverSafely(m: ClaimedMessage): Promise<DeliveryOutcome | null> {
    try {
      return await this.delivery.deliver(m);
    } catch (e) {
      this.logger.warn({ outboxId: m.id, reason: (e as Error).message }, 'Outbox delivery interrupted');
      return null;
    }
  }

  /** A retry is due before the next sweep would notice it. */
  private wakeAfter(delayMs: number): void {
    if (this.stopped || delayMs >= this.config.NOTIFICATION_POLL_MS) return;
    const timer = setTimeout(() => {
      this.wakeups.delete(timer);
      this.kick();
    }, delayMs + 10);
    timer.unref();
    this.wakeups.add(timer);
  }
}

/** Thrown from a job to have BullMQ run it again after the delay the database recorded. */
class RetryLater extends Error {
  constructor(readonly delayMs: number) {
    super(`retry in ${delayMs} ms`);
    this.name = 'RetryLater';
  }
}

interface OutboxJob {
  id: string;
}

/** How long a stop waits for the queue's sends in flight, in all (`QueueEngine.stop`). */
export const STOP_WAIT_MS = 3_000;

/** True when the promise settled (either way) within `ms`; a rejection is not this function's business. */
async function settlesWithin(promise: Promise<unknown> | undefined, ms: number): Promise<boolean> {
  if (!promise) return true;
  let timer: NodeJS.Timeout | undefined;
  const settled = promise.then(
    () => true,
    () => true,
  );
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** BullMQ: a sweep (and every commit) queues due row ids; a Worker claims and sends each. */
class QueueEngine implements Engine {
  private queue: Queue<OutboxJob> | null = null;
  private worker: Worker<OutboxJob> | null = null;
  private poller: NodeJS.Timeout | null = null;
  private feeding: Promise<void> | null = null;
  private lastPrune = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
    private readonly delivery: OutboxDelivery,
    private readonly workerOn: boolean,
    private readonly logger: Logger,
  ) {}

  start(): void {
    const connection = { url: this.config.REDIS_URL };
    const prefix = `${this.config.REDIS_KEY_PREFIX}:bull`;
    this.queue = new Queue<OutboxJob>(OUTBOX_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: {
        // The database decides when a message is done; BullMQ's own attempts only pace the retries.
        attempts: OUTBOX_MAX_ATTEMPTS,
        backoff: { type: 'outbox' },
        removeOnComplete: true,
        removeOnFail: true,
      },
    });
    this.queue.on('error', (e: Error) => this.logger.warn({ reason: e.message }, 'Outbox queue problem'));
    if (!this.workerOn) return;
    this.worker = new Worker<OutboxJob>(OUTBOX_QUEUE, (job) => this.process(job), {
      connection,
      prefix,
      concurrency: this.config.NOTIFICATION_CONCURRENCY,
      settings: {
        backoffStrategy: (_attempts, _type, err) =>
          // A little after the database says it is due, so the claim finds it due.
          err instanceof RetryLater ? err.delayMs + 50 : this.config.NOTIFICATION_RETRY_BASE_MS,
      },
    });
    this.worker.on('error', (e: Error) => this.logger.warn({ reason: e.message }, 'Outbox worker problem'));
    this.poller = setInterval(() => this.sweep(), this.config.NOTIFICATION_POLL_MS);
    this.poller.unref();
    this.sweep();
  }

  nudge(ids: string[]): void {
    void this.enqueue(ids).catch((e: Error) =>
      this.logger.warn({ reason: e.message }, 'Could not queue notifications now; the next sweep will'),
    );
  }

  /**
   * Waits for the sends in flight, but never longer than STOP_WAIT_MS in all: BullMQ's close() does not
   * return while Redis is unreachable, and a process told to stop must stop. A send cut short is not lost:
   * its row stays leased in the outbox and the next sweep of any process sends it when the lease ends.
   */
  async stop(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    const steps: Array<[string, () => Promise<unknown> | undefined]> = [
      ['queueing', () => this.feeding ?? undefined],
      ['worker', () => this.worker?.close()],
      ['queue', () => this.queue?.close()],
    ];
    const deadline = Date.now() + STOP_WAIT_MS;
    for (const [name, step] of steps) {
      if (!(await settlesWithin(step(), Math.max(deadline - Date.now(), 0)))) {
        this.logger.error(
          { step: name, waitedMs: STOP_WAIT_MS },
          'Outbox queue did not stop in time (is Redis reachable?); stopping without it — unsent messages stay in the outbox',
        );
      }
    }
    this.worker = null;
    this.queue = null;
  }

  private async enqueue(ids: string[]): Promise<void> {
    if (!this.queue || ids.length === 0) return;
    await this.queue.addBulk(ids.map((id) => ({ name: 'send', data: { id }, opts: { jobId: `outbox-${id}` } })));
  }

  private sweep(): void {
    if (this.feeding) return;
    this.feeding = this.feed()
      .catch((e: Error) => this.logger.warn({ reason: e.message }, 'Outbox sweep failed'))
      .finally(() => (this.feeding = null));
  }

  private async feed(): Promise<void> {
    await this.enqueue(await this.outbox.findDueIds(FEED_BATCH));
    if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = Date.now();
      await this.outbox.pruneFinished(KEEP_FINISHED_DAYS);
    }
  }

  private async process(job: Job<OutboxJob>): Promise<DeliveryOutcome['status'] | 'not_due'> {
    const claimed = await this.outbox.claimOne(job.data.id, this.config.NOTIFICATION_LEASE_MS);
    if (!claimed) return 'not_due';
    const outcome = await this.delivery.deliver(claimed);
    if (outcome.status === 'retry') throw new RetryLater(outcome.delayMs);
    return outcome.status;
  }
}
