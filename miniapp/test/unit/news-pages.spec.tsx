import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AdminNewsDetail, AdminNewsItem, NewsCard, NewsDetail } from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, calls } from '../shims/taro';
import { $, $$, flush, ok, requests, scriptedServer, signIn as signInAs, typeInto, writes } from './support';
import { trigger } from './taro-pages';
import NewsDetailPage from '../../src/packages/news/pages/detail/index';
import NewsListPage from '../../src/packages/news/pages/list/index';
import WorkbenchNewsPage from '../../src/packages/workbench/pages/news/index';
import NewsEditPage from '../../src/packages/workbench/pages/news-edit/index';
import {
  EMPTY_FORM,
  formOf,
  inputOf,
  localErrors,
  publishAtOf,
  quickTimes,
} from '../../src/packages/workbench/pages/news-edit/form';
import { sessionStore } from '../../src/stores/session';

const mockRouter = { params: {} as Record<string, string> };
const mockShare: Array<() => { title: string; path: string }> = [];
const mockClipboard: string[] = [];
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro-pages').taroWithPageHooks();
  const extra = {
    setClipboardData: async ({ data }: { data: string }) => void mockClipboard.push(data),
    // Covers are downloaded with the sign-in; here none can be, so the placeholder shows.
    downloadFile: async () => {
      throw { errMsg: 'downloadFile:fail' };
    },
  };
  return {
    ...base,
    default: { ...base.default, ...extra },
    ...extra,
    useRouter: () => mockRouter,
    useShareAppMessage: (fn: () => { title: string; path: string }) => void mockShare.push(fn),
  };
});

const signIn = (role: 'admin' | 'supervisor' | 'butler' | 'enterprise' = 'admin') => signInAs(role);
const { on, listen } = scriptedServer();

function card(over: Partial<NewsCard> = {}): NewsCard {
  return {
    id: 'n1',
    title: '湘潭市优化营商环境“十大行动”全面启动',
    summary: '推出 60 项具体举措。',
    cover: null,
    source: '湘潭市优化营商环境协调事务中心',
    publishedAt: '2026-11-30T01:30:00.000Z',
    pinned: false,
    viewCount: 356,
    ...over,
  };
}
const detail = (over: Partial<NewsDetail> = {}): NewsDetail => ({
  ...card(),
  body: '<p>正文第一段</p><h3>主要举措</h3>',
  state: 'published',
  ...over,
});
function adminItem(over: Partial<AdminNewsItem> = {}): AdminNewsItem {
  return {
    id: 'n1',
    title: '湘潭经开区举办“政银企”对接会',
    summary: '',
    cover: null,
    source: null,
    status: 'draft',
    state: 'draft',
    publishedAt: null,
    pinned: false,
    viewCount: 0,
    createdAt: '2026-11-29T06:05:00.000Z',
    updatedAt: '2026-11-30T06:05:00.000Z',
    ...over,
  };
}
const adminDetail = (over: Partial<AdminNewsDetail> = {}): AdminNewsDetail => ({
  ...adminItem(),
  body: '<p>正文</p>',
  coverFileId: null,
  ...over,
});

beforeEach(() => {
  __reset();
  listen();
  mockRouter.params = {};
  mockShare.length = 0;
  mockClipboard.length = 0;
  sessionStore.set(null);
});

afterEach(() => {
  cleanup();
  sessionStore.set(null);
});

describe('营商动态 list', () => {
  it('one request; pinned badge, source, day, views, the placeholder cover; a row opens the article', async () => {
    on(
      'GET',
      '/news',
      ok({
        items: [card({ pinned: true }), card({ id: 'n2', title: '第二篇', viewCount: 12_345, source: null })],
        nextCursor: null,
      }),
    );
    await act(async () => void render(<NewsListPage />));
    await flush();
    expect(requests()).toEqual(['GET /news']);
    const rows = $$('.news-list__row');
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['n1', 'n2']);
    expect(rows[0].querySelector('.news-list__pinned')!.textContent).toBe('置顶');
    expect(rows[1].querySelector('.news-list__pinned')).toBeNull();
    expect(rows[0].querySelector('.news-list__source')!.textContent).toBe('湘潭市优化营商环境协调事务中心');
    expect(rows[0].querySelector('.news-list__time')!.textContent).toBe('2026年11月30日');
    expect(rows[0].querySelector('.news-list__views')!.textContent).toBe('阅读 356');
    expect(rows[1].querySelector('.news-list__views')!.textContent).toBe('阅读 1.2万');
    expect(rows[0].querySelector('.news-cover--none')).toBeTruthy();
    fireEvent.click(rows[1]);
    expect(calls.navigate).toEqual([`${PAGES.newsDetail}?id=n2`]);
    expect(mockShare.at(-1)!()).toEqual({ title: '营商动态 · 亲商管家', path: PAGES.news });
  });

  it('says so when there is none, and shows the error with a retry; pull-down loads again', async () => {
    let fail = true;
    on('GET', '/news', () =>
      fail
        ? { statusCode: 500, data: { code: 'INTERNAL', message: '服务器开小差了' } }
        : ok({ items: [], nextCursor: null }),
    );
    await act(async () => void render(<NewsListPage />));
    await waitFor(() => expect(screen.getByText(/服务器开小差了/)).toBeTruthy());
    fail = false;
    await act(async () => trigger('pullDownRefresh'));
    await waitFor(() => expect(screen.getByText('暂无营商动态')).toBeTruthy());
    expect(requests().filter((r) => r === 'GET /news').length).toBeGreaterThanOrEqual(2);
  });

  it('loads the next page at the bottom with the cursor', async () => {
    on('GET', '/news', ok({ items: [card()], nextCursor: 'c1' }));
    on('GET', '/news?cursor=c1', ok({ items: [card({ id: 'n2' })], nextCursor: null }));
    await act(async () => void render(<NewsListPage />));
    await flush();
    await act(async () => trigger('reachBottom'));
    await waitFor(() => expect($$('.news-list__row')).toHaveLength(2));
  });
});

