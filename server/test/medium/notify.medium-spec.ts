import type { TestingModule } from '@nestjs/testing';
import type { DataSource, EntityManager } from 'typeorm';
import { NotificationKind } from '@qsgj/shared/enums';
import { NotificationTemplates } from '../../src/modules/notifications/notification-templates';
import {
  NOTIFY_BATCH,
  NotificationService,
  type NotifyInput,
} from '../../src/modules/notifications/notification.service';
import { NotificationsRepository } from '../../src/modules/notifications/notifications.repository';
import { OutboxDispatcher } from '../../src/modules/notifications/outbox-dispatcher';
import { TransactionHooks } from '../../src/modules/notifications/transaction-hooks';
import { creditsOf, grantCredits, newEnterpriseUser, TEMPLATE } from './factories';
import { type MediumDatabase, mediumDatabase, mediumModule, onPostgres, SETUP_TIMEOUT_MS } from './medium';

/**
 * NotificationService.notify inside its caller's transaction: the inbox row, the spent credit and
 * the outbox row commit or roll back with the caller's change, and the worker is nudged only after
 * a commit.
 */
describe('NotificationService.notify (medium)', () => {
  let db: MediumDatabase;
  let ds: DataSource;
  let module: TestingModule;
  let notifications: NotificationService;
  const dispatcher = { nudge: jest.fn<void, [string[]]>() };
  let user: string;

  beforeAll(async () => {
    db = await mediumDatabase();
    ds = db.ds;
    module = await mediumModule(db, {
      real: [NotificationService, NotificationsRepository, NotificationTemplates, TransactionHooks],
      fake: [{ provide: OutboxDispatcher, useValue: dispatcher }],
      env: { WECHAT_TEMPLATE_MEMBERSHIP: TEMPLATE },
    });
    notifications = module.get(NotificationService);
    module.get(TransactionHooks); // subscribes to the DataSource's transaction events
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await module?.close();
    await db?.close();
  });

  beforeEach(async () => {
    dispatcher.nudge.mockReset();
    user = await newEnterpriseUser(ds);
    await grantCredits(ds, user, 1);
  });

  const notice = (userId: string, remark = '您已成为企业成员'): NotifyInput => ({
    userId,
    kind: NotificationKind.MEMBERSHIP,
    title: '您加入「湘潭测试有限公司」的申请已通过',
    body: '您已成为企业成员。',
    link: '/pages/me/index',
    data: { enterprise: '湘潭测试有限公司', result: '已通过', at: new Date(), remark },
  });

  /** What the user has: inbox rows, outbox rows, credits left. */
  async function state(userId: string, via: DataSource | EntityManager = ds) {
    const [row] = (await via.query(
      `SELECT (SELECT count(*)::int FROM notifications WHERE user_id = $1) AS inbox,
              (SELECT count(*)::int FROM notification_outbox WHERE user_id = $1) AS outbox`,
      [userId],
    )) as Array<{ inbox: number; outbox: number }>;
    return { inbox: row.inbox, outbox: row.outbox, credits: await creditsOf(ds, userId) };
  }

  it('commits with the caller: the inbox row, the spent credit and the queued message; then the worker is nudged', async () => {
    await ds.transaction(async (m) => {
      await notifications.notify(m, notice(user));
      expect(dispatcher.nudge).not.toHaveBeenCalled(); // not before the commit
    });
    expect(await state(user)).toEqual({ inbox: 1, outbox: 1, credits: 0 });
    expect(dispatcher.nudge).toHaveBeenCalledTimes(1);
    const [outbox] = (await ds.query(`SELECT id::text AS id, page, data FROM notification_outbox WHERE user_id = $1`, [
      user,
    ])) as Array<{ id: string; page: string; data: Record<string, { value: string }> }>;
    expect(dispatcher.nudge).toHaveBeenCalledWith([outbox.id]);
    expect(outbox.page).toBe('pages/me/index');
    expect(outbox.data.phrase2).toEqual({ value: '已通过' });
  });

  it('rolls back with the caller: neither inbox nor outbox row, the credit unspent, no nudge', async () => {
    await expect(
      ds.transaction(async (m) => {
        await notifications.notify(m, notice(user));
        throw new Error('the change itself failed');
      }),
    ).rejects.toThrow('the change itself failed');
    expect(await state(user)).toEqual({ inbox: 0, outbox: 0, credits: 1 });
    expect(dispatcher.nudge).not.toHaveBeenCalled();
  });

  onPostgres("writes on the caller's connection: nothing shows outside the transaction before it commits", async () => {
    await ds.transaction(async (m) => {
      await notifications.notify(m, notice(user));
      expect(await state(user, m)).toMatchObject({ inbox: 1, outbox: 1 });
      // Another connection (the pool's): nothing yet.
      expect(await state(user, ds)).toMatchObject({ inbox: 0, outbox: 0, credits: 1 });
    });
    expect(await state(user)).toEqual({ inbox: 1, outbox: 1, credits: 0 });
  });

  it('without a credit left: the inbox row only, nothing queued', async () => {
    await grantCredits(ds, user, 0);
    await ds.transaction((m) => notifications.notify(m, notice(user)));
    expect(await state(user)).toEqual({ inbox: 1, outbox: 0, credits: 0 });
    expect(dispatcher.nudge).not.toHaveBeenCalled();
  });

  it('a message value that is nothing but a phone number: the inbox row, nothing queued, the credit kept', async () => {
    await ds.transaction((m) => notifications.notify(m, notice(user, '13812345678')));
    expect(await state(user)).toEqual({ inbox: 1, outbox: 0, credits: 1 });
  });

  it('called outside a transaction: opens its own, so the inbox and outbox rows still go together', async () => {
    await notifications.notify(ds.manager, notice(user));
    expect(await state(user)).toEqual({ inbox: 1, outbox: 1, credits: 0 });
    expect(dispatcher.nudge).toHaveBeenCalledTimes(1);
  });

  describe('notifyMany', () => {
    it('writes every inbox row; one message per user with a credit (the first of a user told twice); the rest inbox only', async () => {
      const none = await newEnterpriseUser(ds); // never granted
      const twice = await newEnterpriseUser(ds);
      await grantCredits(ds, twice, 2);
      const phoneOnly = await newEnterpriseUser(ds);
      await grantCredits(ds, phoneOnly, 1);
      await ds.transaction(async (m) => {
        await notifications.notifyMany(m, [
          notice(user),
          notice(none),
          notice(twice, '第一条'),
          notice(twice, '第二条'),
          notice(phoneOnly, '13812345678'),
        ]);
        expect(dispatcher.nudge).not.toHaveBeenCalled(); // not before the commit
      });
      expect(await state(user)).toEqual({ inbox: 1, outbox: 1, credits: 0 });
      expect(await state(none)).toEqual({ inbox: 1, outbox: 0, credits: null });
      expect(await state(twice)).toEqual({ inbox: 2, outbox: 1, credits: 1 });
      expect(await state(phoneOnly)).toEqual({ inbox: 1, outbox: 0, credits: 1 });
      // The message is the first notice's, linked to its own inbox row, as notify() writes it.
      const [message] = (await ds.query(
        `SELECT o.id::text AS id, o.page, o.data, n.body, n.title, n.kind, n.link FROM notification_outbox o
         JOIN notifications n ON n.id = o.notification_id WHERE o.user_id = $1`,
        [twice],
      )) as Array<{ id: string; page: string; data: Record<string, { value: string }> } & Record<string, string>>;
      expect(message).toMatchObject({
        page: 'pages/me/index',
        kind: 'membership',
        link: '/pages/me/index',
        title: '您加入「湘潭测试有限公司」的申请已通过',
      });
      expect(message.data.thing4).toEqual({ value: '第一条' });
      const queued = (await ds.query(`SELECT id::text AS id FROM notification_outbox WHERE user_id = ANY($1::uuid[])`, [
        [user, twice],
      ])) as Array<{ id: string }>;
      expect(dispatcher.nudge.mock.calls.flatMap((c) => c[0]).sort()).toEqual(queued.map((q) => q.id).sort());
    });

    it('rolls back with the caller; a bad link throws before anything is written', async () => {
      await expect(
        ds.transaction(async (m) => {
          await notifications.notifyMany(m, [notice(user)]);
          throw new Error('the change itself failed');
        }),
      ).rejects.toThrow('the change itself failed');
      expect(await state(user)).toEqual({ inbox: 0, outbox: 0, credits: 1 });
      await expect(
        ds.transaction((m) => notifications.notifyMany(m, [notice(user), { ...notice(user), link: 'https://x.cn' }])),
      ).rejects.toThrow('not a mini-program page');
      expect(await state(user)).toEqual({ inbox: 0, outbox: 0, credits: 1 });
      expect(dispatcher.nudge).not.toHaveBeenCalled();
    });

    it(`writes ${NOTIFY_BATCH} notices per statement: ${NOTIFY_BATCH + 1} notices are two inserts, every row there`, async () => {
      const repo = module.get(NotificationsRepository);
      const insertMany = jest.spyOn(repo, 'insertMany');
      try {
        const inputs = Array.from({ length: NOTIFY_BATCH + 1 }, (_, i) => notice(user, `第${i + 1}条`));
        await ds.transaction((m) => notifications.notifyMany(m, inputs));
        expect(insertMany.mock.calls.map((c) => c[0].length)).toEqual([NOTIFY_BATCH, 1]);
        expect(await state(user)).toEqual({ inbox: NOTIFY_BATCH + 1, outbox: 1, credits: 0 });
      } finally {
        insertMany.mockRestore();
      }
    });
  });
});
