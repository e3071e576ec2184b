import { act, fireEvent, render, screen } from '@testing-library/react';
import type { MatchedPoliciesResponse, PolicyDetail, PolicyListItem } from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, __setRequest, calls } from '../shims/taro';
import { flush, ok, requests as sent } from './support';
import PolicyDetailPage from '../../src/packages/policies/pages/detail/index';
import PolicyFavoritesPage from '../../src/packages/policies/pages/favorites/index';
import PoliciesPage from '../../src/pages/policies/index';
import { saveSession, sessionStore } from '../../src/stores/session';
import { trigger } from './taro-pages';

const mockRouter = { params: {} as Record<string, string> };
const mockShare: Array<() => { title: string; path: string }> = [];
jest.mock('@tarojs/taro', () => ({
  ...jest.requireActual('./taro-pages').taroWithPageHooks(),
  useRouter: () => mockRouter,
  useShareAppMessage: (fn: () => { title: string; path: string }) => void mockShare.push(fn),
}));

const owner = {
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresIn: 7200,
  user: { id: 'u-owner', role: 'enterprise' as const, displayName: '周一', mustChangePassword: false },
  consentRequired: false,
};
const butler = { ...owner, user: { ...owner.user, id: 'u-staff', role: 'butler' as const, displayName: '管家' } };

function item(over: Partial<PolicyListItem> = {}): PolicyListItem {
  return {
    id: 'p1',
    title: '关于增值税期末留抵退税的通知',
    docNumber: '潭税发〔2026〕3号',
    issuer: '国家税务总局湘潭市税务局',
    level: 'city',
    categories: ['财税金融'],
    summary: '小微企业可按月申请退还增量留抵税额。',
    validFrom: '2026-01-01',
    validTo: '2027-12-31',
    publishedAt: '2026-01-02T02:00:00.000Z',
    status: 'published',
    ...over,
  };
}

