import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { PublicStatsResponse } from '@qsgj/shared/contracts';
import { __reset, __setRequest, calls } from '../shims/taro';
import PublicStatsPage from '../../src/packages/cases/pages/public/index';
import { saveSession, sessionStore } from '../../src/stores/session';

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-pages').taroWithPageHooks());

const SEED: PublicStatsResponse = {
  city: { received: 108, resolved: 100, longTerm: 8, rated: 81, satisfied: 75, satisfactionRate: 0.9259 },
  departments: [
    {
      name: '市发展改革委',
      received: 40,
      resolved: 38,
      longTerm: 2,
      rated: 30,
      satisfied: 29,
      satisfactionRate: 0.9667,
    },
    { name: '市自然资源局', received: 3, resolved: 1, longTerm: 2, rated: 0, satisfied: 0, satisfactionRate: null },
  ],
  generatedAt: '2026-11-20T06:05:00.000Z',
};

let answer: { statusCode: number; data: unknown };

beforeEach(() => {
  __reset();
  sessionStore.set(null);
  answer = { statusCode: 200, data: SEED };
  __setRequest(async (options) => (options.url === '/api/v1/stats/public' ? answer : { statusCode: 404, data: null }));
});
afterEach(cleanup);

describe('服务公开', () => {
  it('shows the city’s figures like the seed’s, the satisfaction rate and each department, without signing in', async () => {
    render(<PublicStatsPage />);
    expect((await screen.findByText(/^受理 108 件/)).textContent).toBe('受理 108 件，办结 100 件，8 件长期跟踪');
    const figure = (k: string) =>
      document.querySelector(`.public-stats__figure--${k} .public-stats__value`)!.textContent;
    expect([figure('received'), figure('resolved'), figure('long-term'), figure('satisfaction')]).toEqual([
      '108',
      '100',
      '8',
      '92.6%',
    ]);
    expect(document.querySelector('.public-stats__rate-note')!.textContent).toContain('75 件 ÷ 有效评价 81 件');
    const rows = Array.from(document.querySelectorAll('.public-stats__dept')).map((r) =>
      Array.from(r.children).map((c) => c.textContent),
    );
    expect(rows).toEqual([
      ['市发展改革委', '40', '38', '2', '96.7%'],
      ['市自然资源局', '3', '1', '2', '—'],
    ]);
    expect(document.querySelector('.public-stats__note')!.textContent).toContain('截至 14:05');
    expect(calls.request).toHaveLength(1);
    expect(calls.request[0].header.Authorization).toBeUndefined();
  });

  it('never sends a signed-in user’s token with the public figures', async () => {
    saveSession({
      accessToken: 'secret',
      refreshToken: 'r',
      expiresIn: 7200,
      user: { id: 'u1', role: 'enterprise', displayName: '周一', mustChangePassword: false },
      consentRequired: false,
    });
    render(<PublicStatsPage />);
    await screen.findByText(/^受理 108 件/);
    expect(calls.request[0].header.Authorization).toBeUndefined();
  });

  it('says when there is nothing to show yet', async () => {
    answer = {
      statusCode: 200,
      data: { ...SEED, city: { ...SEED.city, received: 0, resolved: 0, longTerm: 0 }, departments: [] },
    };
    render(<PublicStatsPage />);
    expect(await screen.findByText('暂无公开数据')).toBeTruthy();
    expect(document.querySelector('.public-stats__headline')).toBeNull();
  });

  it('shows a failure with a retry', async () => {
    answer = {
      statusCode: 503,
      data: { code: 'INTERNAL_ERROR', message: '服务器开小差了，请稍后再试', requestId: 'r' },
    };
    render(<PublicStatsPage />);
    expect(await screen.findByText('服务器开小差了，请稍后再试')).toBeTruthy();
    answer = { statusCode: 200, data: SEED };
    fireEvent.click(screen.getByText('重新加载'));
    expect(await screen.findByText(/^受理 108 件/)).toBeTruthy();
  });
});
