import { randomBytes } from 'node:crypto';
import { NotificationKind } from '@qsgj/shared/enums';
import { type FakeWechat, startFakeWechat } from '../src/fake-wechat/fake-wechat.server';
import { NotificationService } from '../src/modules/notifications/notification.service';
import { OutboxDelivery } from '../src/modules/notifications/outbox-delivery';
import { OutboxRepository } from '../src/modules/notifications/outbox.repository';
import { freshDatabase, type TestDatabase } from './utils/database';
import { makeCreditCode, signInWechat, type SignedIn } from './utils/factories';
import { dropRedisKeys, startTestApp, type TestApp } from './utils/test-app';
import { sleep, waitFor } from './utils/wait';

const TPL = 'tplMembership-0000000000000000000000000001';

/**
 * The outbox promise: a crash between the commit of a change and the send of its WeChat message
 * loses nothing and sends nothing twice. Apps are started one after another on the SAME database
 * (on PGlite a folder on disk; in-memory PGlite dies with its app), all talking to one fake WeChat
 * that counts what it receives.
 */
describe('outbox: exactly once across a crash and restarts', () => {
  let fake: FakeWechat;
  let db: TestDatabase;
  const opened: TestApp[] = [];
  const shared: Record<string, string> = {};

  beforeEach(async () => {
    fake = await startFakeWechat();
    db = await freshDatabase({ onDisk: true });
    Object.assign(shared, {
      WECHAT_TEMPLATE_MEMBERSHIP: TPL,
      NOTIFICATION_POLL_MS: '200',
      NOTIFICATION_RETRY_BASE_MS: '100',
      // A restart keeps its Redis keys (queue included), as a real deployment does.
      REDIS_KEY_PREFIX: `t${randomBytes(4).toString('hex')}`,
    });
  });

  afterEach(async () => {
    for (const app of opened.splice(0)) await app.close().catch(() => undefined);
    await db.drop();
    await fake.close();
    // The restarted apps shared one Redis prefix (and queue); it goes with the test.
    await dropRedisKeys(process.env.REDIS_URL, shared.REDIS_KEY_PREFIX);
  });

  async function start(env: Record<string, string> = {}): Promise<TestApp> {
    const app = await startTestApp({ ...shared, ...env }, { database: db, fake });
    opened.push(app);
    return app;
  }

  async function stop(app: TestApp): Promise<void> {
    opened.splice(opened.indexOf(app), 1);
    await app.close();
  }

  async function statuses(app: TestApp): Promise<Array<{ status: string; attempts: number }>> {
    return (await app.ds.query(`SELECT status, attempts FROM notification_outbox ORDER BY id`)) as Array<{
      status: string;
      attempts: number;
    }>;
  }

  /** Messages received at the fake, per recipient and result: each should be 1. */
  function receivedCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const m of fake.messages) {
      const key = `${m.touser}/${m.data.phrase2.value}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  it('kill the worker between commit and send, restart: every message sent exactly once (counted at the fake WeChat)', async () => {
    // App A: its worker is dead (off). Real changes commit, each with its outbox row; nothing is sent.
    const a = await start({ NOTIFICATION_WORKER: 'off', WECHAT_TIMEOUT_MS: '300', NOTIFICATION_LEASE_MS: '1500' });
    const bind = (s: SignedIn, code: string) =>
      a.http
        .post('/api/v1/me/enterprise')
        .set(s.auth)
        .send({ creditCode: code, name: '湘潭重启测试有限公司', contactName: '王五' });
    const grant = (s: SignedIn) =>
      a.http
        .post('/api/v1/notifications/grants')
        .set(s.auth)
        .send({ results: { [TPL]: 'accept' } });

    const expected: Record<string, number> = {};
    for (let i = 0; i < 4; i++) {
      const owner = await signInWechat(a, `own${i}${randomBytes(3).toString('hex')}`);
      const applicant = await signInWechat(a, `app${i}${randomBytes(3).toString('hex')}`);
      const code = makeCreditCode();
      expect((await bind(owner, code)).status).toBe(201);
      await grant(owner);
      await grant(applicant);
      expect((await bind(applicant, code)).status).toBe(201); // → the owner: 待审核
      const decided = await a.http
        .post(`/api/v1/me/enterprise/members/${applicant.user.id}/decision`)
        .set(owner.auth)
        .send({ approve: true }); // → the applicant: 已通过
      expect(decided.status).toBe(200);
      expected[`${owner.user.id}/待审核`] = 1;
      expected[`${applicant.user.id}/已通过`] = 1;
    }
    const openids = new Map(
      (
        (await a.ds.query(`SELECT id, openid FROM users WHERE openid IS NOT NULL`)) as Array<{
          id: string;
          openid: string;
        }>
      ).map((u) => [u.id, u.openid]),
    );
    const want = Object.fromEntries(
      Object.keys(expected).map((k) => {
        const [userId, result] = k.split('/');
        return [`${openids.get(userId)}/${result}`, 1];
      }),
    );

    // And a worker had just taken three of them when it was killed: leased, never sent.
    const taken = await a.app.get(OutboxRepository).claimDue(3, a.config.NOTIFICATION_LEASE_MS);
    expect(taken).toHaveLength(3);
    await stop(a);
    await sleep(300);
    expect(fake.messages).toHaveLength(0);

    // App B, restarted with its worker on: the pending ones go at once, the leased ones once their lease ends.
    const b = await start();
    await waitFor('every message sent', async () => (await statuses(b)).every((r) => r.status === 'sent'), 20_000);
    await sleep(1000); // several more sweeps and nudges: nothing more goes out
    expect(receivedCounts()).toEqual(want);
    const rows = await statuses(b);
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.attempts === 2)).toHaveLength(3); // the three taken over from the dead worker
    await stop(b);

    // App C, restarted once more: nothing is due, nothing is sent again.
    const c = await start();
    await sleep(1200);
    expect(fake.messages).toHaveLength(8);
    expect(receivedCounts()).toEqual(want);
    await stop(c);
  }, 90_000);

  // PGlite is one connection in one process: two apps cannot share it. On PostgreSQL (CI) they do.
  (process.env.DATABASE_URL ? it : it.skip)(
    'two workers on one database: both take messages, and each message is sent once',
    async () => {
      const a = await start({ NOTIFICATION_WORKER: 'off' });
      const notifications = a.app.get(NotificationService);
      const users: Array<{ id: string; openid: string }> = [];
      for (let i = 0; i < 12; i++) {
        const openid = `w${i}${randomBytes(4).toString('hex')}`;
        const s = await signInWechat(a, openid);
        for (let j = 0; j < 3; j++)
          await a.http
            .post('/api/v1/notifications/grants')
            .set(s.auth)
            .send({ results: { [TPL]: 'accept' } });
        users.push({ id: s.user.id, openid });
      }
      for (const u of users) {
        for (const result of ['待审核', '已通过', '未通过']) {
          await a.ds.transaction((m) =>
            notifications.notify(m, {
              userId: u.id,
              kind: NotificationKind.MEMBERSHIP,
              title: result,
              body: result,
              link: '/pages/me/index',
              data: { enterprise: '并发测试企业', result, at: new Date(), remark: '并发测试' },
            }),
          );
        }
      }
      // Not due until both workers are up, so that neither drains the outbox before the other has started.
      await a.ds.query(`UPDATE notification_outbox SET next_attempt_at = now() + interval '1 hour'`);
      await stop(a);
      const [b1, b2] = await Promise.all([
        start({ NOTIFICATION_CONCURRENCY: '3' }),
        start({ NOTIFICATION_CONCURRENCY: '3' }),
      ]);
      // What each worker sent: its own OutboxDelivery (the one its engine calls), counted per outcome.
      const sentBy = [b1, b2].map((b) => {
        const delivery = b.app.get(OutboxDelivery);
        const deliver = delivery.deliver.bind(delivery);
        const sent: string[] = [];
        jest.spyOn(delivery, 'deliver').mockImplementation(async (m) => {
          const outcome = await deliver(m);
          if (outcome.status === 'sent') sent.push(m.id);
          return outcome;
        });
        return sent;
      });
      // Each send takes a while, as WeChat's do: one worker alone would need many rounds for 36 messages.
      fake.setLatency(100, '/cgi-bin/message/subscribe/send');
      await b1.ds.query(`UPDATE notification_outbox SET next_attempt_at = now()`);
      await waitFor('every message sent', async () => (await statuses(b1)).every((r) => r.status === 'sent'), 30_000);
      await sleep(800);
      expect(fake.messages).toHaveLength(36);
      expect(Object.values(receivedCounts()).every((n) => n === 1)).toBe(true);
      expect(Object.keys(receivedCounts())).toHaveLength(36);
      // Both workers took messages, and between them each message exactly once.
      expect(sentBy[0].length).toBeGreaterThan(0);
      expect(sentBy[1].length).toBeGreaterThan(0);
      expect(sentBy[0].length + sentBy[1].length).toBe(36);
      expect(new Set([...sentBy[0], ...sentBy[1]]).size).toBe(36);
      await Promise.all([stop(b1), stop(b2)]);
    },
    90_000,
  );
});