function detail(over: Partial<PolicyDetail> = {}): PolicyDetail {
  return {
    ...item(),
    eligibility: { industries: [], scales: ['small', 'micro'], districts: ['全市'], qualifications: [] },
    body: '<p>第一条 <strong>留抵退税</strong>办理</p>',
    interpretation: '<p>解读：哪些企业可以申请</p>',
    attachments: [{ name: '申请表.docx', url: 'https://example.gov.cn/a.docx' }],
    sourceUrl: null,
    favorite: false,
    match: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

type Answer = { statusCode: number; data: unknown };
/** Answers by "METHOD path?query"; anything else 404. */
function serve(routes: Record<string, Answer | ((url: string) => Answer)>) {
  __setRequest(async ({ url, method }) => {
    const path = String(url).replace(/^\/api\/v1/, '');
    const key = `${method ?? 'GET'} ${path}`;
    const route = routes[key] ?? routes[`${method ?? 'GET'} ${path.split('?')[0]}`];
    if (!route) return { statusCode: 404, data: { code: 'NOT_FOUND', message: '资源不存在' } };
    return typeof route === 'function' ? route(path) : route;
  });
}
const page = (items: PolicyListItem[], nextCursor: string | null = null) => ok({ items, nextCursor });

beforeEach(() => {
  __reset();
  sessionStore.set(null);
  mockRouter.params = {};
  mockShare.length = 0;
  jest.useRealTimers();
});

describe('政策 tab', () => {
  it('a visitor: one request, the library with tags, issuer and validity; no 为您匹配', async () => {
    serve({ 'GET /policies': page([item(), item({ id: 'p2', title: '稳岗补贴', level: 'national' })]) });
    const { container } = await act(async () => render(<PoliciesPage />));
    await flush();
    expect(sent()).toEqual(['GET /policies?limit=20']);
    expect(screen.getByText('涉企政策库')).toBeTruthy();
    const cards = Array.from(container.querySelectorAll('.policy-card'));
    expect(cards.map((c) => c.getAttribute('data-id'))).toEqual(['p1', 'p2']);
    expect(cards[1].querySelector('.policy-card__level')!.textContent).toBe('国家级');
    expect(container.querySelector('.policies__matched')).toBeNull();
  });

  it('searches on confirm, shows the hits marked, and keeps the query in the history', async () => {
    serve({
      'GET /policies': page([item()]),
      'GET /policies?q=%E7%95%99%E6%8A%B5%E9%80%80%E7%A8%8E&limit=20': page([
        item({
          highlight: {
            title: [
              { text: '关于增值税期末', hit: false },
              { text: '留抵退税', hit: true },
              { text: '的通知', hit: false },
            ],
            snippet: [],
          },
        }),
      ]),
    });
    const { container } = await act(async () => render(<PoliciesPage />));
    const input = container.querySelector('.policies__input') as HTMLInputElement;
    fireEvent.change(input, { target: { value: ' 留抵退税 ' } });
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter', target: { value: ' 留抵退税 ' } });
    });
    await flush();
    expect(sent()).toContain(`GET /policies?q=${encodeURIComponent('留抵退税')}&limit=20`);
    expect(Array.from(container.querySelectorAll('.policy-hl__hit')).map((n) => n.textContent)).toEqual(['留抵退税']);
    expect(screen.getByText('搜索「留抵退税」')).toBeTruthy();

    // Cleared: the whole library again, and the history offers the search (a tap searches it again).
    await act(async () => fireEvent.click(screen.getByText('清除')));
    await flush();
    expect(sent().at(-1)).toBe('GET /policies?limit=20');
    const history = container.querySelector('.policies__history')!;
    expect(history.textContent).toContain('留抵退税');
    await act(async () => fireEvent.click(screen.getByText('留抵退税', { selector: '.policies__history-item' })));
    await flush();
    expect(sent().at(-1)).toBe(`GET /policies?q=${encodeURIComponent('留抵退税')}&limit=20`);
    // 清空 empties it, on the device too.
    await act(async () => fireEvent.click(screen.getByText('清除')));
    await act(async () => fireEvent.click(screen.getByText('清空')));
    expect(container.querySelector('.policies__history')).toBeNull();
  });

  it('asks for suggestions once typing pauses, and a tapped suggestion searches', async () => {
    jest.useFakeTimers();
    serve({
      'GET /policies': page([item()]),
      'GET /policies/suggestions': ok({ items: ['留抵退税', '留抵退税办理指南'] }),
    });
    const { container } = await act(async () => render(<PoliciesPage />));
    const input = container.querySelector('.policies__input') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '留' } });
    await act(async () => jest.advanceTimersByTime(100));
    fireEvent.change(input, { target: { value: '留抵' } });
    await act(async () => jest.advanceTimersByTime(299));
    expect(sent().filter((r) => r.includes('suggestions'))).toEqual([]);
    await act(async () => jest.advanceTimersByTime(1));
    await flush();
    // One request, for the text typed last.
    expect(sent().filter((r) => r.includes('suggestions'))).toEqual([
      `GET /policies/suggestions?q=${encodeURIComponent('留抵')}`,
    ]);
    const options = Array.from(container.querySelectorAll('.policies__suggestion')).map((n) => n.textContent);
    expect(options).toEqual(['留抵退税', '留抵退税办理指南']);
    await act(async () => fireEvent.click(screen.getByText('留抵退税办理指南')));
    await flush();
    expect(sent().at(-1)).toBe(`GET /policies?q=${encodeURIComponent('留抵退税办理指南')}&limit=20`);
    expect(container.querySelector('.policies__suggestions')).toBeNull();
  });

  it('filters: dictionaries load when the panel opens; level, category, district and 含已过期 go to the query', async () => {
    serve({
      'GET /policies': page([item()]),
      'GET /dictionaries/categories': ok({
        kind: 'categories',
        items: [
          { id: 1, kind: 'categories', value: '财税金融', sort: 1, active: true },
          { id: 2, kind: 'categories', value: '人才就业', sort: 2, active: true },
        ],
      }),
      'GET /dictionaries/districts': ok({
        kind: 'districts',
        items: [{ id: 3, kind: 'districts', value: '岳塘区', sort: 1, active: true }],
      }),
    });
    const { container } = await act(async () => render(<PoliciesPage />));
    expect(sent()).toEqual(['GET /policies?limit=20']);
    await act(async () => fireEvent.click(screen.getByText('筛选')));
    await flush();
    expect(sent().slice(1).sort()).toEqual(['GET /dictionaries/categories', 'GET /dictionaries/districts']);
    await act(async () => fireEvent.click(screen.getByText('省级')));
    await flush();
    expect(sent().at(-1)).toBe('GET /policies?level=provincial&limit=20');
    await act(async () => fireEvent.click(screen.getByText('人才就业')));
    await act(async () => fireEvent.click(screen.getByText('岳塘区')));
    await act(async () => fireEvent.click(screen.getByText('含已过期')));
    await flush();
    expect(sent().at(-1)).toBe(
      `GET /policies?category=${encodeURIComponent('人才就业')}&level=provincial&district=${encodeURIComponent('岳塘区')}&status=all&limit=20`,
    );
    expect(screen.getByText('筛选（4）')).toBeTruthy();
    expect(container.querySelector('.policies__expired')!.getAttribute('aria-pressed')).toBe('true');
    await act(async () => fireEvent.click(screen.getByText('重置')));
    await flush();
    expect(sent().at(-1)).toBe('GET /policies?limit=20');
  });

  it('says so when nothing is found, and offers a retry when the search fails', async () => {
    let fail = true;
    serve({
      'GET /policies': () =>
        fail ? { statusCode: 503, data: { code: 'INTERNAL_ERROR', message: '服务暂时不可用' } } : page([]),
    });
    await act(async () => render(<PoliciesPage />));
    await flush();
    expect(screen.getByText('加载失败')).toBeTruthy();
    fail = false;
    await act(async () => fireEvent.click(screen.getByText('重新加载')));
    await flush();
    expect(screen.getByText('没有符合筛选条件的政策')).toBeTruthy();
  });

  it('an enterprise: 为您匹配 after the results, with 符合/尚缺 chips, 查看全部 and the 一企一档 prompt', async () => {
    saveSession(owner);
    const matched: MatchedPoliciesResponse = {
      gaps: ['district'],
      thin: false,
      items: [1, 2, 3, 4].map((n) => ({
        policy: item({ id: `m${n}`, title: `匹配政策${n}` }),
        match: { eligible: n !== 4, met: ['制造业'], missing: n === 4 ? ['高新技术企业'] : [] },
      })),
    };
    let answer!: () => void;
    const results = new Promise<Answer>((resolve) => (answer = () => resolve(page([item()]))));
    serve({ 'GET /policies': () => results as unknown as Answer, 'GET /policies/matched': ok(matched) });
    const { container } = await act(async () => render(<PoliciesPage />));
    await flush();
    // The results first (the page's first render waits for one request); 为您匹配 once they are on screen.
    expect(sent()).toEqual(['GET /policies?limit=20']);
    await act(async () => answer());
    await flush();
    expect(sent()).toEqual(['GET /policies?limit=20', 'GET /policies/matched?limit=20']);
    const section = container.querySelector('.policies__matched')!;
    expect(section.querySelectorAll('.policy-card')).toHaveLength(3);
    expect(section.textContent).toContain('符合：制造业');
    await act(async () => fireEvent.click(screen.getByText('查看全部（4）')));
    expect(section.querySelectorAll('.policy-card')).toHaveLength(4);
    expect(section.textContent).toContain('尚缺：高新技术企业');
    fireEvent.click(screen.getByText('完善一企一档，获取精准匹配'));
    expect(calls.navigate).toEqual([PAGES.enterpriseProfile]);
    // Back from 一企一档: asked again.
    trigger('hide');
    await act(async () => trigger('show'));
    await flush();
    expect(sent().filter((r) => r.startsWith('GET /policies/matched'))).toHaveLength(2);
  });

  it('no prompt when the profile has no gaps; no section when the user has no approved enterprise', async () => {
    saveSession(owner);
    serve({
      'GET /policies': page([item()]),
      'GET /policies/matched': ok({ gaps: [], thin: false, items: [] }),
    });
    const first = await act(async () => render(<PoliciesPage />));
    await flush();
    expect(screen.queryByText('完善一企一档，获取精准匹配')).toBeNull();
    expect(screen.getByText('暂无与本企业匹配的在有效期内的政策')).toBeTruthy();
    first.unmount();

    serve({
      'GET /policies': page([item()]),
      'GET /policies/matched': { statusCode: 403, data: { code: 'FORBIDDEN', message: '请先绑定企业' } },
    });
    const { container } = await act(async () => render(<PoliciesPage />));
    await flush();
    expect(container.querySelector('.policies__matched')).toBeNull();
    expect(container.querySelectorAll('.policy-card')).toHaveLength(1);
  });

  it('staff: no 为您匹配 request', async () => {
    saveSession(butler);
    serve({ 'GET /policies': page([item()]) });
    await act(async () => render(<PoliciesPage />));
    await flush();
    expect(sent()).toEqual(['GET /policies?limit=20']);
  });
});

