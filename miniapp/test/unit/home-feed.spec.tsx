import { act, fireEvent, render, screen } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import type { CaseSummary, HomeFeed, NewsCard, PolicyListItem } from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, __setRequest, calls } from '../shims/taro';
import { flush } from './support';
import { useStore } from '../../src/hooks/use-store';
import Home from '../../src/pages/index/index';
import { resetHomeFeed } from '../../src/stores/home';
import { saveSession, sessionStore } from '../../src/stores/session';
import { trigger } from './taro-pages';

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-pages').taroWithPageHooks());

const session = (id: string) => ({
  accessToken: `access-${id}`,
  refreshToken: 'refresh',
  expiresIn: 7200,
  user: { id, role: 'enterprise' as const, displayName: '周一', mustChangePassword: false },
  consentRequired: false,
});

function news(id: string, title: string, over: Partial<NewsCard> = {}): NewsCard {
  return {
    id,
    title,
    summary: '摘要',
    cover: null,
    source: '湘潭市优化营商环境办公室',
    publishedAt: '2026-11-28T02:00:00.000Z',
    pinned: false,
    viewCount: 3,
    ...over,
  };
}

const policy: PolicyListItem = {
  id: 'p1',
  title: '湘潭市支持制造业高质量发展若干措施',
  docNumber: '潭政发〔2026〕1号',
  issuer: '湘潭市人民政府',
  level: 'city',
  categories: ['产业发展'],
  summary: '奖补资金',
  validFrom: null,
  validTo: null,
  publishedAt: '2026-11-01T02:00:00.000Z',
  status: 'published',
};

const openCase: CaseSummary = {
  id: 'c1',
  number: 'QS20261130-0007',
  type: 'consult',
  source: 'miniapp',
  state: 'accepted',
  category: null,
  excerpt: '厂房消防验收需要哪些材料？',
  createdAt: '2026-11-30T02:00:00.000Z',
  updatedAt: '2026-11-30T02:00:00.000Z',
  expectedBy: '2026-12-03T09:00:00.000Z',
  paused: false,
  department: { id: 'd1', name: '营商环境协调中心' },
  awaitingRating: false,
};

const visitorFeed: HomeFeed = {
  news: [news('n1', '湘潭优化营商环境三十条', { pinned: true }), news('n2', '经开区企业服务日')],
  events: [],
  matchedPolicies: null,
  openCases: null,
  moreOpenCases: false,
};

const boundFeed: HomeFeed = {
  ...visitorFeed,
  matchedPolicies: [{ policy, match: { eligible: true, met: ['岳塘区'], missing: [] } }],
  openCases: [openCase],
  moreOpenCases: true,
};

type Answer = { statusCode: number; data: unknown };
/** GET /home answers with what `answer` gives (called per request); the requests are counted. */
function serveHome(answer: () => Answer | Promise<Answer>) {
  __setRequest(async ({ url }) => {
    if (String(url).endsWith('/api/v1/home')) return answer();
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '资源不存在' } };
  });
}
const homeRequests = () => calls.request.filter((r) => String(r.url).endsWith('/api/v1/home'));
const section = (container: HTMLElement, name: string) => container.querySelector(`.home-feed__section--${name}`);

beforeEach(() => {
  __reset();
  sessionStore.set(null);
  resetHomeFeed();
});

