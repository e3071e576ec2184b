import { mockOpenid } from '../../../server/src/fake-wechat/fake-wechat.server';
import { waitFor } from '../../../server/test/utils/wait';
import { expectRoute, signInWechat, startWeappJourney, type WeappJourney, weappTest } from './harness';

const QUESTION = '小程序旅程：新建厂房的消防验收和竣工验收能否并联办理？';

describe('weapp journey: 管家团队', () => {
  let j: WeappJourney;
  beforeAll(async () => {
    j = await startWeappJourney();
  }, 90_000);
  afterAll(() => j?.close());

  weappTest(
    'a member of a demo enterprise: 管家团队 from the home page → 我的管家 (full phone, 拨打电话) → 向TA咨询: the case is addressed to that butler',
    () => j,
    async () => {
      const app = await j.launch();
      await signInWechat(app, '管家旅程成员');
      const [enterprise] = await j.t.ds.query(
        `SELECT e.id, e.butler_id, u.name AS butler_name, u.phone AS butler_phone
         FROM enterprises e JOIN users u ON u.id = e.butler_id WHERE e.name = '湘潭智造电机有限公司'`,
      );
      await j.t.ds.query(
        `INSERT INTO enterprise_members (enterprise_id, user_id, role, status, decided_at)
         SELECT $1, id, 'member', 'approved', now() FROM users WHERE openid = $2`,
        [enterprise.id, mockOpenid('管家旅程成员')],
      );

      await app.tapTab('首页');
      await app.tap('管家团队');
      expectRoute(app, 'packages/butlers/pages/list/index');
      await app.waitFor(() => app.allByClass('butler-card').length > 3, { what: 'the directory' });
      // 我的管家 on top: this enterprise's butler.
      const mine = app.byClass('butlers__mine-card');
      expect(app.text(app.byClass('butler-card__name', mine))).toBe(enterprise.butler_name);
      // The directory shows every other butler's phone masked.
      const others = app
        .allByClass('butler-card')
        .filter((n) => app.text(app.byClass('butler-card__name', n)) !== enterprise.butler_name);
      expect(others.length).toBeGreaterThan(2);
      expect(others.every((n) => app.text(n).includes('****'))).toBe(true);

      await app.tap(mine);
      expectRoute(app, 'packages/butlers/pages/detail/index');
      expect(app.query.id).toBe(enterprise.butler_id);
      await app.waitFor(() => app.allByClass('butler-detail__phone').length === 1, { what: 'the detail' });
      // The butler serves this enterprise: the phone in full, and it can be called.
      expect(app.text(app.byClass('butler-detail__phone'))).toBe(enterprise.butler_phone);
      await app.tap('拨打电话');
      expect(app.mediaCalls.at(-1)).toMatchObject({ api: 'makePhoneCall', phoneNumber: enterprise.butler_phone });

      await app.tap('向TA咨询');
      expectRoute(app, 'packages/cases/pages/new/index');
      expect(app.text(app.byClass('case-form__butler'))).toContain(`向 ${enterprise.butler_name} 咨询`);
      await app.input(app.byClass('case-form__text'), QUESTION);
      await app.tap(app.byClass('case-form__submit'));
      expectRoute(app, 'packages/cases/pages/detail/index');

      const [kase] = await waitFor(
        'the case to be stored',
        async () => {
          const rows = await j.t.ds.query(
            'SELECT type, addressed_butler_id FROM cases WHERE enterprise_id = $1 AND content = $2',
            [enterprise.id, QUESTION],
          );
          return rows.length ? rows : null;
        },
        5000,
      );
      expect(kase).toEqual({ type: 'consult', addressed_butler_id: enterprise.butler_id });
    },
    90_000,
  );

  weappTest(
    'a visitor: another butler opened cold (a share) shows the masked phone, no 拨打电话, and 向TA咨询 asks to sign in first',
    () => j,
    async () => {
      const [wang] = await j.t.ds.query(`SELECT id FROM users WHERE username = 'guanjia.sj'`);
      const app = await j.launch({ path: 'packages/butlers/pages/detail/index', query: { id: wang.id } });
      await app.waitFor(() => app.allByClass('butler-detail__phone').length === 1, { what: 'the detail' });
      expect(app.has('王管家')).toBe(true);
      expect(app.text(app.byClass('butler-detail__phone'))).toContain('****');
      expect(app.has('拨打电话')).toBe(false);
      await app.tap('向TA咨询');
      expectRoute(app, 'packages/account/pages/login/index');
      expect(decodeURIComponent(app.query.redirect)).toContain(`butlerId=${wang.id}`);
    },
  );
});