describe('政策详情', () => {
  it('shows the policy, its eligibility in words, 正文 and 解读 as rich text, and shares its own path', async () => {
    mockRouter.params = { id: 'p1' };
    serve({ 'GET /policies/p1': ok(detail()) });
    const { container } = await act(async () => render(<PolicyDetailPage />));
    await flush();
    expect(container.querySelector('.policy-detail__title')!.textContent).toBe('关于增值税期末留抵退税的通知');
    expect(container.querySelector('.policy-detail__doc-number')!.textContent).toContain('潭税发〔2026〕3号');
    expect(container.querySelector('.policy-detail__validity')!.textContent).toContain('2026-01-01 至 2027-12-31');
    expect(container.querySelector('.policy-detail__validity-tag')!.textContent).toBe('有效期内');
    expect(container.querySelector('.policy-detail__eligibility')!.textContent).toContain('小型企业、微型企业');
    const rich = () =>
      Array.from(container.querySelectorAll('.policy-detail__rich-piece')).map((n) => n.getAttribute('data-nodes'));
    expect(rich()).toEqual(['<p>第一条 <strong>留抵退税</strong>办理</p>']);
    await act(async () => fireEvent.click(screen.getByText('政策解读')));
    expect(rich()).toEqual(['<p>解读：哪些企业可以申请</p>']);
    expect(mockShare.at(-1)!()).toEqual({ title: '关于增值税期末留抵退税的通知', path: `${PAGES.policyDetail}?id=p1` });
    // No 符合/尚缺 without a match.
    expect(container.querySelector('.policy-match')).toBeNull();
  });

  it('an expired policy says so; a match shows 符合 and 尚缺', async () => {
    mockRouter.params = { id: 'p1' };
    saveSession(owner);
    serve({
      'GET /policies/p1': ok(
        detail({
          status: 'expired',
          match: { eligible: false, met: ['小型企业'], missing: ['高新技术企业'] },
          interpretation: '',
        }),
      ),
    });
    const { container } = await act(async () => render(<PolicyDetailPage />));
    await flush();
    expect(container.querySelector('.policy-detail__validity-tag')!.textContent).toBe('已过期');
    expect(container.querySelector('.policy-detail__validity')!.textContent).toContain('已过期');
    expect(screen.getByText('符合：小型企业')).toBeTruthy();
    expect(screen.getByText('尚缺：高新技术企业')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByText('政策解读')));
    expect(screen.getByText('暂无政策解读')).toBeTruthy();
  });

  it('404: 政策不存在或已撤回, with a way to the library and back', async () => {
    mockRouter.params = { id: 'gone' };
    serve({});
    await act(async () => render(<PolicyDetailPage />));
    await flush();
    expect(screen.getByText('政策不存在或已撤回')).toBeTruthy();
    fireEvent.click(screen.getByText('去政策库'));
    expect(calls.navigate).toEqual([PAGES.policies]);
  });

  it('a signed-in enterprise user favourites and unfavourites it', async () => {
    mockRouter.params = { id: 'p1' };
    saveSession(owner);
    serve({
      'GET /policies/p1': ok(detail()),
      'POST /policies/p1/favorite': ok({ favorite: true }),
      'DELETE /policies/p1/favorite': ok({ favorite: false }),
    });
    const { container } = await act(async () => render(<PolicyDetailPage />));
    await flush();
    await act(async () => fireEvent.click(screen.getByText('收藏')));
    await flush();
    expect(sent()).toContain('POST /policies/p1/favorite');
    expect(container.querySelector('.policy-detail__favorite')!.textContent).toBe('已收藏');
    expect(calls.toast).toContain('已收藏');
    await act(async () => fireEvent.click(screen.getByText('已收藏')));
    await flush();
    expect(sent()).toContain('DELETE /policies/p1/favorite');
    expect(container.querySelector('.policy-detail__favorite')!.textContent).toBe('收藏');
  });

  it('a refused favourite says why and stays as it was', async () => {
    mockRouter.params = { id: 'p1' };
    saveSession(owner);
    serve({
      'GET /policies/p1': ok(detail()),
      'POST /policies/p1/favorite': { statusCode: 403, data: { code: 'FORBIDDEN', message: '请先绑定企业' } },
    });
    const { container } = await act(async () => render(<PolicyDetailPage />));
    await flush();
    await act(async () => fireEvent.click(screen.getByText('收藏')));
    await flush();
    expect(calls.toast).toContain('请先绑定企业');
    expect(container.querySelector('.policy-detail__favorite')!.textContent).toBe('收藏');
  });

  it('signed out: 收藏 leads to sign-in and back; 咨询此政策 opens the consultation about it', async () => {
    mockRouter.params = { id: 'p1' };
    serve({ 'GET /policies/p1': ok(detail()) });
    await act(async () => render(<PolicyDetailPage />));
    await flush();
    await act(async () => fireEvent.click(screen.getByText('收藏')));
    expect(sent()).toEqual(['GET /policies/p1']);
    expect(calls.navigate).toEqual([`${PAGES.login}?redirect=${encodeURIComponent(`${PAGES.policyDetail}?id=p1`)}`]);
    fireEvent.click(screen.getByText('咨询此政策'));
    expect(calls.navigate[1]).toBe(`${PAGES.caseNew}?type=consult&policyId=p1`);
  });

  it('H5: an attachment opens in a new window', async () => {
    mockRouter.params = { id: 'p1' };
    const open = jest.spyOn(window, 'open').mockImplementation(() => null);
    serve({ 'GET /policies/p1': ok(detail()) });
    await act(async () => render(<PolicyDetailPage />));
    await flush();
    fireEvent.click(screen.getByText('申请表.docx'));
    await flush();
    expect(open).toHaveBeenCalledWith('https://example.gov.cn/a.docx', '_blank', 'noopener');
    open.mockRestore();
  });

  it('staff read it without 收藏 and 咨询', async () => {
    mockRouter.params = { id: 'p1' };
    saveSession(butler);
    serve({ 'GET /policies/p1': ok(detail()) });
    await act(async () => render(<PolicyDetailPage />));
    await flush();
    expect(screen.getByText('关于增值税期末留抵退税的通知')).toBeTruthy();
    expect(screen.queryByText('收藏')).toBeNull();
    expect(screen.queryByText('咨询此政策')).toBeNull();
  });
});

