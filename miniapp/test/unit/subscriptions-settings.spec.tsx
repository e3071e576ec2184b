import { act, fireEvent, render, screen } from '@testing-library/react';
import type { SubscriptionSettings } from '@qsgj/shared/contracts';
import { __reset, __setRequest, calls } from '../shims/taro';
import { ok, requests as sent } from './support';
import { forgetDictionaries } from '../../src/packages/me/pages/profile/use-dictionaries';
import SubscriptionsPage from '../../src/packages/me/pages/subscriptions/index';
import { saveSession, sessionStore } from '../../src/stores/session';

const mockPlatform = { weapp: false };
/** What requestSubscribeMessage was asked, and the requests already sent at that moment (it must come first). */
const mockAsked: Array<{ tmplIds: string[]; sentBefore: string[] }> = [];
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro-pages').taroWithPageHooks();
  const shim = jest.requireActual('../shims/taro');
  base.default.requestSubscribeMessage = ({ tmplIds }: { tmplIds: string[] }) => {
    mockAsked.push({
      tmplIds,
      sentBefore: shim.calls.request.map((r: { method?: string; url: string }) => `${r.method ?? 'GET'} ${r.url}`),
    });
    return Promise.resolve(Object.fromEntries(tmplIds.map((id: string) => [id, 'accept'])));
  };
  return base;
});
jest.mock('../../src/utils/platform', () => ({
  get IS_WEAPP() {
    return mockPlatform.weapp;
  },
}));

const owner = {
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresIn: 7200,
  user: { id: 'u-owner', role: 'enterprise' as const, displayName: '周一', mustChangePassword: false },
  consentRequired: false,
};

const dictionary = (kind: string, values: string[]) => ({
  kind,
  items: values.map((value, i) => ({ id: i + 1, kind, value, sort: i, active: true })),
});
type Answer = { statusCode: number; data: unknown };
function serve(routes: Record<string, Answer | ((body: unknown) => Answer)>) {
  __setRequest(async ({ url, method, data }) => {
    const key = `${method ?? 'GET'} ${String(url).replace(/^\/api\/v1/, '')}`;
    const route = routes[key];
    if (!route) return { statusCode: 404, data: { code: 'NOT_FOUND', message: '资源不存在' } };
    return typeof route === 'function' ? route(typeof data === 'string' ? JSON.parse(data) : data) : route;
  });
}
const DEFAULTS: SubscriptionSettings = { matchProfile: true, categories: [], industries: [], districts: [] };
const TEMPLATES = {
  templates: [
    { kind: 'case_update', templateId: 'tmpl-case-0001', title: '诉求进展', credits: 0 },
    { kind: 'policy', templateId: 'tmpl-policy-0001', title: '新政策提醒', credits: 0 },
  ],
  maxPerRequest: 3,
};

function routes(saved: unknown[], initial: SubscriptionSettings = DEFAULTS) {
  return {
    'GET /me/subscriptions': ok(initial),
    'GET /dictionaries/categories': ok(dictionary('categories', ['减税降费', '金融支持', '科技创新'])),
    'GET /dictionaries/industries': ok(dictionary('industries', ['建筑业', '金融业'])),
    'GET /dictionaries/districts': ok(dictionary('districts', ['全市', '雨湖区', '岳塘区'])),
    'GET /notifications/templates': ok(TEMPLATES),
    'POST /notifications/grants': ok(null),
    'PUT /me/subscriptions': (body: unknown) => {
      saved.push(body);
      return ok(body);
    },
  };
}

async function open() {
  await act(async () => {
    render(<SubscriptionsPage />);
  });
}
const click = async (el: Element) =>
  act(async () => {
    fireEvent.click(el);
  });
const chip = (field: string, value: string) =>
  document.querySelector(`.subscriptions__${field} [data-value="${value}"]`) as HTMLElement;

