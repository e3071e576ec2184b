import { mockOpenid } from '../../../server/src/fake-wechat/fake-wechat.server';
import { makeCreditCode, withWrongCheckChar } from '../../../server/test/utils/factories';
import { expectRoute, signInStaff, signInWechat, startWeappJourney, type WeappJourney, weappTest } from './harness';

describe('weapp journey: sign in, bind an enterprise, see it in 我的', () => {
  let j: WeappJourney;
  beforeAll(async () => {
    j = await startWeappJourney();
  }, 90_000);
  afterAll(() => j?.close());

  weappTest(
    'wx.login through the fake WeChat → privacy consent → wrong credit code shows the Chinese error → bind → 我的 shows it',
    () => j,
    async () => {
      const app = await j.launch({ path: 'pages/index/index' });
      await app.tap('登录并绑定企业');
      expectRoute(app, 'packages/account/pages/login/index');
      expect(app.has('模拟微信登录')).toBe(false); // the H5 development sign-in is compiled out of weapp

      app.script.loginName = '赵六';
      await app.tap('微信一键登录');
      expectRoute(app, 'packages/account/pages/privacy/index');
      await app.tap('同意并继续');
      expectRoute(app, 'pages/me/index');
      expect(app.pageStack).toEqual(['pages/me/index']);
      // The fake WeChat turned wx.login's code into this openid; the consent is on the account.
      const [user] = await j.t.ds.query('SELECT consent_version FROM users WHERE openid = $1', [mockOpenid('赵六')]);
      expect(user.consent_version).toBeTruthy();

      await app.tap(app.byText('绑定企业', { exact: true }));
      expectRoute(app, 'packages/me/pages/bind/index');
      const code = makeCreditCode();
      await app.input(app.byClass('bind__code'), withWrongCheckChar(code));
      await app.input(app.byClass('bind__name'), '湘潭赵六机械有限公司');
      await app.input(app.byClass('bind__contact'), '赵六');
      await app.tap(app.byClass('bind__submit'));
      expect(app.text(app.byClass('bind__code-error'))).toBe('统一社会信用代码校验位不正确，请核对营业执照');
      expectRoute(app, 'packages/me/pages/bind/index');

      await app.input(app.byClass('bind__code'), code.toLowerCase());
      await app.tap(app.byClass('bind__submit'));
      expect(app.toasts.at(-1)).toMatchObject({ title: '绑定成功', icon: 'success' });
      expectRoute(app, 'pages/me/index');
      expect(app.text(app.byClass('me__enterprise-name'))).toBe('湘潭赵六机械有限公司');
      expect(app.has(`统一社会信用代码 ${code}`)).toBe(true);
      expect(app.has('已通过')).toBe(true);
      expect(app.has('企业管理员')).toBe(true);
      const [row] = await j.t.ds.query('SELECT name FROM enterprises WHERE credit_code = $1', [code]);
      expect(row.name).toBe('湘潭赵六机械有限公司');
      // Staff pages live in their own subpackage, which an enterprise user never downloads.
      expect(app.loadedPackages).toEqual(new Set(['', 'packages/account', 'packages/me']));
    },
  );

  weappTest(
    'a signed-in user restarting the mini-program stays signed in (storage survives)',
    () => j,
    async () => {
      let app = await j.launch();
      await signInWechat(app, '钱七');
      const session = app.storage('qsgj.session');
      app = await j.launch({ path: 'pages/me/index', storage: { 'qsgj.session': session } });
      expect(app.has('绑定企业')).toBe(true);
      expect(app.has('您还没有登录')).toBe(false);
    },
  );
});

describe('weapp journey: staff sign-in', () => {
  let j: WeappJourney;
  beforeAll(async () => {
    j = await startWeappJourney();
  }, 90_000);
  afterAll(() => j?.close());

  weappTest(
    'a butler signs in with username and password and reaches the workbench home',
    () => j,
    async () => {
      const app = await j.launch();
      await app.tapTab('我的');
      await app.tap('登录');
      await app.tap('工作人员登录');
      expectRoute(app, 'packages/account/pages/staff-login/index');
      await signInStaff(app, 'guanjia', 'Qsgj#2026');
      expectRoute(app, 'packages/workbench/pages/index/index');
      expect(app.text(app.byClass('workbench__title'))).toBe('管家工作台');
      expect(app.text(app.byClass('workbench__who'))).toBe('李管家 · 亲商管家');
      expect(app.loadedPackages).toEqual(new Set(['', 'packages/account', 'packages/workbench']));
    },
  );

  weappTest(
    'a wrong password says so in Chinese, as for an unknown username (no attempts count)',
    () => j,
    async () => {
      const app = await j.launch({ path: 'packages/account/pages/staff-login/index' });
      await app.input(app.byClass('staff-login__username'), 'guanjia.sw');
      await app.input(app.byClass('staff-login__password'), 'Wrong#1pass');
      await app.confirm(app.byClass('staff-login__password'));
      expect(app.text(app.byClass('staff-login__error'))).toBe('用户名或密码错误');
    },
  );
});