describe('我的收藏', () => {
  it('signed out: no request and a sign-in that comes back here', async () => {
    await act(async () => render(<PolicyFavoritesPage />));
    expect(calls.request).toHaveLength(0);
    fireEvent.click(screen.getByText('登录'));
    expect(calls.navigate).toEqual([`${PAGES.login}?redirect=${encodeURIComponent(PAGES.policyFavorites)}`]);
  });

  it('lists my favourites page by page, and says so when there are none', async () => {
    saveSession(owner);
    serve({
      'GET /policies/favorites': page([item()], 'next'),
      'GET /policies/favorites?cursor=next': page([item({ id: 'p2', title: '稳岗补贴' })]),
    });
    const { container, unmount } = await act(async () => render(<PolicyFavoritesPage />));
    await flush();
    expect(Array.from(container.querySelectorAll('.policy-card')).map((c) => c.getAttribute('data-id'))).toEqual([
      'p1',
    ]);
    await act(async () => trigger('reachBottom'));
    await flush();
    expect(Array.from(container.querySelectorAll('.policy-card')).map((c) => c.getAttribute('data-id'))).toEqual([
      'p1',
      'p2',
    ]);
    unmount();

    serve({ 'GET /policies/favorites': page([]) });
    await act(async () => render(<PolicyFavoritesPage />));
    await flush();
    expect(screen.getByText('您还没有收藏政策')).toBeTruthy();
    fireEvent.click(screen.getByText('去政策库看看'));
    expect(calls.navigate.at(-1)).toBe(PAGES.policies);
  });
});
