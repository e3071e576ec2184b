import type { TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { OutboxDelivery } from '../../src/modules/notifications/outbox-delivery';
import { OutboxDispatcher } from '../../src/modules/notifications/outbox-dispatcher';
import { OUTBOX_MAX_ATTEMPTS } from '../../src/modules/notifications/outbox-policy';
import { type ClaimedMessage, OutboxRepository } from '../../src/modules/notifications/outbox.repository';
import { WechatClient } from '../../src/modules/wechat/wechat.client';
import { WECHAT_ERR, WechatError } from '../../src/modules/wechat/wechat.errors';
import {
  creditsOf,
  deleteAllMessages,
  expireLease,
  grantCredits,
  makeDue,
  newEnterpriseUser,
  outboxRow,
  queueMessages,
} from './factories';
import { type MediumDatabase, mediumDatabase, mediumModule, onPostgres, SETUP_TIMEOUT_MS } from './medium';

const LEASE_MS = 60_000;
/** Large enough that 1×, 2×, 4× and 8× the base cannot be mistaken for each other across a few ms of test time. */
const RETRY_BASE_MS = 60_000;

/** The promise's value, or a failure naming `what` after `ms`. */
async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} (over ${ms} ms)`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const busy = () => new WechatError(WECHAT_ERR.SYSTEM_BUSY, 'system busy', '/cgi-bin/message/subscribe/send');

/**
 * The outbox worker's rules on a real database: what a claim takes, the lease and its fence, and
 * the retry schedule with its end — the statements of OutboxRepository with OutboxDelivery deciding,
 * WeChat faked. (The e2e outbox suite proves the same promise end to end across restarts.)
 */
describe('outbox (medium)', () => {
  let db: MediumDatabase;
  let ds: DataSource;
  let module: TestingModule;
  let outbox: OutboxRepository;
  let delivery: OutboxDelivery;
  const wechat = { sendSubscribeMessage: jest.fn<Promise<void>, [unknown]>() };
  let user: string;

  beforeAll(async () => {
    db = await mediumDatabase();
    ds = db.ds;
    module = await mediumModule(db, {
      real: [OutboxRepository, OutboxDelivery, OutboxDispatcher],
      fake: [{ provide: WechatClient, useValue: wechat }],
      env: { NOTIFICATION_RETRY_BASE_MS: String(RETRY_BASE_MS), NOTIFICATION_LEASE_MS: String(LEASE_MS) },
    });
    outbox = module.get(OutboxRepository);
    delivery = module.get(OutboxDelivery);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await module?.close();
    await db?.close();
  });

  beforeEach(async () => {
    await deleteAllMessages(ds);
    wechat.sendSubscribeMessage.mockReset().mockResolvedValue(undefined);
    user = await newEnterpriseUser(ds);
  });

  const ids = (ms: ClaimedMessage[]) => ms.map((m) => m.id);

  describe('claiming', () => {
    it('takes due messages oldest first, at most the limit, each once while its lease runs', async () => {
      const queued = await queueMessages(ds, user, 5);
      const first = await outbox.claimDue(2, LEASE_MS);
      expect(ids(first)).toEqual(queued.slice(0, 2));
      expect(first.map((m) => m.attempts)).toEqual([1, 1]);
      const rest = await outbox.claimDue(10, LEASE_MS);
      expect(ids(rest)).toEqual(queued.slice(2));
      // Everything is leased now: nothing more to take, by batch or by id, and nothing listed as due.
      expect(await outbox.claimDue(10, LEASE_MS)).toEqual([]);
      expect(await outbox.claimOne(queued[0], LEASE_MS)).toBeNull();
      expect(await outbox.findDueIds(10)).toEqual([]);
    });

    it('a message waiting for its retry is not due before next_attempt_at, and is at it', async () => {
      const [id] = await queueMessages(ds, user, 1);
      await ds.query(`UPDATE notification_outbox SET next_attempt_at = now() + interval '1 second' WHERE id = $1`, [
        id,
      ]);
      expect(await outbox.findDueIds(10)).toEqual([]);
      expect(await outbox.claimDue(10, LEASE_MS)).toEqual([]);
      expect(await outbox.claimOne(id, LEASE_MS)).toBeNull();
      await makeDue(ds, id);
      expect(await outbox.findDueIds(10)).toEqual([id]);
      expect((await outbox.claimOne(id, LEASE_MS))?.attempts).toBe(1);
    });

    it('reads the openid at claim time: a user who deleted the account is not messaged (skipped)', async () => {
      const gone = await newEnterpriseUser(ds);
      const [id] = await queueMessages(ds, gone, 1);
      await ds.query(`UPDATE users SET openid = NULL, deleted_at = now() WHERE id = $1`, [gone]);
      const [m] = await outbox.claimDue(1, LEASE_MS);
      expect(m.openid).toBeNull();
      expect(await delivery.deliver(m)).toEqual({ status: 'skipped' });
      expect(wechat.sendSubscribeMessage).not.toHaveBeenCalled();
      expect(await outboxRow(ds, id)).toMatchObject({ status: 'skipped', last_error: 'no_openid', locked: false });
    });
  });

  describe('the lease and its fence', () => {
    it('a lease that ran out hands the message to the next worker; the first worker can no longer write it', async () => {
      const [id] = await queueMessages(ds, user, 1);
      const [byDeadWorker] = await outbox.claimDue(1, LEASE_MS);
      // Not before the lease runs out …
      expect(await outbox.claimOne(id, LEASE_MS)).toBeNull();
      await expireLease(ds, id);
      // … then the next worker takes it, as a new attempt.
      const [byNext] = await outbox.claimDue(1, LEASE_MS);
      expect(byNext).toMatchObject({ id, attempts: 2 });
      // The first worker wakes up: every write of its outcome is refused.
      expect(await outbox.markSent(byDeadWorker)).toBe(false);
      expect(await outbox.markRetry(byDeadWorker, 1000, 'late')).toBe(false);
      expect(await outbox.markFailed(byDeadWorker, 'late')).toBe(false);
      expect(await outbox.markRefused(byDeadWorker, 'late')).toBe(false);
      expect(await outbox.markSkipped(byDeadWorker, 'late')).toBe(false);
      expect(await outboxRow(ds, id)).toMatchObject({ status: 'sending', attempts: 2, last_error: null });
      // The owner's write lands.
      expect(await delivery.deliver(byNext)).toEqual({ status: 'sent' });
      expect(await outboxRow(ds, id)).toMatchObject({ status: 'sent', sent: true, locked: false });
      expect(wechat.sendSubscribeMessage).toHaveBeenCalledTimes(1);
    });

    it('a claim writes its outcome once: after it is written, a second write of the same claim is refused', async () => {
      await grantCredits(ds, user, 0);
      const [id] = await queueMessages(ds, user, 1);
      const [m] = await outbox.claimDue(1, LEASE_MS);
      expect(await outbox.markSent(m)).toBe(true);
      // The same claim again (a bug, or a late duplicate): nothing changes, no credit is given back.
      expect(await outbox.markFailed(m, 'late')).toBe(false);
      expect(await outbox.markRetry(m, 1000, 'late')).toBe(false);
      expect(await outbox.markRefused(m, 'late')).toBe(false);
      expect(await outbox.markSkipped(m, 'late')).toBe(false);
      expect(await outboxRow(ds, id)).toMatchObject({ status: 'sent', attempts: 1, last_error: null, sent: true });
      expect(await creditsOf(ds, user)).toBe(0);
      // And a retry scheduled by its claim cannot then be marked sent by that claim.
      const [id2] = await queueMessages(ds, user, 1);
      const [m2] = await outbox.claimDue(1, LEASE_MS);
      expect(m2.id).toBe(id2);
      expect(await outbox.markRetry(m2, 60_000, 'wechat:-1')).toBe(true);
      expect(await outbox.markSent(m2)).toBe(false);
      expect(await outboxRow(ds, id2)).toMatchObject({ status: 'pending', sent: false });
    });

    onPostgres(
      'two workers claiming at once: each takes different messages, and neither waits for the other',
      async () => {
        const queued = await queueMessages(ds, user, 10);
        // Worker A claims inside a transaction it keeps open, so its rows stay locked while B claims.
        const runner = ds.createQueryRunner();
        await runner.connect();
        await runner.startTransaction();
        try {
          // The repository only calls query(): on this manager it runs in A's open transaction.
          const workerA = new OutboxRepository(runner.manager as unknown as DataSource);
          const takenByA = await workerA.claimDue(4, LEASE_MS);
          const takenByB = await within(3000, outbox.claimDue(10, LEASE_MS), "worker B waited for worker A's locks");
          await runner.commitTransaction();
          expect(ids(takenByA)).toEqual(queued.slice(0, 4));
          expect(ids(takenByB)).toEqual(queued.slice(4));
        } finally {
          if (runner.isTransactionActive) await runner.rollbackTransaction();
          await runner.release();
        }
        // A committed: its rows are leased, not due again.
        expect(await outbox.claimDue(10, LEASE_MS)).toEqual([]);
        const attempts = (await ds.query(`SELECT attempts FROM notification_outbox`)) as Array<{ attempts: number }>;
        expect(attempts.map((r) => r.attempts)).toEqual(Array(10).fill(1));
      },
    );

    onPostgres('four claimers in two processes drain 300 messages: every message taken exactly once', async () => {
      const queued = await queueMessages(ds, user, 300);
      const otherProcess = new OutboxRepository(await db.connect());
      const drain = async (repo: OutboxRepository) => {
        const taken: string[] = [];
        for (;;) {
          const batch = await repo.claimDue(5, LEASE_MS);
          if (batch.length === 0) return taken;
          taken.push(...ids(batch));
        }
      };
      const taken = (
        await Promise.all([drain(outbox), drain(otherProcess), drain(outbox), drain(otherProcess)])
      ).flat();
      expect(taken.length).toBe(queued.length);
      expect(new Set(taken).size).toBe(queued.length);
      expect([...taken].sort((a, b) => Number(BigInt(a) - BigInt(b)))).toEqual(queued);
      const rows = (await ds.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE attempts <> 1`)) as Array<{
        n: number;
      }>;
      expect(rows[0].n).toBe(0);
    });
  });

  describe('retries', () => {
    it(`a transient failure waits base · 2^(attempt−1): 1×, 2×, 4×, 8×; attempt ${OUTBOX_MAX_ATTEMPTS} fails it and gives the credit back`, async () => {
      await grantCredits(ds, user, 0); // the one credit was spent when the message was queued
      const [id] = await queueMessages(ds, user, 1);
      wechat.sendSubscribeMessage.mockRejectedValue(busy());
      const waits: number[] = [];
      for (let attempt = 1; attempt < OUTBOX_MAX_ATTEMPTS; attempt++) {
        const [m] = await outbox.claimDue(1, LEASE_MS);
        expect(m).toMatchObject({ id, attempts: attempt });
        const outcome = await delivery.deliver(m);
        expect(outcome).toEqual({ status: 'retry', delayMs: RETRY_BASE_MS * 2 ** (attempt - 1) });
        const row = await outboxRow(ds, id);
        expect(row).toMatchObject({ status: 'pending', attempts: attempt, last_error: 'wechat:-1', locked: false });
        waits.push(row.due_in_ms);
        // Not due before its time …
        expect(await outbox.claimDue(1, LEASE_MS)).toEqual([]);
        // … and due once it has come.
        await makeDue(ds, id);
      }
      // The database holds the schedule: next_attempt_at = now() + delay, within the few ms this test took.
      waits.forEach((ms, i) => {
        const delay = RETRY_BASE_MS * 2 ** i;
        expect(ms).toBeGreaterThan(delay - 2000);
        expect(ms).toBeLessThanOrEqual(delay);
      });
      // The last attempt of the schedule: no retry, failed, and the user's credit comes back.
      const [last] = await outbox.claimDue(1, LEASE_MS);
      expect(last.attempts).toBe(OUTBOX_MAX_ATTEMPTS);
      expect(await delivery.deliver(last)).toEqual({ status: 'failed' });
      expect(await outboxRow(ds, id)).toMatchObject({
        status: 'failed',
        attempts: OUTBOX_MAX_ATTEMPTS,
        last_error: 'wechat:-1 (attempts used up)',
      });
      expect(await creditsOf(ds, user)).toBe(1);
      expect(await outbox.claimDue(1, LEASE_MS)).toEqual([]);
      expect(wechat.sendSubscribeMessage).toHaveBeenCalledTimes(OUTBOX_MAX_ATTEMPTS);
    });

    it('past the schedule (its last worker died): the next claim is one more attempt, and a failure ends it without a retry', async () => {
      const [id] = await queueMessages(ds, user, 1);
      await ds.query(`UPDATE notification_outbox SET attempts = $2 - 1 WHERE id = $1`, [id, OUTBOX_MAX_ATTEMPTS]);
      const [dying] = await outbox.claimDue(1, LEASE_MS);
      expect(dying.attempts).toBe(OUTBOX_MAX_ATTEMPTS);
      await expireLease(ds, id); // the worker died before sending
      const [m] = await outbox.claimDue(1, LEASE_MS);
      expect(m.attempts).toBe(OUTBOX_MAX_ATTEMPTS + 1);
      wechat.sendSubscribeMessage.mockRejectedValue(busy());
      expect(await delivery.deliver(m)).toEqual({ status: 'failed' });
      expect(await outboxRow(ds, id)).toMatchObject({ status: 'failed', attempts: OUTBOX_MAX_ATTEMPTS + 1 });
    });

    it('no answer at all (timeout) is transient too: retried after the base delay', async () => {
      const [id] = await queueMessages(ds, user, 1);
      wechat.sendSubscribeMessage.mockRejectedValue(new WechatError(null, 'timeout', '/send'));
      const [m] = await outbox.claimDue(1, LEASE_MS);
      expect(await delivery.deliver(m)).toEqual({ status: 'retry', delayMs: RETRY_BASE_MS });
      expect(await outboxRow(ds, id)).toMatchObject({ status: 'pending', last_error: 'unreachable' });
    });

    it('43101 (the user refused): skipped at once, never retried, the credits go to 0', async () => {
      await grantCredits(ds, user, 2);
      const [id] = await queueMessages(ds, user, 1);
      wechat.sendSubscribeMessage.mockRejectedValue(new WechatError(WECHAT_ERR.USER_REFUSED, 'refused', '/send'));
      const [m] = await outbox.claimDue(1, LEASE_MS);
      expect(await delivery.deliver(m)).toEqual({ status: 'skipped' });
      expect(await outboxRow(ds, id)).toMatchObject({ status: 'skipped', attempts: 1, last_error: 'wechat:43101' });
      expect(await creditsOf(ds, user)).toBe(0);
      const [grant] = (await ds.query(`SELECT last_result FROM subscription_grants WHERE user_id = $1`, [
        user,
      ])) as Array<{
        last_result: string;
      }>;
      expect(grant.last_result).toBe('refused');
      expect(await outbox.claimDue(1, LEASE_MS)).toEqual([]);
    });

    it('47003 (WeChat refuses this message for good): failed on the first attempt, the credit given back', async () => {
      await grantCredits(ds, user, 0);
      const [id] = await queueMessages(ds, user, 1);
      wechat.sendSubscribeMessage.mockRejectedValue(new WechatError(WECHAT_ERR.ARGUMENT_INVALID, 'bad', '/send'));
      const [m] = await outbox.claimDue(1, LEASE_MS);
      expect(await delivery.deliver(m)).toEqual({ status: 'failed' });
      expect(await outboxRow(ds, id)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'wechat:47003' });
      expect(await creditsOf(ds, user)).toBe(1);
    });
  });

  describe('the 30-day cleanup', () => {
    /** One message per [status, age]; pending ones wait for a later retry, sending ones are leased: none is due. */
    async function messagesAged(rows: Array<[status: string, age: string]>): Promise<string[]> {
      const ids = await queueMessages(ds, user, rows.length);
      for (const [i, [status, age]] of rows.entries()) {
        await ds.query(
          `UPDATE notification_outbox SET status = $2::text, created_at = now() - $3::interval,
             next_attempt_at = now() + interval '1 hour',
             locked_until = CASE WHEN $2::text = 'sending' THEN now() + interval '1 hour' END,
             sent_at = CASE WHEN $2::text = 'sent' THEN now() - $3::interval END
           WHERE id = $1`,
          [ids[i], status, age],
        );
      }
      return ids;
    }

    async function left(): Promise<string[]> {
      const rows = (await ds.query(`SELECT o.id::text AS id FROM notification_outbox o ORDER BY o.id`)) as Array<{
        id: string;
      }>;
      return rows.map((r) => r.id);
    }

    it('finished messages (sent, skipped, failed) stay 29 days 23 h, go at 30 days 1 h; pending and leased ones never go', async () => {
      const [sentYoung, skippedYoung, failedYoung, , , , pendingOld, leasedOld] = await messagesAged([
        ['sent', '29 days 23 hours'],
        ['skipped', '29 days 23 hours'],
        ['failed', '29 days 23 hours'],
        ['sent', '30 days 1 hour'],
        ['skipped', '30 days 1 hour'],
        ['failed', '30 days 1 hour'],
        ['pending', '400 days'],
        ['sending', '400 days'],
      ]);
      await outbox.pruneFinished(30);
      expect(await left()).toEqual([sentYoung, skippedYoung, failedYoung, pendingOld, leasedOld]);
    });

    it("the worker prunes with 30 days as it starts (its own setting, not the caller's)", async () => {
      const [young, , pendingOld] = await messagesAged([
        ['sent', '29 days 23 hours'],
        ['sent', '30 days 1 hour'],
        ['pending', '400 days'],
      ]);
      // The in-process worker (no REDIS_URL here): its first sweep prunes; stopping waits for it.
      const dispatcher = module.get(OutboxDispatcher);
      dispatcher.onApplicationBootstrap();
      await dispatcher.beforeApplicationShutdown();
      expect(await left()).toEqual([young, pendingOld]);
      expect(wechat.sendSubscribeMessage).not.toHaveBeenCalled();
    });
  });
});