beforeEach(() => {
  __reset();
  forgetDictionaries();
  mockAsked.length = 0;
  mockPlatform.weapp = false;
  sessionStore.set(null);
  saveSession(owner);
});

describe('政策订阅', () => {
  it('H5: the settings first, then the dictionaries; saves exactly what was chosen; never asks WeChat', async () => {
    const saved: unknown[] = [];
    serve(routes(saved));
    await open();
    expect(sent()[0]).toBe('GET /me/subscriptions');
    expect(sent()).not.toContain('GET /notifications/templates');
    const toggle = screen.getByRole('switch', { name: '推送与本企业匹配的政策' }) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    await act(async () => {
      fireEvent.click(toggle);
    });
    await click(chip('categories', '金融支持'));
    await click(chip('categories', '科技创新'));
    await click(chip('districts', '岳塘区'));
    expect(chip('categories', '金融支持').getAttribute('aria-checked')).toBe('true');
    expect(screen.queryByText('开启微信提醒')).toBeNull();
    await click(screen.getByText('保存'));
    expect(saved).toEqual([
      { matchProfile: false, categories: ['金融支持', '科技创新'], industries: [], districts: ['岳塘区'] },
    ]);
    expect(calls.toast).toContain('已保存');
    expect(mockAsked).toEqual([]);
  });

  it('WeChat: 保存 asks for the policy template first thing in the tap, then saves and records the grant', async () => {
    mockPlatform.weapp = true;
    const saved: unknown[] = [];
    const grants: unknown[] = [];
    serve({
      ...routes(saved),
      'POST /notifications/grants': (body: unknown) => {
        grants.push(body);
        return ok(null);
      },
    });
    await open();
    expect(sent()).toContain('GET /notifications/templates'); // after the page showed, ready for the tap
    await click(chip('industries', '建筑业'));
    await click(screen.getByText('保存'));
    // Only the policy template, and before the save went out (WeChat allows the ask only inside the tap).
    expect(mockAsked.map((a) => a.tmplIds)).toEqual([['tmpl-policy-0001']]);
    expect(mockAsked[0].sentBefore.filter((s) => s.startsWith('PUT'))).toEqual([]);
    expect(saved).toEqual([{ matchProfile: true, categories: [], industries: ['建筑业'], districts: [] }]);
    expect(grants).toEqual([{ results: { 'tmpl-policy-0001': 'accept' } }]);
    expect(calls.toast).toContain('已保存，已开启微信提醒');

    await click(screen.getByText('开启微信提醒'));
    expect(mockAsked).toHaveLength(2);
    expect(calls.toast).toContain('已开启微信提醒');
  });

  it('WeChat: subscribing to nothing saves without asking', async () => {
    mockPlatform.weapp = true;
    const saved: unknown[] = [];
    serve(routes(saved, { ...DEFAULTS, matchProfile: false }));
    await open();
    await click(screen.getByText('保存'));
    expect(saved).toHaveLength(1);
    expect(mockAsked).toEqual([]);
  });

  it('shows a refused list beside it', async () => {
    serve({
      ...routes([]),
      'PUT /me/subscriptions': {
        statusCode: 400,
        data: {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: '提交的内容有误，请检查后重试',
          details: [{ field: 'districts', message: '订阅区域不在可选范围内' }],
          requestId: 'r1',
        },
      },
    });
    await open();
    await click(screen.getByText('保存'));
    expect(document.querySelector('.subscriptions__districts-error')!.textContent).toBe('订阅区域不在可选范围内');
  });

  it('an error loading the settings offers 重新加载', async () => {
    serve({
      'GET /me/subscriptions': {
        statusCode: 500,
        data: { code: 'INTERNAL_ERROR', message: '服务器开小差了，请稍后再试' },
      },
    });
    await open();
    expect(screen.getByText('加载失败')).toBeTruthy();
    serve(routes([]));
    await click(screen.getByText('重新加载'));
    expect(screen.getByText('推送与本企业匹配的政策')).toBeTruthy();
  });
});