describe('动态详情', () => {
  it('shows the article with its body as rich text, and shares its own path', async () => {
    mockRouter.params = { id: 'n1' };
    on('GET', '/news/n1', ok(detail({ pinned: true })));
    await act(async () => void render(<NewsDetailPage />));
    await flush();
    expect(requests()).toEqual(['GET /news/n1']);
    expect($('.news-detail__title')!.textContent).toBe('湘潭市优化营商环境“十大行动”全面启动');
    expect($('.news-detail__views')!.textContent).toBe('阅读 356');
    expect($('.news-detail__pinned')).toBeTruthy();
    expect($('.news-detail__state')).toBeNull();
    expect($('.news-detail__rich-piece')!.getAttribute('data-html')).toBe('<p>正文第一段</p><h3>主要举措</h3>');
    expect(mockShare.at(-1)!()).toEqual({ title: detail().title, path: `${PAGES.newsDetail}?id=n1` });
  });

  it('in H5, 分享 copies the article’s link', async () => {
    mockRouter.params = { id: 'n1' };
    on('GET', '/news/n1', ok(detail()));
    await act(async () => void render(<NewsDetailPage />));
    await flush();
    await act(async () => void fireEvent.click($('.news-detail__share')!));
    expect(mockClipboard).toEqual([`${window.location.origin}${window.location.pathname}#${PAGES.newsDetail}?id=n1`]);
    expect(calls.toast).toContain('链接已复制，可粘贴发送给他人');
  });

  it('an article that is not there (draft, withdrawn, not yet due) says so, with ways on', async () => {
    mockRouter.params = { id: 'gone' };
    await act(async () => void render(<NewsDetailPage />));
    await waitFor(() => expect(screen.getByText('文章不存在或已撤回')).toBeTruthy());
    fireEvent.click(screen.getByText('看看其他动态'));
    expect(calls.navigate).toEqual([PAGES.news]);
  });

  it('tells staff previewing a scheduled article that the public cannot see it yet', async () => {
    signIn('butler');
    mockRouter.params = { id: 'n1' };
    on('GET', '/news/n1', ok(detail({ state: 'scheduled' })));
    await act(async () => void render(<NewsDetailPage />));
    await flush();
    expect($('.news-detail__state')!.textContent).toBe('定时发布：到发布时间后公众可见');
  });
});

describe('动态管理 (workbench)', () => {
  it('lists every status with its tag and time, filters by status, opens a row and 新建', async () => {
    signIn();
    on(
      'GET',
      '/admin/news?status=all',
      ok({
        items: [
          adminItem({
            id: 'a',
            state: 'scheduled',
            status: 'published',
            publishedAt: '2026-12-02T01:00:00.000Z',
            pinned: true,
          }),
          adminItem({ id: 'b' }),
        ],
        nextCursor: null,
      }),
    );
    on('GET', '/admin/news?status=draft', ok({ items: [adminItem({ id: 'b' })], nextCursor: null }));
    await act(async () => void render(<WorkbenchNewsPage />));
    await flush();
    const rows = $$('.wb-news__row');
    expect(rows.map((r) => r.querySelector('.news-state')!.textContent)).toEqual(['定时发布', '草稿']);
    expect(rows[0].querySelector('.wb-news__meta')!.textContent).toBe('定时 2026-12-02 09:00 发布 · 阅读 0');
    expect(rows[0].querySelector('.wb-news__pinned')).toBeTruthy();
    fireEvent.click($('.wb-news__chip--draft')!);
    await waitFor(() => expect($$('.wb-news__row')).toHaveLength(1));
    fireEvent.click($$('.wb-news__row')[0]);
    fireEvent.click($('.wb-news__new')!);
    expect(calls.navigate).toEqual([`${PAGES.newsEdit}?id=b`, PAGES.newsEdit]);
  });

  it('tells other staff it is for admins, asking nothing', async () => {
    signIn('supervisor');
    await act(async () => void render(<WorkbenchNewsPage />));
    expect(screen.getByText('营商动态由管理员维护，您的账号无此权限。')).toBeTruthy();
    expect(requests()).toEqual([]);
  });
});

