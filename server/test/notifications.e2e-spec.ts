import { randomBytes } from 'node:crypto';
import type { NotificationItem, NotificationPage, SubscribeTemplatesResponse } from '@qsgj/shared/contracts';
import { NotificationKind, Role } from '@qsgj/shared/enums';
import { decodeCursor, encodeCursor } from '@qsgj/shared/rules';
import { NotificationService, type NotifyInput } from '../src/modules/notifications/notification.service';
import { WECHAT_ERR } from '../src/modules/wechat/wechat.errors';
import { makeCreditCode, signInWechat, type SignedIn, staffSession } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';
import { sleep, waitFor } from './utils/wait';

const SEND = '/cgi-bin/message/subscribe/send';
const TPL_MEMBERSHIP = 'tplMembership-0000000000000000000000000001';
const TPL_CASE = 'tplCaseUpdate-0000000000000000000000000002';

interface OutboxRow {
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  page: string | null;
}

describe('notifications: inbox, grants, WeChat subscribe messages', () => {
  let t: TestApp;
  let notifications: NotificationService;
  beforeAll(async () => {
    t = await startTestApp({
      WECHAT_TEMPLATE_MEMBERSHIP: TPL_MEMBERSHIP,
      WECHAT_TEMPLATE_CASE_UPDATE: TPL_CASE,
      NOTIFICATION_RETRY_BASE_MS: '100',
      NOTIFICATION_POLL_MS: '300',
    });
    notifications = t.app.get(NotificationService);
  }, 60_000);
  afterAll(() => t?.close());

  /** A WeChat user whose openid we know (the fake gives `mock:<name>` the openid `<name>`). */
  async function wechatUser(): Promise<SignedIn & { openid: string }> {
    const openid = `n${randomBytes(6).toString('hex')}`;
    return { ...(await signInWechat(t, openid)), openid };
  }

  const membership = (userId: string, over: Partial<Extract<NotifyInput, { kind: 'membership' }>> = {}) =>
    ({
      userId,
      kind: NotificationKind.MEMBERSHIP,
      title: '您加入「湘潭测试科技有限公司」的申请已通过',
      body: '您已成为企业成员。',
      link: '/pages/me/index',
      data: { enterprise: '湘潭测试科技有限公司', result: '已通过', at: new Date(), remark: '您已成为企业成员' },
      ...over,
    }) as NotifyInput;

  const policy = (userId: string, title: string): NotifyInput => ({
    userId,
    kind: NotificationKind.POLICY,
    title,
    body: '正文',
    link: '/pages/policies/detail?id=1',
    data: { title, issuer: '市发改委', publishedAt: new Date() },
  });

  /** As another module would: inside a transaction of its own change. */
  const notify = (input: NotifyInput) => t.ds.transaction((m) => notifications.notify(m, input));

  const grant = (s: SignedIn, results: Record<string, string>) =>
    t.http.post('/api/v1/notifications/grants').set(s.auth).send({ results });

  async function outboxOf(userId: string): Promise<OutboxRow[]> {
    return (await t.ds.query(
      `SELECT status, attempts, last_error, sent_at, page FROM notification_outbox WHERE user_id = $1 ORDER BY id`,
      [userId],
    )) as OutboxRow[];
  }

  async function credits(userId: string, templateId = TPL_MEMBERSHIP): Promise<number | null> {
    const rows = (await t.ds.query(`SELECT credits FROM subscription_grants WHERE user_id = $1 AND template_id = $2`, [
      userId,
      templateId,
    ])) as Array<{ credits: number }>;
    return rows[0]?.credits ?? null;
  }

  const messagesTo = (openid: string) => t.fake.messages.filter((m) => m.touser === openid);

  async function outboxSettles(userId: string, status: string): Promise<OutboxRow> {
    return waitFor(`outbox row ${status}`, async () => {
      const rows = await outboxOf(userId);
      return rows.length === 1 && rows[0].status === status ? rows[0] : null;
    });
  }

  async function inboxOf(s: SignedIn, query = ''): Promise<NotificationPage> {
    const res = await t.http.get(`/api/v1/notifications${query}`).set(s.auth);
    expect(res.status).toBe(200);
    return res.body as NotificationPage;
  }

  it('runs the outbox worker the configuration asks for: BullMQ with REDIS_URL, in-process without', () => {
    const ready = t.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'Notification outbox ready');
    expect(ready).toMatchObject({ mode: process.env.REDIS_URL ? 'bullmq' : 'in-process', worker: 'on' });
  });

  describe('the inbox', () => {
    it('lists my notifications newest first, paged by cursor, with the unread count', async () => {
      const me = await wechatUser();
      const other = await wechatUser();
      for (let i = 1; i <= 5; i++) await notify(policy(me.user.id, `通知${i}`));
      await notify(policy(other.user.id, '别人的通知'));

      const first = await inboxOf(me, '?limit=2');
      expect(first.items.map((i) => i.title)).toEqual(['通知5', '通知4']);
      expect(first.unreadCount).toBe(5);
      expect(decodeCursor(first.nextCursor!)?.id).toBe(first.items[1].id);
      expect(first.items[0]).toEqual({
        id: expect.any(String),
        kind: 'policy',
        title: '通知5',
        body: '正文',
        link: '/pages/policies/detail?id=1',
        readAt: null,
        createdAt: expect.any(String),
      });
      const second = await inboxOf(me, `?limit=2&cursor=${first.nextCursor}`);
      expect(second.items.map((i) => i.title)).toEqual(['通知3', '通知2']);
      const last = await inboxOf(me, `?limit=2&cursor=${second.nextCursor}`);
      expect(last.items.map((i) => i.title)).toEqual(['通知1']);
      expect(last.nextCursor).toBeNull();

      // Someone else's notification as a cursor leads nowhere.
      const [theirs] = (await inboxOf(other)).items;
      expect((await inboxOf(me, `?cursor=${encodeCursor({ k: theirs.createdAt, id: theirs.id })}`)).items).toEqual([]);
      expect((await t.http.get('/api/v1/notifications/unread-count').set(me.auth)).body).toEqual({ unreadCount: 5 });
    });

    it('refuses a bad cursor or limit in Chinese', async () => {
      const me = await wechatUser();
      const res = await t.http.get('/api/v1/notifications?cursor=abc&limit=500').set(me.auth);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          { field: 'cursor', message: '游标格式错误' },
          { field: 'limit', message: '每页最多 50 条' },
        ]),
      );
    });

    it('marks one read (again: same time), counts down; another user’s id is 404, a malformed one 400', async () => {
      const me = await wechatUser();
      const other = await wechatUser();
      await notify(policy(me.user.id, '甲'));
      await notify(policy(me.user.id, '乙'));
      const [newest] = (await inboxOf(me)).items;

      const read = await t.http.post(`/api/v1/notifications/${newest.id}/read`).set(me.auth);
      expect(read.status).toBe(200);
      const item = read.body as NotificationItem;
      expect(item).toMatchObject({ id: newest.id, title: '乙', readAt: expect.any(String) });
      await sleep(20);
      const again = await t.http.post(`/api/v1/notifications/${newest.id}/read`).set(me.auth);
      expect(again.status).toBe(200);
      expect(again.body.readAt).toBe(item.readAt);
      expect((await inboxOf(me)).unreadCount).toBe(1);

      const foreign = await t.http.post(`/api/v1/notifications/${newest.id}/read`).set(other.auth);
      expect(foreign.status).toBe(404);
      expect(foreign.body).toMatchObject({ code: 'NOT_FOUND', message: '您访问的内容不存在或已被删除' });
      const [row] = (await t.ds.query(`SELECT read_at FROM notifications WHERE id = $1`, [newest.id])) as Array<{
        read_at: Date;
      }>;
      expect(row.read_at.toISOString()).toBe(item.readAt);
      const missing = await t.http.post(`/api/v1/notifications/${randomUuid()}/read`).set(me.auth);
      expect(missing.status).toBe(404);
      const malformed = await t.http.post('/api/v1/notifications/not-a-uuid/read').set(me.auth);
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('VALIDATION_FAILED');
    });

    it('marks all of mine read, and nobody else’s', async () => {
      const me = await wechatUser();
      const other = await wechatUser();
      for (const title of ['一', '二', '三']) await notify(policy(me.user.id, title));
      await notify(policy(other.user.id, '四'));
      const res = await t.http.post('/api/v1/notifications/read-all').set(me.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ unreadCount: 0 });
      expect((await inboxOf(me)).items.every((i) => i.readAt !== null)).toBe(true);
      expect((await inboxOf(other)).unreadCount).toBe(1);
    });

    it('works for staff as for enterprise users, and needs a sign-in', async () => {
      const butler = await staffSession(t, Role.BUTLER);
      await notify(policy(butler.entity.id, '给管家的通知'));
      expect((await inboxOf(butler)).items.map((i) => i.title)).toEqual(['给管家的通知']);
      expect((await t.http.get('/api/v1/notifications')).status).toBe(401);
    });

    it('cleans the inbox text: control characters out, long titles cut', async () => {
      const me = await wechatUser();
      await notify({ ...policy(me.user.id, `标题\u0007${'长'.repeat(120)}`), body: '第一行\r\n第二行\u202e' });
      const [item] = (await inboxOf(me)).items;
      expect(Array.from(item.title)).toHaveLength(100);
      expect(item.title.startsWith('标题长')).toBe(true);
      expect(item.title.endsWith('…')).toBe(true);
      expect(item.body).toBe('第一行\n第二行');
    });
  });

  describe('grants (the answer to wx.requestSubscribeMessage)', () => {
    it('lists the configured templates with my credits; at most 3 per ask', async () => {
      const me = await wechatUser();
      const res = await t.http.get('/api/v1/notifications/templates').set(me.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        templates: [
          { kind: 'case_update', templateId: TPL_CASE, title: '诉求办理进度', credits: 0 },
          { kind: 'membership', templateId: TPL_MEMBERSHIP, title: '企业成员审核', credits: 0 },
        ],
        maxPerRequest: 3,
      });
    });

    it('records accept (+1 each), filter (unchanged), reject and ban (back to 0)', async () => {
      const me = await wechatUser();
      let res = await grant(me, { [TPL_MEMBERSHIP]: 'accept', [TPL_CASE]: 'accept' });
      expect(res.status).toBe(200);
      res = await grant(me, { [TPL_MEMBERSHIP]: 'accept', [TPL_CASE]: 'filter' });
      const body = res.body as SubscribeTemplatesResponse;
      expect(body.templates.map((x) => [x.templateId, x.credits])).toEqual([
        [TPL_CASE, 1],
        [TPL_MEMBERSHIP, 2],
      ]);
      expect(await credits(me.user.id)).toBe(2);
      await grant(me, { [TPL_MEMBERSHIP]: 'reject', [TPL_CASE]: 'ban' });
      expect(await credits(me.user.id)).toBe(0);
      expect(await credits(me.user.id, TPL_CASE)).toBe(0);
      const rows = (await t.ds.query(
        `SELECT template_id, last_result FROM subscription_grants WHERE user_id = $1 ORDER BY template_id`,
        [me.user.id],
      )) as unknown[];
      expect(rows).toEqual([
        { template_id: TPL_CASE, last_result: 'ban' },
        { template_id: TPL_MEMBERSHIP, last_result: 'reject' },
      ]);
    });

    it('refuses an unknown template id (400) and records nothing of that answer', async () => {
      const me = await wechatUser();
      const res = await grant(me, { [TPL_MEMBERSHIP]: 'accept', tplSomethingElse0000000000: 'accept' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'SUBSCRIBE_TEMPLATE_UNKNOWN',
        message: '订阅消息模板不存在或已停用，请刷新后重试',
        details: [{ field: 'results.tplSomethingElse0000000000', message: '订阅消息模板不存在或已停用' }],
      });
      expect(await credits(me.user.id)).toBeNull();
    });

    it.each([
      ['more than three templates', { a1: 'accept', a2: 'accept', a3: 'accept', a4: 'accept' }],
      ['an answer WeChat does not give', { [TPL_MEMBERSHIP]: 'yes' }],
      ['WeChat’s errMsg left in', { [TPL_MEMBERSHIP]: 'accept', errMsg: 'requestSubscribeMessage:ok' }],
      ['nothing', {}],
    ])('refuses %s', async (_label, results) => {
      const me = await wechatUser();
      const res = await grant(me, results);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details[0].field).toBe('results');
      expect(await credits(me.user.id)).toBeNull();
    });
  });

  describe('sending through WeChat', () => {
    it('with a credit: exactly one message, fields cut and cleaned, no phone number; the credit is spent', async () => {
      const me = await wechatUser();
      await grant(me, { [TPL_MEMBERSHIP]: 'accept' });
      await notify(
        membership(me.user.id, {
          data: {
            enterprise: '湘潭市岳塘区经济开发区\u0007智能制造装备产业园有限责任公司',
            result: '审核已通过',
            at: new Date('2026-11-27T06:05:00Z'),
            remark: '详情请致电13812345678咨询',
          },
        }),
      );
      const sent = await outboxSettles(me.user.id, 'sent');
      expect(sent).toMatchObject({ attempts: 1, last_error: null, page: 'pages/me/index' });
      expect(sent.sent_at).not.toBeNull();
      const messages = messagesTo(me.openid);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        template_id: TPL_MEMBERSHIP,
        page: 'pages/me/index',
        miniprogram_state: 'formal',
        lang: 'zh_CN',
        data: {
          thing1: { value: '湘潭市岳塘区经济开发区智能制造装备产业…' },
          phrase2: { value: '审核已通过' },
          time3: { value: '2026年11月27日 14:05' },
          thing4: { value: '详情请致电***咨询' },
        },
      });
      expect(JSON.stringify(messages[0])).not.toContain('13812345678');
      expect(JSON.stringify(messages[0])).not.toContain('\\u0007');
      expect(await credits(me.user.id)).toBe(0);
      expect((await inboxOf(me)).items.map((i) => i.title)).toEqual(['您加入「湘潭测试科技有限公司」的申请已通过']);

      // The credit is spent: the next notification reaches the inbox only.
      await notify(membership(me.user.id, { title: '第二条' }));
      await sleep(400);
      expect(messagesTo(me.openid)).toHaveLength(1);
      expect(await outboxOf(me.user.id)).toHaveLength(1);
      expect((await inboxOf(me)).items.map((i) => i.title)[0]).toBe('第二条');
    });

    it('without a credit, or for a kind without a template: the inbox only', async () => {
      const me = await wechatUser();
      await grant(me, { [TPL_CASE]: 'accept' });
      await notify(membership(me.user.id));
      await notify(policy(me.user.id, '政策'));
      await sleep(400);
      expect(await outboxOf(me.user.id)).toEqual([]);
      expect(messagesTo(me.openid)).toEqual([]);
      expect((await inboxOf(me)).items).toHaveLength(2);
      expect(await credits(me.user.id, TPL_CASE)).toBe(1);
    });

    it('a value that is itself personal data: the inbox only, the credit kept, a log line without it', async () => {
      const me = await wechatUser();
      await grant(me, { [TPL_MEMBERSHIP]: 'accept' });
      const before = t.logs.length;
      await notify(
        membership(me.user.id, {
          data: { enterprise: '湘潭测试科技有限公司', result: '已通过', at: new Date(), remark: '13912345678' },
        }),
      );
      await sleep(300);
      expect(await outboxOf(me.user.id)).toEqual([]);
      expect(messagesTo(me.openid)).toEqual([]);
      expect(await credits(me.user.id)).toBe(1);
      const lines = t.logs.slice(before);
      const line = lines.find((l) => l.includes('Subscribe message not queued'));
      expect(JSON.parse(line!)).toMatchObject({ kind: 'membership', field: 'thing4', reason: 'personal_data' });
      expect(lines.join('\n')).not.toContain('13912345678');
    });

    it('43101 (the user refused at WeChat): skipped, credits to 0, never retried', async () => {
      const me = await wechatUser();
      await grant(me, { [TPL_MEMBERSHIP]: 'accept' });
      await grant(me, { [TPL_MEMBERSHIP]: 'accept' });
      t.fake.refuseSubscription(me.openid, TPL_MEMBERSHIP);
      await notify(membership(me.user.id));
      const row = await outboxSettles(me.user.id, 'skipped');
      expect(row).toMatchObject({ attempts: 1, last_error: 'wechat:43101', sent_at: null });
      expect(await credits(me.user.id)).toBe(0);
      await sleep(600); // several retry periods: nothing happens
      expect(await outboxOf(me.user.id)).toEqual([row]);
      expect(messagesTo(me.openid)).toEqual([]);
      const [grantRow] = (await t.ds.query(`SELECT last_result FROM subscription_grants WHERE user_id = $1`, [
        me.user.id,
      ])) as Array<{ last_result: string }>;
      expect(grantRow.last_result).toBe('refused');
    });

    it('-1 (WeChat busy): retried with backoff, then sent exactly once', async () => {
      const me = await wechatUser();
      await grant(me, { [TPL_MEMBERSHIP]: 'accept' });
      t.fake.failNext(SEND, WECHAT_ERR.SYSTEM_BUSY);
      await notify(membership(me.user.id));
      const row = await outboxSettles(me.user.id, 'sent');
      expect(row).toMatchObject({ attempts: 2, last_error: 'wechat:-1' });
      expect(messagesTo(me.openid)).toHaveLength(1);
      await sleep(400);
      expect(messagesTo(me.openid)).toHaveLength(1);
    });

    it('43108 and an unreachable WeChat: retried too', async () => {
      const me = await wechatUser();
      await grant(me, { [TPL_MEMBERSHIP]: 'accept' });
      t.fake.failNext(SEND, WECHAT_ERR.SUBSCRIBE_BUSY);
      t.fake.dropNext(SEND);
      await notify(membership(me.user.id));
      const row = await outboxSettles(me.user.id, 'sent');
      expect(row).toMatchObject({ attempts: 3, last_error: 'unreachable' });
      expect(messagesTo(me.openid)).toHaveLength(1);
    });

    it('gives up after five attempts: failed, logged, the credit given back', async () => {
      const me = await wechatUser();
      await grant(me, { [TPL_MEMBERSHIP]: 'accept' });
      t.fake.failNext(SEND, WECHAT_ERR.SYSTEM_BUSY, 5);
      await notify(membership(me.user.id));
      const row = await outboxSettles(me.user.id, 'failed');
      expect(row).toMatchObject({ attempts: 5, last_error: 'wechat:-1 (attempts used up)' });
      expect(messagesTo(me.openid)).toEqual([]);
      expect(await credits(me.user.id)).toBe(1);
    });

    it('47003 (WeChat refuses the message): failed at once, a warning without personal data, credit back', async () => {
      const me = await wechatUser();
      await grant(me, { [TPL_MEMBERSHIP]: 'accept' });
      const before = t.logs.length;
      t.fake.failNext(SEND, WECHAT_ERR.ARGUMENT_INVALID);
      await notify(membership(me.user.id));
      const row = await outboxSettles(me.user.id, 'failed');
      expect(row).toMatchObject({ attempts: 1, last_error: 'wechat:47003' });
      await sleep(400);
      expect((await outboxOf(me.user.id))[0].attempts).toBe(1);
      expect(messagesTo(me.openid)).toEqual([]);
      expect(await credits(me.user.id)).toBe(1);
      const lines = t.logs.slice(before);
      const warning = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.error === 'wechat:47003');
      expect(warning).toMatchObject({
        level: 40,
        msg: 'Subscribe message failed: WeChat refused it',
        templateId: TPL_MEMBERSHIP,
      });
      expect(warning).toMatchObject({ attempt: 1, outboxId: expect.any(String) });
      expect(lines.join('\n')).not.toContain(me.openid);
      expect(lines.join('\n')).not.toContain('湘潭测试科技有限公司');
    });

    it('a user who deleted the account is not messaged: the permissions went with the account', async () => {
      const me = await wechatUser();
      await grant(me, { [TPL_MEMBERSHIP]: 'accept' });
      expect((await t.http.delete('/api/v1/me').set(me.auth)).status).toBe(204);
      expect(await credits(me.user.id)).toBeNull();
      await notify(membership(me.user.id));
      await sleep(400);
      expect(await outboxOf(me.user.id)).toEqual([]);
      expect(messagesTo(me.openid)).toEqual([]);
    });

    it('a message whose user has no WeChat identity any more by send time is skipped', async () => {
      const me = await wechatUser();
      await grant(me, { [TPL_MEMBERSHIP]: 'accept' });
      await t.ds.query('UPDATE users SET openid = NULL WHERE id = $1', [me.user.id]);
      await notify(membership(me.user.id));
      const row = await outboxSettles(me.user.id, 'skipped');
      expect(row.last_error).toBe('no_openid');
      expect(messagesTo(me.openid)).toEqual([]);
    });

    it('when the caller’s transaction rolls back: no inbox row, no outbox row, the credit kept, nothing sent', async () => {
      const me = await wechatUser();
      await grant(me, { [TPL_MEMBERSHIP]: 'accept' });
      await expect(
        t.ds.transaction(async (m) => {
          await notifications.notify(m, membership(me.user.id));
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      await sleep(400);
      expect(await t.ds.query(`SELECT id FROM notifications WHERE user_id = $1`, [me.user.id])).toEqual([]);
      expect(await outboxOf(me.user.id)).toEqual([]);
      expect(await credits(me.user.id)).toBe(1);
      expect(messagesTo(me.openid)).toEqual([]);
    });

    it('called outside a transaction, still writes both rows together and sends', async () => {
      const me = await wechatUser();
      await grant(me, { [TPL_MEMBERSHIP]: 'accept' });
      await notifications.notify(t.ds.manager, membership(me.user.id));
      await outboxSettles(me.user.id, 'sent');
      expect(messagesTo(me.openid)).toHaveLength(1);
    });
  });

  describe('membership events', () => {
    const bindAs = (s: SignedIn, creditCode: string, extra: Record<string, unknown> = {}) =>
      t.http
        .post('/api/v1/me/enterprise')
        .set(s.auth)
        .send({ creditCode, name: '湘潭通知测试科技有限公司', contactName: '张三', ...extra });

    async function ownerAndApplicant() {
      const owner = await wechatUser();
      const applicant = await wechatUser();
      const code = makeCreditCode();
      expect((await bindAs(owner, code)).status).toBe(201);
      await grant(owner, { [TPL_MEMBERSHIP]: 'accept' });
      await grant(applicant, { [TPL_MEMBERSHIP]: 'accept' });
      expect((await bindAs(applicant, code, { contactName: '李四', phoneCode: 'phone:13712345678' })).status).toBe(201);
      const [row] = (await t.ds.query(`SELECT id FROM enterprises WHERE credit_code = $1`, [code])) as Array<{
        id: string;
      }>;
      return { owner, applicant, enterpriseId: row.id };
    }

    it('a request to join: the owner is told (inbox and WeChat), without the applicant’s name or phone', async () => {
      const { owner, applicant } = await ownerAndApplicant();
      const [item] = (await inboxOf(owner)).items;
      expect(item).toMatchObject({
        kind: 'membership',
        title: '有新成员申请加入企业',
        body: '有用户申请加入「湘潭通知测试科技有限公司」，请在“成员管理”中审核。',
        link: '/packages/me/pages/members/index',
        readAt: null,
      });
      await outboxSettles(owner.user.id, 'sent');
      const [message] = messagesTo(owner.openid);
      expect(message).toMatchObject({
        template_id: TPL_MEMBERSHIP,
        page: 'packages/me/pages/members/index',
        data: {
          thing1: { value: '湘潭通知测试科技有限公司' },
          phrase2: { value: '待审核' },
          thing4: { value: '有新成员申请加入企业，请及时审核' },
        },
      });
      expect(JSON.stringify([message, item])).not.toMatch(/李四|13712345678|137\*{4}5678/);
      // The applicant is told nothing yet.
      expect((await inboxOf(applicant)).items).toEqual([]);
    });

    it('the owner approves: the applicant is told it passed', async () => {
      const { owner, applicant } = await ownerAndApplicant();
      const res = await t.http
        .post(`/api/v1/me/enterprise/members/${applicant.user.id}/decision`)
        .set(owner.auth)
        .send({ approve: true });
      expect(res.status).toBe(200);
      const [item] = (await inboxOf(applicant)).items;
      expect(item).toMatchObject({
        title: '您加入「湘潭通知测试科技有限公司」的申请已通过',
        link: '/pages/me/index',
      });
      await outboxSettles(applicant.user.id, 'sent');
      expect(messagesTo(applicant.openid)[0].data).toMatchObject({
        thing1: { value: '湘潭通知测试科技有限公司' },
        phrase2: { value: '已通过' },
      });
    });

    it('staff reject: the applicant is told it did not pass; deciding again tells nobody again', async () => {
      const { applicant, enterpriseId } = await ownerAndApplicant();
      const admin = await staffSession(t, Role.ADMIN);
      const decide = () =>
        t.http
          .post(`/api/v1/enterprises/${enterpriseId}/members/${applicant.user.id}/decision`)
          .set(admin.auth)
          .send({ approve: false });
      expect((await decide()).status).toBe(200);
      expect((await inboxOf(applicant)).items.map((i) => i.title)).toEqual([
        '您加入「湘潭通知测试科技有限公司」的申请未通过',
      ]);
      expect((await decide()).status).toBe(409);
      expect((await inboxOf(applicant)).items).toHaveLength(1);
      await outboxSettles(applicant.user.id, 'sent');
      expect(messagesTo(applicant.openid).map((m) => m.data.phrase2.value)).toEqual(['未通过']);
    });
  });
});

function randomUuid(): string {
  return '00000000-0000-4000-8000-' + randomBytes(6).toString('hex');
}
