import { makeCreditCode, withWrongCheckChar } from '../../../server/test/utils/factories';
import { devSignIn, type Journey, journeyTest, startJourney } from './harness';

describe('journey: sign in, bind an enterprise, see it in 我的', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    'dev sign-in → wrong credit code shows the Chinese error → bind → 我的 shows the enterprise',
    () => j,
    async () => {
      await devSignIn(j, '赵六');
      const me = j.current();
      await me.getByText('绑定企业', { exact: true }).last().click();
      await j.waitForRoute('/packages/me/pages/bind/index');
      const form = j.current();
      const code = makeCreditCode();
      await form.locator('.bind__code input').fill(withWrongCheckChar(code));
      await form.locator('.bind__name input').fill('湘潭赵六机械有限公司');
      await form.locator('.bind__contact input').fill('赵六');
      await form.locator('.bind__submit').click();
      await expect(form.locator('.bind__code-error').innerText()).resolves.toBe(
        '统一社会信用代码校验位不正确，请核对营业执照',
      );

      await form.locator('.bind__code input').fill(code.toLowerCase());
      await form.locator('.bind__submit').click();
      await j.waitForRoute('/pages/me/index');
      const profile = j.current();
      await profile.getByText('湘潭赵六机械有限公司').waitFor();
      await expect(profile.getByText(`统一社会信用代码 ${code}`).isVisible()).resolves.toBe(true);
      await expect(profile.getByText('已通过').isVisible()).resolves.toBe(true);
      await expect(profile.getByText('企业管理员').isVisible()).resolves.toBe(true);
      const [row] = await j.t.ds.query('SELECT name FROM enterprises WHERE credit_code = $1', [code]);
      expect(row.name).toBe('湘潭赵六机械有限公司');
    },
  );

  journeyTest(
    'the server’s error is shown in place when the enterprise is already bound',
    () => j,
    async () => {
      await j.open('/packages/me/pages/bind/index');
      const form = j.current();
      await form.locator('.bind__code input').fill(makeCreditCode());
      await form.locator('.bind__name input').fill('另一家公司');
      await form.locator('.bind__contact input').fill('赵六');
      await form.locator('.bind__submit').click();
      await expect(form.locator('.bind__form-error').innerText()).resolves.toContain('您已绑定企业');
    },
  );
});

describe('journey: staff sign-in', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    'a butler signs in and reaches the workbench',
    () => j,
    async () => {
      await j.open('/packages/account/pages/staff-login/index');
      await j.current().locator('.staff-login__username input').fill('guanjia');
      await j.current().locator('.staff-login__password input').fill('Qsgj#2026');
      await j.current().locator('.staff-login__submit').click();
      await j.waitForRoute('/packages/workbench/pages/index/index');
      await j.current().getByText('管家工作台', { exact: true }).waitFor();
      await expect(j.current().getByText('李管家 · 亲商管家').isVisible()).resolves.toBe(true);
    },
  );

  journeyTest(
    'a locked account sees the lock message',
    () => j,
    async () => {
      await j.freshPage();
      await j.open('/packages/account/pages/staff-login/index');
      const page = j.current();
      await page.locator('.staff-login__username input').fill('guanjia.sw');
      for (let i = 1; i <= 4; i++) {
        await page.locator('.staff-login__password input').fill(`Wrong#${i}pass`);
        await page.locator('.staff-login__submit').click();
        // The same answer as for an unknown username: no attempts count (it would tell the two apart).
        await expect(page.locator('.staff-login__error').innerText()).resolves.toBe('用户名或密码错误');
      }
      await page.locator('.staff-login__password input').fill('Wrong#5pass');
      await page.locator('.staff-login__submit').click();
      await expect(page.locator('.staff-login__error').innerText()).resolves.toBe(
        '密码连续输错次数过多，账号已锁定 30 分钟，请稍后再试或联系管理员',
      );
      // Even the right password is refused while locked.
      await page.locator('.staff-login__password input').fill('Qsgj#2026');
      await page.locator('.staff-login__submit').click();
      await expect(page.locator('.staff-login__error').innerText()).resolves.toContain('账号已锁定');
    },
  );
});