describe('编辑动态 (workbench)', () => {
  it('checks the title before sending; creates a draft with every field', async () => {
    signIn();
    on('POST', '/admin/news', (o) => ok(adminDetail({ id: 'new1', title: o.data.title, pinned: o.data.pinned }), 201));
    await act(async () => void render(<NewsEditPage />));
    expect(screen.getByText('新建动态')).toBeTruthy();
    fireEvent.click($('.wb-news-edit__save')!);
    await waitFor(() => expect(screen.getByText('请输入标题')).toBeTruthy());
    expect(writes()).toEqual([]);

    typeInto($('.wb-news-edit__title')!, ' 湘潭高新区政银企对接会 ');
    typeInto($('.wb-news-edit__summary')!, '现场签约 12.6 亿元');
    typeInto($('.wb-news-edit__source')!, '湘潭高新区');
    typeInto($('.wb-news-edit__body textarea')!, '第一段\n第二段');
    fireEvent.click($('.wb-news-edit__pinned')!);
    await act(async () => void fireEvent.click($('.wb-news-edit__save')!));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]).toEqual([
      'POST /admin/news',
      {
        title: '湘潭高新区政银企对接会',
        summary: '现场签约 12.6 亿元',
        source: '湘潭高新区',
        body: '<p>第一段</p><p>第二段</p>',
        pinned: true,
        coverFileId: null,
      },
    ]);
    expect(calls.toast).toContain('已保存');
  });

  it('schedules: the quick choice, the confirmation naming the time, then publish with publishAt', async () => {
    signIn();
    mockRouter.params = { id: 'n1' };
    on('GET', '/admin/news/n1', ok(adminDetail()));
    on('POST', '/admin/news/n1/publish', (o) =>
      ok(
        adminDetail({
          status: 'published',
          state: 'scheduled',
          publishedAt: new Date(Date.parse(o.data.publishAt)).toISOString(),
        }),
      ),
    );
    await act(async () => void render(<NewsEditPage />));
    await flush();
    expect(($('.wb-news-edit__title') as HTMLInputElement).value).toBe('湘潭经开区举办“政银企”对接会');
    fireEvent.click($('.wb-news-edit__mode-schedule')!);
    // Publishing on schedule without a moment is refused before anything is sent.
    await act(async () => void fireEvent.click($('.wb-news-edit__publish')!));
    expect(screen.getAllByText('请选择定时发布的日期和时间').length).toBeGreaterThan(0);
    fireEvent.click($('.wb-news-edit__quick--tomorrow')!);
    const tomorrow = quickTimes(new Date())[0];
    expect($('.wb-news-edit__schedule-text')!.textContent).toContain('09:00');
    await act(async () => void fireEvent.click($('.wb-news-edit__publish')!));
    // Nothing changed in the fields: no save first, straight to the confirmation.
    expect(writes()).toEqual([]);
    expect($('.wb-news-edit__confirm-text')!.textContent).toBe(
      `将于 ${tomorrow.day} 09:00（北京时间）自动对公众可见，在此之前仅工作人员可见。确定定时发布吗？`,
    );
    await act(async () => void fireEvent.click($('.wb-news-edit__publish-confirm')!));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]).toEqual(['POST /admin/news/n1/publish', { publishAt: `${tomorrow.day}T09:00:00+08:00` }]);
    expect(calls.toast).toContain('已定时发布');
    expect($('.news-state')!.textContent).toBe('定时发布');
  });

  it('publishes now after saving what changed; shows the server’s refusal beside its field', async () => {
    signIn();
    mockRouter.params = { id: 'n1' };
    on('GET', '/admin/news/n1', ok(adminDetail()));
    on('PATCH', '/admin/news/n1', (o) =>
      o.data.title.length > 5
        ? ok(adminDetail({ title: o.data.title }))
        : {
            statusCode: 400,
            data: {
              code: 'VALIDATION_FAILED',
              message: '标题太短',
              details: [{ field: 'title', message: '标题太短' }],
            },
          },
    );
    on(
      'POST',
      '/admin/news/n1/publish',
      ok(adminDetail({ status: 'published', state: 'published', publishedAt: '2026-11-30T02:00:00.000Z' })),
    );
    await act(async () => void render(<NewsEditPage />));
    await flush();
    typeInto($('.wb-news-edit__title')!, '短标题');
    await act(async () => void fireEvent.click($('.wb-news-edit__save')!));
    await waitFor(() => expect($('.qs-field__error')?.textContent).toBe('标题太短'));
    typeInto($('.wb-news-edit__title')!, '湘潭经开区对接会（修订）');
    await act(async () => void fireEvent.click($('.wb-news-edit__publish')!));
    await waitFor(() => expect($('.wb-news-edit__confirm--publish')).toBeTruthy());
    expect($('.wb-news-edit__confirm-text')!.textContent).toBe(
      '发布后所有人都能在营商动态中看到这篇文章。确定立即发布吗？',
    );
    await act(async () => void fireEvent.click($('.wb-news-edit__publish-confirm')!));
    await waitFor(() =>
      expect(writes().map((w) => w[0])).toEqual([
        'PATCH /admin/news/n1',
        'PATCH /admin/news/n1',
        'POST /admin/news/n1/publish',
      ]),
    );
    expect(writes()[2][1]).toEqual({});
    expect($('.news-state')!.textContent).toBe('已发布');
    expect($('.wb-news-edit__publish')).toBeNull();
  });

  it('withdraws only after its confirmation', async () => {
    signIn();
    mockRouter.params = { id: 'n1' };
    on(
      'GET',
      '/admin/news/n1',
      ok(adminDetail({ status: 'published', state: 'published', publishedAt: '2026-11-30T02:00:00.000Z' })),
    );
    on('POST', '/admin/news/n1/withdraw', ok(adminDetail({ status: 'withdrawn', state: 'withdrawn' })));
    await act(async () => void render(<NewsEditPage />));
    await flush();
    fireEvent.click($('.wb-news-edit__withdraw')!);
    expect(writes()).toEqual([]);
    expect($('.wb-news-edit__confirm-text')!.textContent).toBe('撤回后公众将不能再查看这篇文章。确定撤回吗？');
    await act(async () => void fireEvent.click($('.wb-news-edit__withdraw-confirm')!));
    await waitFor(() => expect(writes()).toEqual([['POST /admin/news/n1/withdraw', {}]]));
    expect($('.news-state')!.textContent).toBe('已撤回');
  });

  it('previews the form as readers will see it, only safe tags', async () => {
    signIn();
    await act(async () => void render(<NewsEditPage />));
    typeInto($('.wb-news-edit__title')!, '预览标题');
    typeInto($('.wb-news-edit__body textarea')!, '<p onclick="x()">段落<script>alert(1)</script></p>');
    fireEvent.click(screen.getByText('预览'));
    expect($('.wb-news-edit__preview-title')!.textContent).toBe('预览标题');
    expect($('.wb-news-edit__preview-body')!.getAttribute('data-html')).toBe('<p>段落</p>');
    fireEvent.click(screen.getByText('返回编辑'));
    expect($('.wb-news-edit__title')).toBeTruthy();
  });
});

