import { makeCreditCode, signInWechat as signInByApi } from '../../../server/test/utils/factories';
import type { Problem, WeappRuntime } from '../weapp-runtime';
import { expectRoute, signInWechat, startWeappJourney, type WeappJourney, weappTest } from './harness';

const MEMBERS = 'packages/me/pages/members/index';

/** A members page the server never sends: a row without `requestedAt`, which the row needs to render. */
function breakMembersAnswer(app: WeappRuntime, requestId: string): void {
  app.script.respond = ({ path }) =>
    path.startsWith('/api/v1/me/enterprise/members')
      ? {
          data: {
            items: [{ userId: 'u-broken', contactName: '坏数据', role: 'member', status: 'pending' }],
            nextCursor: null,
          },
          header: { 'x-request-id': requestId },
        }
      : undefined;
}

/** The problems a render error leaves in WeChat's console: React's own report and ours. Claimed, so the rest must be clean. */
function claimRenderError(app: WeappRuntime): Problem[] {
  return app.claimProblems((p) => p.kind === 'console-error' && /reading 'slice'|\[页面出错\]/.test(p.message));
}

describe('weapp journey: a page that fails to render', () => {
  let j: WeappJourney;
  beforeAll(async () => {
    j = await startWeappJourney();
    // An owner whose enterprise another user asked to join: the members page has 吴二 in it.
    const code = makeCreditCode();
    const owner = await signInByApi(j.t, 'owner-errors');
    await j.t.http
      .post('/api/v1/me/enterprise')
      .set(owner.auth)
      .send({ creditCode: code, name: '湘潭出错测试有限公司', contactName: '周一' });
    const joiner = await signInByApi(j.t, 'joiner-errors');
    await j.t.http
      .post('/api/v1/me/enterprise')
      .set(joiner.auth)
      .send({ creditCode: code, name: '湘潭出错测试有限公司', contactName: '吴二' });
  }, 90_000);
  afterAll(() => j?.close());

  weappTest(
    'a malformed answer shows 页面出错了 with its request id, reported to WeChat’s real-time log; 重试 renders the page',
    () => j,
    async () => {
      const app = await j.launch();
      await signInWechat(app, 'owner-errors');
      breakMembersAnswer(app, 'req-weapp-broken-1');
      await app.tap('管理企业成员');
      expectRoute(app, MEMBERS);

      // Not a blank page: the error view, with the id to quote.
      expect(app.has('页面出错了')).toBe(true);
      expect(app.has('错误编号：req-weapp-broken-1')).toBe(true);
      expect(app.byClass('qs-page').classes).toContain('members');
      const report = app.realtimeLogs.find((l) => l.level === 'error');
      expect(report).toMatchObject({ args: ['页面出错', { route: `/${MEMBERS}`, requestId: 'req-weapp-broken-1' }] });
      expect(report?.filterMsg).toEqual(['page-error']);
      const problems = claimRenderError(app);
      expect(problems.map((p) => p.message).join('\n')).toMatch(/\[页面出错\].*req-weapp-broken-1/);

      // The server answers properly again: 重试 mounts the page's content afresh, which loads the list.
      app.script.respond = undefined;
      const before = app.requests.length;
      await app.tap('重试');
      expect(app.has('页面出错了')).toBe(false);
      expect(app.has('吴二')).toBe(true);
      expect(app.requests.slice(before).map((r) => `${r.method} ${r.path} → ${r.status}`)).toEqual([
        'GET /api/v1/me/enterprise/members → 200',
      ]);
    },
  );

  weappTest(
    '返回首页 leaves the broken page for the home tab',
    () => j,
    async () => {
      const app = await j.launch();
      await signInWechat(app, 'owner-errors');
      breakMembersAnswer(app, 'req-weapp-broken-2');
      await app.tap('管理企业成员');
      expect(app.has('页面出错了')).toBe(true);
      expect(claimRenderError(app).length).toBeGreaterThan(0);

      await app.tap('返回首页');
      expectRoute(app, 'pages/index/index');
      expect(app.pageStack).toEqual(['pages/index/index']); // reLaunch: nothing to go back to
      expect(app.has('六大服务')).toBe(true);
    },
  );
});
