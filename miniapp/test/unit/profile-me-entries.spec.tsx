import { act, fireEvent, render, screen } from '@testing-library/react';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, __setRequest, calls } from '../shims/taro';
import MePage from '../../src/pages/me/index';
import { saveSession, sessionStore } from '../../src/stores/session';

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-pages').taroWithPageHooks());

const session = (role: 'enterprise' | 'butler') => ({
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresIn: 7200,
  user: { id: 'u1', role, displayName: '周一', mustChangePassword: false },
  consentRequired: false,
});
const me = (role: string, membership: unknown) => ({
  id: 'u1',
  role,
  nickname: '周一',
  phone: null,
  largeFont: false,
  consentVersion: '1',
  consentRequired: false,
  membership,
  department: null,
  mustChangePassword: false,
});
const enterprise = {
  id: 'e1',
  name: '湘潭示范科技有限公司',
  creditCode: '91430300MA4L000000',
  scale: null,
  district: null,
};
const membership = (status: string) => ({ role: 'member', status, enterprise });

async function openMe(role: 'enterprise' | 'butler', membershipOf: unknown) {
  saveSession(session(role));
  __setRequest(async ({ url }) => {
    const path = String(url).replace(/^\/api\/v1/, '');
    if (path === '/me') return { statusCode: 200, data: me(role, membershipOf) };
    if (path === '/cases/counts') return { statusCode: 200, data: { resolved: 0, open: 0, mine: 0 } };
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '资源不存在' } };
  });
  await act(async () => {
    render(<MePage />);
  });
}
const entries = () => Array.from(document.querySelectorAll('.me__entry-title')).map((e) => e.textContent);

beforeEach(() => {
  __reset();
  sessionStore.set(null);
});

describe('我的: the entries', () => {
  it('an approved member: 一企一档, 政策订阅, 我的收藏, 我的申报, 我的报名, 我的供需, each opening its page', async () => {
    await openMe('enterprise', membership('approved'));
    const all = ['一企一档', '政策订阅', '我的收藏', '我的申报', '我的报名', '我的供需'];
    expect(entries()).toEqual(all);
    for (const name of all)
      await act(async () => {
        fireEvent.click(screen.getByText(name));
      });
    expect(calls.navigate).toEqual([
      PAGES.enterpriseProfile,
      PAGES.policySubscriptions,
      PAGES.policyFavorites,
      PAGES.policyApplications,
      PAGES.myRegistrations,
      PAGES.myMarketPosts,
    ]);
  });

  it('an enterprise user without an approved binding: no 一企一档, the rest', async () => {
    await openMe('enterprise', null);
    expect(entries()).toEqual(['政策订阅', '我的收藏']);
    document.body.innerHTML = '';
    await openMe('enterprise', membership('pending'));
    expect(entries()).toEqual(['政策订阅', '我的收藏']);
  });

  it('staff: none', async () => {
    await openMe('butler', null);
    expect(screen.getByText('进入管家工作台')).toBeTruthy();
    expect(entries()).toEqual([]);
  });
});
