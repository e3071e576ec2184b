import { act, fireEvent, render, screen } from '@testing-library/react';
import type { ButlerFilterOptions, ButlerItem, MyButlerResponse } from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, __setRequest, calls } from '../shims/taro';
import { flush, ok, requests as sent } from './support';
import ButlerDetailPage from '../../src/packages/butlers/pages/detail/index';
import ButlersListPage from '../../src/packages/butlers/pages/list/index';
import { saveSession, sessionStore } from '../../src/stores/session';

const mockRouter = { params: {} as Record<string, string> };
const mockCalls: string[] = [];
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro-pages').taroWithPageHooks();
  return {
    ...base,
    default: {
      ...base.default,
      makePhoneCall: async ({ phoneNumber }: { phoneNumber: string }) => void mockCalls.push(phoneNumber),
    },
    useRouter: () => mockRouter,
  };
});

const ID = '0b0e7c2a-5d1f-4c1e-9a55-1f0a2b3c4d5e';

const account = (role: 'enterprise' | 'butler') => ({
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresIn: 7200,
  user: { id: 'u1', role, displayName: '周一', mustChangePassword: false },
  consentRequired: false,
});

function butler(over: Partial<ButlerItem> = {}): ButlerItem {
  return {
    id: ID,
    name: '刘雨桐',
    photo: null,
    department: { id: 'd1', name: '岳塘区行政审批服务局' },
    specialties: ['企业开办', '政策咨询'],
    introduction: null,
    phone: '139****1111',
    casesHandled: 12,
    casesResolved: 10,
    satisfactionRate: 0.9,
    ...over,
  };
}

const mine: MyButlerResponse = {
  id: 'b-mine',
  name: '王专属',
  department: '雨湖区发展和改革局',
  specialties: ['融资对接'],
  phone: '138****2222',
};

const options: ButlerFilterOptions = {
  departments: [
    { id: 'd1', name: '岳塘区行政审批服务局', count: 1 },
    { id: 'd2', name: '雨湖区发展和改革局', count: 2 },
  ],
  specialties: [{ name: '融资对接', count: 2 }],
};

type Answer = { statusCode: number; data: unknown };
/** Answers by "METHOD path?query" (or the path alone); anything else 404. */
function serve(routes: Record<string, Answer>) {
  __setRequest(async ({ url, method }) => {
    const path = String(url).replace(/^\/api\/v1/, '');
    const route = routes[`${method ?? 'GET'} ${path}`] ?? routes[`${method ?? 'GET'} ${path.split('?')[0]}`];
    return route ?? { statusCode: 404, data: { statusCode: 404, code: 'NOT_FOUND', message: '资源不存在' } };
  });
}
const refused = (status: number, code: string, message: string): Answer => ({
  statusCode: status,
  data: { statusCode: status, code, message },
});

beforeEach(() => {
  __reset();
  sessionStore.set(null);
  mockRouter.params = {};
  mockCalls.length = 0;
});

describe('管家团队', () => {
  it('a visitor: one request; cards with department, specialties, figures and the masked phone, each opening its detail', async () => {
    serve({
      'GET /butlers': ok({
        items: [butler(), butler({ id: 'b2', name: '陈立', satisfactionRate: null })],
        nextCursor: null,
      }),
    });
    const { container } = render(<ButlersListPage />);
    await flush();
    expect(sent()).toEqual(['GET /butlers?limit=20']);
    const cards = Array.from(container.querySelectorAll('.butler-card'));
    expect(cards.map((c) => c.getAttribute('data-id'))).toEqual([ID, 'b2']);
    expect(cards[0].textContent).toContain('岳塘区行政审批服务局');
    expect(Array.from(cards[0].querySelectorAll('.butler-card__tag')).map((t) => t.textContent)).toEqual([
      '企业开办',
      '政策咨询',
    ]);
    expect(cards[0].querySelector('.butler-card__figures')!.textContent).toBe(
      '服务诉求 12 件 · 满意率 90% · 139****1111',
    );
    expect(cards[1].textContent).toContain('暂无评价');
    expect(container.querySelector('.butlers__mine')).toBeNull();
    fireEvent.click(cards[1]);
    expect(calls.navigate).toEqual([`${PAGES.butlerDetail}?id=b2`]);
  });

  it('an enterprise user: 我的管家 on top, asked for with the list (two requests)', async () => {
    saveSession(account('enterprise'));
    serve({ 'GET /butlers': ok({ items: [butler()], nextCursor: null }), 'GET /me/butler': ok(mine) });
    const { container } = render(<ButlersListPage />);
    await flush();
    expect(sent().sort()).toEqual(['GET /butlers?limit=20', 'GET /me/butler']);
    const card = container.querySelector('.butlers__mine .butler-card')!;
    expect(card.getAttribute('data-id')).toBe('b-mine');
    expect(card.textContent).toContain('王专属');
    expect(card.textContent).toContain('138****2222');
  });

  it('我的管家 says why there is none: not yet assigned, or the enterprise not bound (→ 绑定企业)', async () => {
    saveSession(account('enterprise'));
    serve({
      'GET /butlers': ok({ items: [], nextCursor: null }),
      'GET /me/butler': refused(409, 'NO_BUTLER_ASSIGNED', '尚未分配管家'),
    });
    const first = render(<ButlersListPage />);
    await flush();
    expect(first.container.querySelector('.butlers__mine--none')!.textContent).toContain('正在为贵企业安排专属管家');
    expect(first.container.textContent).toContain('暂无在岗管家');
    first.unmount();

    serve({
      'GET /butlers': ok({ items: [], nextCursor: null }),
      'GET /me/butler': refused(403, 'ENTERPRISE_NOT_BOUND', '请先绑定企业'),
    });
    const { container } = render(<ButlersListPage />);
    await flush();
    fireEvent.click(container.querySelector('.butlers__mine--unbound')!);
    expect(calls.navigate).toEqual([PAGES.bind]);
  });

  it('the filter options are asked for only when the panel opens; a department narrows the list; none found offers 全部', async () => {
    serve({
      'GET /butlers': ok({ items: [butler()], nextCursor: null }),
      'GET /butlers/filters': ok(options),
      'GET /butlers?department=d2&limit=20': ok({ items: [], nextCursor: null }),
    });
    const { container } = render(<ButlersListPage />);
    await flush();
    expect(sent()).toEqual(['GET /butlers?limit=20']);
    expect(screen.getByText('全部管家')).toBeTruthy();

    await act(async () => fireEvent.click(screen.getByText('筛选')));
    await flush();
    expect(sent()).toEqual(['GET /butlers?limit=20', 'GET /butlers/filters']);
    await act(async () => fireEvent.click(screen.getByText('雨湖区发展和改革局（2）')));
    await flush();
    expect(sent().at(-1)).toBe('GET /butlers?department=d2&limit=20');
    expect(container.querySelector('.butlers__summary')!.textContent).toBe('雨湖区发展和改革局');
    expect(screen.getByText('筛选（1）')).toBeTruthy();
    expect(container.textContent).toContain('没有符合条件的管家');

    await act(async () => fireEvent.click(screen.getByText('查看全部管家')));
    await flush();
    expect(sent().at(-1)).toBe('GET /butlers?limit=20');
    expect(container.querySelectorAll('.butler-card')).toHaveLength(1);
  });

  it('a failed list offers a retry', async () => {
    serve({ 'GET /butlers': refused(500, 'INTERNAL_ERROR', '服务器开小差了，请稍后再试') });
    const { container } = render(<ButlersListPage />);
    await flush();
    expect(container.textContent).toContain('服务器开小差了，请稍后再试');
    serve({ 'GET /butlers': ok({ items: [butler()], nextCursor: null }) });
    await act(async () => fireEvent.click(screen.getByText('重新加载')));
    await flush();
    expect(container.querySelectorAll('.butler-card')).toHaveLength(1);
  });
});

