import type { TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { shanghaiDay } from '@qsgj/shared/rules';
import { PolicyPushRepository } from '../../src/modules/policies/push/policy-push.repository';
import { PolicyPushService } from '../../src/modules/policies/push/policy-push.service';
import { PolicyPushWorker, PUSH_BATCH } from '../../src/modules/policies/push/policy-push.worker';
import { PolicyPushModule } from '../../src/modules/policies/push/push.module';
import { type MediumDatabase, mediumDatabase, mediumModule, onPostgres, SETUP_TIMEOUT_MS } from './medium';
import {
  deliveredTo,
  grant,
  newEnterprise,
  newMembers,
  newPolicy,
  type PolicySpec,
  POLICY_TEMPLATE,
  pushedState,
  setPolicyStatus,
  subscribe,
} from './policy-push.fixtures';

const day = (offset: number) => shanghaiDay(new Date(Date.now() + offset * 86_400_000));
const TODAY = day(0);
const YESTERDAY = day(-1);
const TOMORROW = day(1);

/**
 * The policy push on a real database, without HTTP: who the audience is (eligibility in SQL), what a fan-out
 * writes (deliveries, inbox, credits, outbox), and that a policy reaches a user once — across a crash mid-run,
 * a second publish, a withdraw and re-publish. Sending through WeChat is the e2e suite's.
 */
describe('policy push (medium)', () => {
  let db: MediumDatabase;
  let ds: DataSource;
  const modules: TestingModule[] = [];

  /** A worker process of its own on the database (a fresh module: another process after a crash). */
  async function process(on: DataSource = ds, start = true) {
    const module = await mediumModule(on === ds ? db : { ...db, ds: on }, {
      imports: [PolicyPushModule],
      // No poll during the tests: a worker runs when its own publish commits, or when the test kicks it.
      env: { WECHAT_TEMPLATE_POLICY: POLICY_TEMPLATE, NOTIFICATION_POLL_MS: '3600000' },
    });
    modules.push(module);
    const worker = module.get(PolicyPushWorker);
    if (start) worker.start();
    return { module, worker, service: module.get(PolicyPushService), repo: module.get(PolicyPushRepository) };
  }
  let main: Awaited<ReturnType<typeof process>>;

  /** What the publish transaction does: the policy row published, and the push enqueued with it. */
  async function publish(policyId: string, p = main) {
    return ds.transaction(async (m) => {
      await m.query(`UPDATE policies SET status = 'published' WHERE id = $1`, [policyId]);
      return p.service.enqueue(m, policyId, (await adminId()) ?? policyId);
    });
  }
  let admin: string | undefined;
  async function adminId() {
    if (!admin) [{ id: admin }] = await newMembers(ds, null, 1, { status: null, role: 'butler' });
    return admin;
  }

  beforeAll(async () => {
    db = await mediumDatabase();
    ds = db.ds;
    main = await process();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    for (const m of modules) {
      await m.get(PolicyPushWorker).stop();
      await m.close();
    }
    await db?.close();
  });

  describe('audience: eligibility and subscriptions, in SQL', () => {
    /** One user per case, labelled; each policy below names exactly the labels it must reach. */
    const users: Record<string, string> = {};
    const label = (id: string) => Object.entries(users).find(([, v]) => v === id)?.[0] ?? id;

    beforeAll(async () => {
      const member = async (name: string, profile: Parameters<typeof newEnterprise>[1], opts = {}) => {
        const e = await newEnterprise(ds, profile);
        [{ id: users[name] }] = await newMembers(ds, e, 1, opts);
      };
      // Profile matchers (no subscription row: match_profile only).
      await member('yt-hitech', {
        industry: '制造业',
        scale: 'medium',
        district: '岳塘区',
        qualifications: ['高新技术企业'],
      });
      await member('yh-small', { industry: '软件业', scale: 'small', district: '雨湖区', qualifications: [] });
      await member('no-district', {
        industry: '制造业',
        scale: 'medium',
        district: null,
        qualifications: ['专精特新中小企业'],
      });
      await member('pending', { industry: '制造业', scale: 'medium', district: '岳塘区' }, { status: 'pending' });
      await member('deleted', { industry: '制造业', scale: 'medium', district: '岳塘区' }, { deleted: true });
      // Opted out of profile matching, no lists: nothing.
      await member('opted-out', {
        industry: '制造业',
        scale: 'medium',
        district: '岳塘区',
        qualifications: ['高新技术企业'],
      });
      await subscribe(ds, [users['opted-out']], { matchProfile: false });
      // List subscribers of no enterprise.
      [{ id: users['cat-tax'] }] = await newMembers(ds, null, 1, { status: null });
      await subscribe(ds, [users['cat-tax']], { matchProfile: false, categories: ['税收优惠'] });
      [{ id: users['cat-fund-yh'] }] = await newMembers(ds, null, 1, { status: null });
      await subscribe(ds, [users['cat-fund-yh']], {
        matchProfile: false,
        categories: ['资金扶持'],
        districts: ['雨湖区'],
      });
      [{ id: users['ind-soft'] }] = await newMembers(ds, null, 1, { status: null });
      await subscribe(ds, [users['ind-soft']], { matchProfile: false, industries: ['软件业'] });
      // Staff are never an audience.
      [{ id: users.butler }] = await newMembers(ds, null, 1, { status: null, role: 'butler' });
      admin = users.butler;
    }, SETUP_TIMEOUT_MS);

    const cases: Array<[string, PolicySpec, string[]]> = [
      [
        'no restriction: every profile matcher with an enterprise, every list that fits',
        {},
        ['yt-hitech', 'yh-small', 'no-district', 'cat-fund-yh', 'ind-soft'],
      ],
      [
        'a district list: its district only (a profile without one does not match)',
        { level: 'district', districts: ['岳塘区'], categories: ['税收优惠'] },
        ['yt-hitech', 'cat-tax', 'ind-soft'],
      ],
      [
        '全市 covers every district',
        { districts: ['全市'], categories: ['其他'] },
        ['yt-hitech', 'yh-small', 'no-district', 'ind-soft'],
      ],
      [
        'a provincial policy covers every district whatever its list',
        { level: 'provincial', districts: ['岳塘区'], categories: ['其他'] },
        ['yt-hitech', 'yh-small', 'no-district', 'ind-soft'],
      ],
      [
        'qualifications: any one held',
        { qualifications: ['高新技术企业', '专精特新中小企业'], categories: ['其他'] },
        ['yt-hitech', 'no-district', 'ind-soft'],
      ],
      [
        'industry and scale',
        { industries: ['制造业'], scales: ['medium', 'large'], categories: ['其他'] },
        ['yt-hitech', 'no-district'],
      ],
      [
        'a policy naming industries reaches an industry list only when it shares one',
        { industries: ['软件业'], categories: ['其他'] },
        ['yh-small', 'ind-soft'],
      ],
      ['expired yesterday: no profile matcher, no list subscriber', { validTo: YESTERDAY }, []],
      [
        'in force until today: matches',
        { validTo: TODAY, categories: ['其他'] },
        ['yt-hitech', 'yh-small', 'no-district', 'ind-soft'],
      ],
      [
        'in force from tomorrow: no profile matcher, but list subscribers hear of it',
        { validFrom: TOMORROW },
        ['cat-fund-yh', 'ind-soft'],
      ],
    ];

    it.each(cases)('%s', async (_name, spec, expected) => {
      const policy = await newPolicy(ds, { ...spec, status: 'draft' });
      const audience = await main.service.audience(policy);
      expect(audience.users).toBe(expected.length);

      const push = await publish(policy);
      if (expected.length === 0) expect(push).toBeNull();
      await main.worker.kick();
      expect((await deliveredTo(ds, policy)).map(label).sort()).toEqual([...expected].sort());
      // Delivered: the audience is empty now.
      expect((await main.service.audience(policy)).users).toBe(0);
    });

    it('counts enterprises, not members: two members of one enterprise are one enterprise', async () => {
      const e = await newEnterprise(ds, { district: '九华示范区', industry: '物流业', scale: 'large' });
      await newMembers(ds, e, 2);
      const policy = await newPolicy(ds, { industries: ['物流业'], categories: ['其他'], status: 'draft' });
      expect(await main.service.audience(policy)).toEqual({ enterprises: 1, users: 2 });
    });
  });

  describe('fan-out', () => {
    /** An enterprise in a district of its own, and a policy for that district only: the test's own audience. */
    async function cohort(n: number, credits = 0) {
      const district = `测试区${Math.random().toString(36).slice(2, 8)}`;
      const enterprise = await newEnterprise(ds, { district, industry: '文化旅游', scale: 'small' });
      const members = await newMembers(ds, enterprise, n, { credits });
      // Naming the cohort's industry keeps the list subscribers above out (their lists fit other policies).
      const policy = await newPolicy(ds, {
        level: 'district',
        districts: [district],
        industries: ['文化旅游'],
        status: 'draft',
      });
      return { enterprise, members, policy };
    }

    it('1,000 subscribers: 1,000 deliveries and inbox rows; credits spent and messages queued only for those who granted', async () => {
      const { members, policy } = await cohort(1000);
      const granted = members.filter((_, i) => i % 2 === 0).map((m) => m.id);
      await grant(ds, granted, 2);

      const push = await publish(policy);
      expect(push).toMatchObject({ status: 'queued', targeted: 0, inboxWritten: 0, policyId: policy });
      await main.worker.kick();

      expect(await pushedState(ds, policy)).toEqual({ deliveries: 1000, inbox: 1000, outbox: 500, duplicates: 0 });
      const [credits] = (await ds.query(
        `SELECT sum(credits)::int AS left, (count(*) FILTER (WHERE credits = 1))::int AS spent_one
         FROM subscription_grants WHERE template_id = $1 AND user_id = ANY ($2::uuid[])`,
        [POLICY_TEMPLATE, granted],
      )) as Array<{ left: number; spent_one: number }>;
      expect(credits).toEqual({ left: 500, spent_one: 500 });
      const progress = await main.service.progress(push!.id);
      expect(progress).toMatchObject({
        status: 'done',
        targeted: 1000,
        inboxWritten: 1000,
        sent: 0,
        skipped: 500, // not granted
        failed: 0,
        pending: 500, // queued for WeChat (no outbox worker runs here)
      });
      expect(progress.finishedAt).not.toBeNull();
      // The inbox row says what and where.
      const [n] = (await ds.query(`SELECT title, link FROM notifications WHERE user_id = $1 AND kind = 'policy'`, [
        members[1].id,
      ])) as Array<{ title: string; link: string }>;
      expect(n.link).toBe(`/packages/policies/pages/detail/index?id=${policy}`);
      expect(n.title).toMatch(/^新政策：关于支持企业发展/);
    });

    it('a worker that dies mid-run is taken over once its lease runs out, and the run still ends at exactly N', async () => {
      const n = PUSH_BATCH * 2 + 500;
      const { policy } = await cohort(n, 1);
      const first = await process();
      // The first worker dies in its second batch, after the batch's statement ran, before it commits.
      const realBatch = first.repo.fanOutBatch.bind(first.repo);
      let calls = 0;
      jest.spyOn(first.repo, 'fanOutBatch').mockImplementation(async (...args) => {
        const result = await realBatch(...args);
        if (++calls === 2) throw new Error('kill -9');
        return result;
      });
      const push = await publish(policy, first);
      await first.worker.kick();
      await first.worker.stop();
      // Of the run so far, exactly the committed batch stands.
      expect(await pushedState(ds, policy)).toEqual({
        deliveries: PUSH_BATCH,
        inbox: PUSH_BATCH,
        outbox: PUSH_BATCH,
        duplicates: 0,
      });
      expect(await main.service.progress(push!.id)).toMatchObject({ status: 'running', targeted: PUSH_BATCH });

      // Another process cannot take it while the dead worker's lease lasts …
      const second = await process();
      expect(await second.repo.claim(60_000)).toBeNull();
      // … and can once it ran out; the dead worker's fence no longer opens.
      await ds.query(`UPDATE policy_pushes SET locked_until = now() - interval '1 second' WHERE id = $1`, [push!.id]);
      await second.worker.kick();

      expect(await pushedState(ds, policy)).toEqual({ deliveries: n, inbox: n, outbox: n, duplicates: 0 });
      expect(await main.service.progress(push!.id)).toMatchObject({ status: 'done', targeted: n, inboxWritten: n });
      const stale = await ds.transaction((m) =>
        first.repo.lockForBatch(m, { id: push!.id, policyId: policy, attempts: 1 }),
      );
      expect(stale).toBeUndefined();
    });

    it('a second publish while the push is queued finds it; after it ran, a publish pushes nothing', async () => {
      const { policy } = await cohort(30);
      const idle = await process(ds, false); // a process that does not fan out: both publishes commit first
      const one = await publish(policy, idle);
      const two = await publish(policy, idle);
      expect(two?.id).toBe(one?.id);
      await main.worker.kick();
      expect((await pushedState(ds, policy)).deliveries).toBe(30);
      expect(await publish(policy)).toBeNull();
      await main.worker.kick();
      expect((await pushedState(ds, policy)).deliveries).toBe(30);
      const [{ pushes }] = (await ds.query(`SELECT count(*)::int AS pushes FROM policy_pushes WHERE policy_id = $1`, [
        policy,
      ])) as Array<{ pushes: number }>;
      expect(pushes).toBe(1);
    });

    it('withdraw and re-publish: nobody gets it twice; only a user new since then is pushed', async () => {
      const { enterprise, members, policy } = await cohort(40, 1);
      await publish(policy);
      await main.worker.kick();
      expect((await pushedState(ds, policy)).deliveries).toBe(40);

      await setPolicyStatus(ds, policy, 'withdrawn');
      expect(await publish(policy)).toBeNull();
      await setPolicyStatus(ds, policy, 'withdrawn');
      const [newcomer] = await newMembers(ds, enterprise, 1, { credits: 1 });
      const again = await publish(policy);
      expect(again).not.toBeNull();
      await main.worker.kick();
      expect(await main.service.progress(again!.id)).toMatchObject({ status: 'done', targeted: 1, inboxWritten: 1 });
      expect(await deliveredTo(ds, policy)).toEqual([...members.map((m) => m.id), newcomer.id].sort());
      expect(await pushedState(ds, policy)).toEqual({ deliveries: 41, inbox: 41, outbox: 41, duplicates: 0 });
    });

    it('a policy withdrawn before its push ran ends the push having sent nothing', async () => {
      const { policy } = await cohort(5);
      const idle = await process(ds, false);
      const push = await publish(policy, idle);
      await setPolicyStatus(ds, policy, 'withdrawn');
      await main.worker.kick();
      expect(await main.service.progress(push!.id)).toMatchObject({ status: 'done', targeted: 0, inboxWritten: 0 });
      expect((await pushedState(ds, policy)).deliveries).toBe(0);
    });

    it('lastPushIdOf: the latest push of the policy, null for one never pushed', async () => {
      const { policy } = await cohort(1);
      expect(await main.service.lastPushIdOf(policy)).toBeNull();
      const push = await publish(policy);
      expect(await main.service.lastPushIdOf(policy)).toBe(push!.id);
      expect(await main.service.lastPushIdsOf([policy])).toEqual(new Map([[policy, push!.id]]));
      await main.worker.kick();
    });

    onPostgres('two workers on one push at once (two processes) still deliver each user once', async () => {
      const { policy } = await cohort(PUSH_BATCH * 3, 1);
      const a = await process(await db.connect());
      const b = await process(await db.connect());
      const push = await publish(policy, a);
      // b takes the push over while a runs it: a's lease is cut short, b claims it.
      await Promise.all([
        a.worker.kick(),
        (async () => {
          await ds.query(`UPDATE policy_pushes SET locked_until = now() - interval '1 second' WHERE id = $1`, [
            push!.id,
          ]);
          await b.worker.kick();
        })(),
      ]);
      await main.worker.kick();
      expect(await pushedState(ds, policy)).toEqual({
        deliveries: PUSH_BATCH * 3,
        inbox: PUSH_BATCH * 3,
        outbox: PUSH_BATCH * 3,
        duplicates: 0,
      });
      expect(await main.service.progress(push!.id)).toMatchObject({ status: 'done', targeted: PUSH_BATCH * 3 });
    });
  });
});
