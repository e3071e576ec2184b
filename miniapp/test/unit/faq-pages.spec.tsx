import { act, fireEvent, render, screen } from '@testing-library/react';
import type { FaqDetail, FaqListItem, PolicyListItem } from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, __setRequest, calls } from '../shims/taro';
import { ok } from './support';
import FaqDetailPage from '../../src/packages/faq/pages/detail/index';
import FaqListPage from '../../src/packages/faq/pages/list/index';
import FaqFromCase from '../../src/packages/workbench/pages/case/faq-from-case';
import { identityWarnings } from '../../src/packages/workbench/pages/faq-edit/use-faq-edit';
import { clearSession } from '../../src/stores/session';

/** 常见问题 pages: the list (search, category chips, empty state), the detail (answer, policies, 向管家咨询, not found),
 * the workbench's 「发布为常见问题」 on a case, and the editor's identity warnings. */

const mockRouter = { params: {} as Record<string, string> };
jest.mock('@tarojs/taro', () => ({
  ...jest.requireActual('./taro-pages').taroWithPageHooks(),
  useRouter: () => mockRouter,
  useShareAppMessage: () => undefined,
}));

const FAQ_ID = '5f0c6d1e-7a1b-4c2d-9e3f-0000000000f1';
const CASE_ID = '5f0c6d1e-7a1b-4c2d-9e3f-0000000000c1';

const entry = (over: Partial<FaqListItem> = {}): FaqListItem => ({
  id: FAQ_ID,
  question: '新招的员工，社保最晚什么时候要缴纳？',
  excerpt: '用人单位应自用工之日起 30 日内为新员工办理社会保险登记…',
  categories: ['稳岗就业'],
  publishedAt: '2026-11-01T02:00:00.000Z',
  viewCount: 12,
  ...over,
});

const policy: PolicyListItem = {
  id: 'p1',
  title: '湘潭市失业保险稳岗返还实施办法',
  docNumber: '潭人社发〔2026〕3号',
  issuer: '湘潭市人力资源和社会保障局',
  level: 'city',
  categories: ['稳岗就业'],
  summary: '稳岗返还免申即享。',
  validFrom: null,
  validTo: null,
  publishedAt: '2026-01-02T02:00:00.000Z',
  status: 'published',
};