describe('管家详情', () => {
  it('shows the figures and the introduction; the masked phone cannot be called; 向TA咨询 addresses the form to this butler', async () => {
    saveSession(account('enterprise'));
    mockRouter.params = { id: ID };
    serve({ [`GET /butlers/${ID}`]: ok(butler({ introduction: '十年企业服务经验，熟悉开办流程。' })) });
    const { container } = render(<ButlerDetailPage />);
    await flush();
    expect(sent()).toEqual([`GET /butlers/${ID}`]);
    expect(Array.from(container.querySelectorAll('.butler-detail__figure')).map((f) => f.textContent)).toEqual([
      '12 件服务诉求',
      '10 件已办结',
      '90%满意率',
    ]);
    expect(container.querySelector('.butler-detail__intro-text')!.textContent).toBe('十年企业服务经验，熟悉开办流程。');
    expect(container.querySelector('.butler-detail__phone')!.textContent).toBe('139****1111');
    expect(screen.queryByText('拨打电话')).toBeNull();
    fireEvent.click(screen.getByText('向TA咨询'));
    expect(calls.navigate).toEqual([
      `${PAGES.caseNew}?type=consult&butlerId=${ID}&butlerName=${encodeURIComponent('刘雨桐')}`,
    ]);
  });

  it('the full phone (the butler serves my enterprise) can be called; no introduction, no section', async () => {
    saveSession(account('enterprise'));
    mockRouter.params = { id: ID };
    serve({ [`GET /butlers/${ID}`]: ok(butler({ phone: '13900001111' })) });
    const { container } = render(<ButlerDetailPage />);
    await flush();
    expect(container.querySelector('.butler-detail__intro')).toBeNull();
    await act(async () => fireEvent.click(screen.getByText('拨打电话')));
    expect(mockCalls).toEqual(['13900001111']);
  });

  it('a visitor is sent to sign in first, then to the addressed form; staff are not offered 向TA咨询', async () => {
    mockRouter.params = { id: ID };
    serve({ [`GET /butlers/${ID}`]: ok(butler()) });
    const visitor = render(<ButlerDetailPage />);
    await flush();
    fireEvent.click(screen.getByText('向TA咨询'));
    const form = `${PAGES.caseNew}?type=consult&butlerId=${ID}&butlerName=${encodeURIComponent('刘雨桐')}`;
    expect(calls.navigate).toEqual([`${PAGES.login}?redirect=${encodeURIComponent(form)}`]);
    visitor.unmount();

    saveSession(account('butler'));
    render(<ButlerDetailPage />);
    await flush();
    expect(screen.getByText('刘雨桐')).toBeTruthy();
    expect(screen.queryByText('向TA咨询')).toBeNull();
  });

  it('an unknown butler and a missing id say so, with a way to the directory', async () => {
    mockRouter.params = { id: ID };
    serve({});
    const first = render(<ButlerDetailPage />);
    await flush();
    expect(screen.getByText('该管家不存在或已不在岗')).toBeTruthy();
    fireEvent.click(screen.getByText('查看管家团队'));
    expect(calls.navigate).toEqual([PAGES.butlers]);
    first.unmount();

    mockRouter.params = { id: 'not-an-id' };
    calls.request.length = 0;
    render(<ButlerDetailPage />);
    await flush();
    expect(screen.getByText('缺少管家编号，无法显示管家详情')).toBeTruthy();
    expect(calls.request).toHaveLength(0);
  });
});