describe('the editor’s form', () => {
  const now = new Date('2026-11-30T02:00:00.000Z'); // 10:00 in Shanghai

  it('reads the 定时发布 moment as Shanghai time, and refuses one in the past or too far ahead', () => {
    const f = { ...EMPTY_FORM, title: 't', schedule: true, day: '2026-11-30', time: '10:00' };
    expect(publishAtOf(f)).toBe('2026-11-30T10:00:00+08:00');
    expect(localErrors(f, now, true)).toEqual({});
    expect(localErrors({ ...f, time: '09:59' }, now, true)).toEqual({ publishAt: '定时发布时间不能早于当前时间' });
    expect(localErrors({ ...f, day: '2027-12-01' }, now, true)).toEqual({
      publishAt: '定时发布时间不能晚于 365 天之后',
    });
    expect(localErrors({ ...f, schedule: false, day: '' }, now, true)).toEqual({});
    expect(publishAtOf({ ...f, schedule: false })).toBeUndefined();
  });

  it('offers tomorrow 09:00 and an hour from now, in Shanghai days', () => {
    expect(quickTimes(new Date('2026-11-30T17:30:00.000Z'))).toEqual([
      { key: 'tomorrow', label: '明天 09:00', day: '2026-12-02', time: '09:00' },
      { key: 'hour', label: '1 小时后', day: '2026-12-01', time: '02:30' },
    ]);
  });

  it('round-trips a scheduled article, and sends an empty source as null', () => {
    const f = formOf(
      adminDetail({ state: 'scheduled', status: 'published', publishedAt: '2026-12-01T01:00:00.000Z', source: null }),
    );
    expect(f).toMatchObject({ schedule: true, day: '2026-12-01', time: '09:00', source: '' });
    expect(inputOf({ ...f, source: '  ' }, 'file-1')).toMatchObject({ source: null, coverFileId: 'file-1' });
  });
});