type Answer = { statusCode: number; data: unknown };
function serve(routes: Record<string, Answer | ((url: string) => Answer)>) {
  __setRequest(async ({ url, method }) => {
    const path = String(url).replace(/^\/api\/v1/, '');
    const route = routes[`${method ?? 'GET'} ${path}`] ?? routes[`${method ?? 'GET'} ${path.split('?')[0]}`];
    if (!route) return { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在或已被删除' } };
    return typeof route === 'function' ? route(path) : route;
  });
}
const paths = () => calls.request.map((r) => decodeURIComponent(String(r.url).replace(/^\/api\/v1/, '')));

beforeEach(() => {
  __reset();
  clearSession();
  mockRouter.params = {};
});

describe('常见问题 list', () => {
  it('lists entries, filters by a category chip, searches, and offers 向管家咨询 when nothing is found', async () => {
    serve({
      'GET /faq': (url) => ok({ items: url.includes('q=') ? [] : [entry()], nextCursor: null }),
      'GET /dictionaries/categories': ok({
        kind: 'categories',
        items: [
          { id: 1, kind: 'categories', value: '稳岗就业', sort: 1, active: true },
          { id: 2, kind: 'categories', value: '市场准入', sort: 2, active: true },
        ],
      }),
    });
    await act(async () => void render(<FaqListPage />));
    expect(screen.getByText('新招的员工，社保最晚什么时候要缴纳？')).toBeTruthy();
    expect(paths().filter((p) => p.startsWith('/faq'))).toHaveLength(1);

    await act(async () => void fireEvent.click(screen.getByText('市场准入')));
    expect(paths()).toContain('/faq?category=市场准入');
    expect(screen.getByText('市场准入').getAttribute('aria-pressed')).toBe('true');

    const input = document.querySelector('.faq-list__input') as HTMLInputElement;
    await act(async () => void fireEvent.change(input, { target: { value: ' 量子 ' } }));
    await act(async () => void fireEvent.click(screen.getByText('搜索')));
    expect(paths()).toContain('/faq?q=量子&category=市场准入');
    expect(screen.getByText('没有找到与「量子」相关的问题，换个词试试，或直接向管家咨询')).toBeTruthy();
    await act(async () => void fireEvent.click(screen.getByText('向管家咨询')));
    expect(calls.navigate).toEqual([`${PAGES.caseNew}?type=consult`]);
  });

  it('opens an entry', async () => {
    serve({ 'GET /faq': ok({ items: [entry()], nextCursor: null }) });
    await act(async () => void render(<FaqListPage />));
    await act(async () => void fireEvent.click(screen.getByText('新招的员工，社保最晚什么时候要缴纳？')));
    expect(calls.navigate).toEqual([`${PAGES.faqDetail}?id=${FAQ_ID}`]);
  });
});

describe('常见问题 detail', () => {
  const detail = (over: Partial<FaqDetail> = {}): FaqDetail => ({
    id: FAQ_ID,
    question: '新招的员工，社保最晚什么时候要缴纳？',
    answer: '用人单位应自用工之日起 30 日内办理社会保险登记。\n可在“湘税社保”小程序办理。',
    categories: ['稳岗就业'],
    status: 'published',
    publishedAt: '2026-11-01T02:00:00.000Z',
    viewCount: 13,
    policies: [policy],
    updatedAt: '2026-11-01T02:00:00.000Z',
    ...over,
  });

  it('shows the answer by paragraph, its policies, and 仍有疑问？向管家咨询', async () => {
    mockRouter.params = { id: FAQ_ID };
    serve({ [`GET /faq/${FAQ_ID}`]: ok(detail()) });
    await act(async () => void render(<FaqDetailPage />));
    expect(Array.from(document.querySelectorAll('.faq-detail__para')).map((p) => p.textContent)).toEqual([
      '用人单位应自用工之日起 30 日内办理社会保险登记。',
      '可在“湘税社保”小程序办理。',
    ]);
    expect(document.querySelector('.policy-card')?.getAttribute('data-id')).toBe('p1');
    expect(screen.getByText('仍有疑问？')).toBeTruthy();
    await act(async () => void fireEvent.click(screen.getByText('向管家咨询')));
    expect(calls.navigate).toEqual([`${PAGES.caseNew}?type=consult`]);
  });

  it('says a withdrawn or unknown entry is not there, with a way back', async () => {
    mockRouter.params = { id: FAQ_ID };
    serve({});
    await act(async () => void render(<FaqDetailPage />));
    expect(screen.getByText('该问题不存在或已撤回')).toBeTruthy();
    await act(async () => void fireEvent.click(screen.getByText('去常见问题')));
    expect(calls.navigate).toEqual([PAGES.faq]);
  });
});

describe('发布为常见问题 on a staff case', () => {
  it('is offered on a resolved or closed consultation, and opens the editor with the case, asking nothing', async () => {
    for (const state of ['resolved', 'closed'] as const) {
      __reset();
      const view = render(<FaqFromCase detail={{ id: CASE_ID, type: 'consult', state }} />);
      await act(async () => void fireEvent.click(screen.getByText('发布为常见问题')));
      expect(calls.navigate).toEqual([`${PAGES.faqEdit}?caseId=${CASE_ID}`]);
      expect(calls.request).toEqual([]);
      view.unmount();
    }
  });

  it.each([
    ['a consultation still in hand', { type: 'consult', state: 'accepted' }],
    ['a resolved complaint', { type: 'complaint', state: 'resolved' }],
  ] as const)('is not offered on %s', (_what, c) => {
    const { container } = render(<FaqFromCase detail={{ id: CASE_ID, ...c }} />);
    expect(container.textContent).toBe('');
  });
});

describe('the editor’s identity warnings', () => {
  const identity = { enterpriseName: '湘潭示范科技有限公司', creditCode: '91430300MA4L000001' };
  it.each([
    ['湘潭示范科技有限公司想问营业执照', ['含有企业名称「湘潭示范科技有限公司」']],
    ['代码 91430300ma4l000001 的企业', ['含有企业的统一社会信用代码']],
    ['请拨打 138-0731-1234', ['含有电话号码']],
    ['请拨打 0731-58888888', ['含有电话号码']],
    ['2026年起注册资本 500 万元以下，可拨打 12345', []],
  ])('%s → %j', (text, expected) => {
    expect(identityWarnings(text, identity)).toEqual(expected);
  });
});