describe('首页动态', () => {
  it('a visitor: one request, a skeleton until it answers, then the news (更多 → 营商动态); nothing private', async () => {
    serveHome(() => ({ statusCode: 200, data: visitorFeed }));
    const { container } = render(<Home />);
    expect(container.querySelector('.home-feed__skeleton')).not.toBeNull();
    await flush();
    expect(homeRequests()).toHaveLength(1);
    expect(homeRequests()[0].header?.Authorization).toBeUndefined();
    expect(container.querySelector('.home-feed__skeleton')).toBeNull();
    const rows = Array.from(container.querySelectorAll('.home-feed__news'));
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['n1', 'n2']);
    expect(rows[0].textContent).toContain('置顶');
    expect(rows[1].textContent).toContain('湘潭市优化营商环境办公室 · 11月28日');
    // 潭商讲堂 hidden while it has no events; no 为您匹配 and no 我的诉求 for a visitor.
    expect(section(container, 'events')).toBeNull();
    expect(section(container, 'policies')).toBeNull();
    expect(section(container, 'cases')).toBeNull();

    fireEvent.click(rows[1]);
    fireEvent.click(section(container, 'news')!.querySelector('.home-feed__more')!);
    expect(calls.navigate).toEqual([`${PAGES.newsDetail}?id=n2`, PAGES.news]);
  });

  it('a bound enterprise: its matched policies and its cases in progress with the expected date, each opening its page', async () => {
    saveSession(session('u-owner'));
    serveHome(() => ({ statusCode: 200, data: boundFeed }));
    const { container } = render(<Home />);
    await flush();
    expect(homeRequests()[0].header?.Authorization).toBe('Bearer access-u-owner');
    const policies = section(container, 'policies')!;
    expect(policies.textContent).toContain('为您匹配的政策');
    expect(policies.textContent).toContain('符合：岳塘区');
    const cases = section(container, 'cases')!;
    const row = cases.querySelector('.home-feed__case')!;
    expect(row.querySelector('.home-feed__case-number')!.textContent).toBe('QS20261130-0007');
    expect(row.querySelector('.home-feed__case-state')!.textContent).toBe('办理中');
    expect(row.querySelector('.home-feed__case-type')!.textContent).toBe('咨询');
    expect(row.querySelector('.home-feed__case-expected')!.textContent).toBe('预计 12月3日前答复');

    fireEvent.click(policies.querySelector('.policy-card')!);
    fireEvent.click(row);
    fireEvent.click(cases.querySelector('.home-feed__more')!);
    expect(calls.navigate).toEqual([`${PAGES.policyDetail}?id=p1`, `${PAGES.caseDetail}?id=c1`, PAGES.myCases]);
  });

  it('empty: no news says so; a bound enterprise without matches is sent to 一企一档, without open cases told so', async () => {
    saveSession(session('u-owner'));
    serveHome(() => ({
      statusCode: 200,
      data: { ...boundFeed, news: [], matchedPolicies: [], openCases: [], moreOpenCases: false },
    }));
    const { container } = render(<Home />);
    await flush();
    expect(section(container, 'news')!.textContent).toContain('暂无营商动态');
    expect(section(container, 'cases')!.textContent).toContain('暂无办理中的诉求');
    fireEvent.click(section(container, 'policies')!.querySelector('.home-feed__prompt')!);
    expect(calls.navigate).toEqual([PAGES.enterpriseProfile]);
  });

  it('潭商讲堂 shows the coming events with time, place and seats; a row opens the event, 更多 the list', async () => {
    serveHome(() => ({
      statusCode: 200,
      data: {
        ...visitorFeed,
        events: [
          {
            id: 'e1',
            title: '政策宣讲进园区',
            startsAt: '2026-12-05T06:00:00.000Z',
            place: '九华经开区',
            signupOpen: true,
            seatsLeft: 12,
          },
          {
            id: 'e2',
            title: '企业接待日',
            startsAt: '2026-12-09T01:30:00.000Z',
            place: '线上',
            signupOpen: true,
            seatsLeft: 0,
          },
          {
            id: 'e3',
            title: '专精特新培训',
            startsAt: '2026-12-10T07:00:00.000Z',
            place: null,
            signupOpen: false,
            seatsLeft: 3,
          },
        ],
      },
    }));
    const { container } = render(<Home />);
    await flush();
    const rows = Array.from(section(container, 'events')!.querySelectorAll('.home-feed__event'));
    expect(rows.map((r) => r.textContent)).toEqual([
      '政策宣讲进园区12月5日 14:00 · 九华经开区 · 余 12 席',
      '企业接待日12月9日 09:30 · 线上 · 可候补',
      '专精特新培训12月10日 15:00 · 报名已截止',
    ]);
    // Events are not news: the news rows are the news only.
    expect(container.querySelectorAll('.home-feed__news')).toHaveLength(2);
    fireEvent.click(rows[1]);
    fireEvent.click(section(container, 'events')!.querySelector('.home-feed__more')!);
    expect(calls.navigate).toEqual([`${PAGES.eventDetail}?id=e2`, PAGES.events]);
  });

  it('a failure: the tiles still work and the feed offers a retry that loads it', async () => {
    let fail = true;
    serveHome(() =>
      fail
        ? { statusCode: 500, data: { statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器开小差了，请稍后再试' } }
        : { statusCode: 200, data: visitorFeed },
    );
    const { container } = render(<Home />);
    await flush();
    const error = container.querySelector('.home-feed__error')!;
    expect(error.textContent).toContain('首页动态加载失败');
    expect(error.textContent).toContain('服务器开小差了，请稍后再试');
    fireEvent.click(screen.getByText('管家团队'));
    expect(calls.navigate).toEqual([PAGES.butlers]);

    fail = false;
    await act(async () => fireEvent.click(screen.getByText('重新加载')));
    await flush();
    expect(container.querySelector('.home-feed__error')).toBeNull();
    expect(container.querySelectorAll('.home-feed__news')).toHaveLength(2);
  });

  it('returning shows the cached feed at once and refreshes it quietly; a failed refresh keeps it', async () => {
    serveHome(() => ({ statusCode: 200, data: visitorFeed }));
    const first = render(<Home />);
    await flush();
    first.unmount();

    // Opened again: the feed is there in the very first render, and one quiet refresh is asked for.
    let answer: (a: Answer) => void = () => undefined;
    serveHome(() => new Promise<Answer>((resolve) => (answer = resolve)));
    const { container } = render(<Home />);
    expect(container.querySelectorAll('.home-feed__news')).toHaveLength(2);
    expect(container.querySelector('.home-feed__skeleton')).toBeNull();
    expect(homeRequests()).toHaveLength(2);
    // The first show joins the load on its way instead of asking again.
    act(() => trigger('show'));
    expect(homeRequests()).toHaveLength(2);
    await act(async () => answer({ statusCode: 200, data: { ...visitorFeed, news: [news('n3', '最新一条')] } }));
    expect(Array.from(container.querySelectorAll('.home-feed__news')).map((r) => r.getAttribute('data-id'))).toEqual([
      'n3',
    ]);

    // Back to the tab: refreshed again; this time it fails and the feed on screen stays.
    serveHome(() => ({ statusCode: 500, data: { statusCode: 500, code: 'INTERNAL_ERROR', message: '出错了' } }));
    act(() => trigger('show'));
    await flush();
    expect(homeRequests()).toHaveLength(3);
    expect(container.querySelectorAll('.home-feed__news')).toHaveLength(1);
    expect(container.querySelector('.home-feed__error')).toBeNull();
  });

  it("another user's feed is never shown: signing in as someone else shows the skeleton until theirs arrives", async () => {
    saveSession(session('u-a'));
    serveHome(() => ({ statusCode: 200, data: boundFeed }));
    // Looks at the page after every commit (before effects run): did u-b ever see a feed on screen?
    const seenByB: boolean[] = [];
    function Probe() {
      const s = useStore(sessionStore);
      useLayoutEffect(() => {
        if (s?.user.id === 'u-b') seenByB.push(document.querySelector('.home-feed__section--cases') !== null);
      });
      return null;
    }
    const { container } = render(
      <>
        <Home />
        <Probe />
      </>,
    );
    await flush();
    expect(section(container, 'cases')).not.toBeNull();

    serveHome(() => new Promise<Answer>(() => undefined)); // never answers
    act(() => void saveSession(session('u-b')));
    expect(seenByB.length).toBeGreaterThan(0);
    expect(seenByB).not.toContain(true);
    expect(section(container, 'cases')).toBeNull();
    expect(container.querySelector('.home-feed__skeleton')).not.toBeNull();
    expect(homeRequests().at(-1)!.header?.Authorization).toBe('Bearer access-u-b');
  });

  it('every tile leads to its page', async () => {
    serveHome(() => ({ statusCode: 200, data: visitorFeed }));
    render(<Home />);
    await flush();
    expect(screen.queryByText('建设中')).toBeNull();
    for (const key of ['services', 'butlers', 'policies', 'market', 'lectures', 'news'])
      fireEvent.click(document.querySelector(`.home__tile[data-key="${key}"]`)!);
    expect(calls.navigate).toEqual([
      PAGES.servicePackages,
      PAGES.butlers,
      PAGES.policies,
      PAGES.market,
      PAGES.events,
      PAGES.news,
    ]);
    expect(calls.toast).toEqual([]);
  });
});
