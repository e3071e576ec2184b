import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, __setRequest, calls } from '../shims/taro';
import CaseNewPage from '../../src/packages/cases/pages/new/index';
import { newDraftId, SUGGEST_DEBOUNCE_MS } from '../../src/packages/cases/pages/new/use-faq-suggestions';
import { onlineStore } from '../../src/stores/network';
import { clearSession, saveSession } from '../../src/stores/session';

/**
 * The consultation form's 「这些可能已经回答了您的问题」: asked once typing has paused 500 ms, only for 4 characters
 * or more, never twice in a row for the same text; an opened card is recorded with the form session's id.
 */

const mockRouter: { params: Record<string, string> } = { params: {} };

jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro-pages').taroWithPageHooks();
  const Taro = { ...base.default, setNavigationBarTitle: jest.fn(async () => undefined) };
  return { ...base, default: Taro, useRouter: () => ({ params: mockRouter.params }) };
});

const USER_ID = '5f0c6d1e-7a1b-4c2d-9e3f-000000000001';
const FAQ_ID = '5f0c6d1e-7a1b-4c2d-9e3f-0000000000f1';
const POLICY_ID = '5f0c6d1e-7a1b-4c2d-9e3f-0000000000a1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const me = {
  id: USER_ID,
  role: 'enterprise',
  nickname: '周一',
  phone: null,
  largeFont: false,
  consentVersion: '2026-01',
  consentRequired: false,
  membership: {
    role: 'owner',
    status: 'approved',
    enterprise: {
      id: 'e-1',
      creditCode: '91430300MA4L000001',
      name: '湘潭示范科技有限公司',
      scale: null,
      district: null,
    },
  },
  department: null,
  mustChangePassword: false,
};

const SUGGESTIONS = {
  faq: [
    {
      id: FAQ_ID,
      question: '在湘潭新开一家公司，办理营业执照需要多长时间？',
      highlight: {
        question: [
          { text: '在湘潭新开一家公司，办理', hit: false },
          { text: '营业执照', hit: true },
          { text: '需要多长时间？', hit: false },
        ],
        snippet: [{ text: '营业执照一般 1 个工作日内办结', hit: false }],
      },
    },
  ],
  policies: [
    {
      id: POLICY_ID,
      title: '湘潭市企业开办营业执照办理指南',
      highlight: {
        title: [
          { text: '湘潭市企业开办', hit: false },
          { text: '营业执照', hit: true },
          { text: '办理指南', hit: false },
        ],
        snippet: [],
      },
    },
  ],
};

let suggestAnswer: { statusCode: number; data: unknown } = { statusCode: 200, data: SUGGESTIONS };

function server() {
  __setRequest(async (o) => {
    const path = String(o.url).replace(/^.*\/api\/v1/, '');
    if (path === '/me') return { statusCode: 200, data: me };
    if (path.startsWith('/faq/suggestions')) return suggestAnswer;
    if (o.method === 'POST' && path === '/faq/suggestion-opens') return { statusCode: 204, data: '' };
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '未找到' } };
  });
}

const suggestionRequests = () =>
  calls.request
    .filter((r) => String(r.url).includes('/faq/suggestions'))
    .map((r) => decodeURIComponent(String(r.url).split('q=')[1] ?? ''));
const opens = () =>
  calls.request
    .filter((r) => r.method === 'POST' && String(r.url).endsWith('/faq/suggestion-opens'))
    .map((r) => r.data);

async function open(type: 'consult' | 'complaint' = 'consult') {
  mockRouter.params = { type };
  render(<CaseNewPage />);
  await act(async () => undefined);
}

const textarea = () => document.querySelector('.case-form__text') as HTMLTextAreaElement;
const type = (value: string) => fireEvent.change(textarea(), { target: { value } });
const wait = (ms: number) => act(async () => void jest.advanceTimersByTime(ms));

beforeEach(() => {
  jest.useFakeTimers();
  __reset();
  clearSession();
  onlineStore.set(true);
  suggestAnswer = { statusCode: 200, data: SUGGESTIONS };
  saveSession({
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    expiresIn: 7200,
    user: { id: USER_ID, role: 'enterprise', displayName: '周一', mustChangePassword: false },
    consentRequired: false,
  });
  server();
});
afterEach(() => {
  cleanup();
  jest.useRealTimers();
});

describe('consultation form suggestions', () => {
  it('asks once typing has paused 500 ms, the timer starting again with every keystroke', async () => {
    await open();
    type('营业执照');
    await wait(SUGGEST_DEBOUNCE_MS - 100);
    type('营业执照变更');
    await wait(SUGGEST_DEBOUNCE_MS - 1);
    expect(suggestionRequests()).toEqual([]);
    await wait(1);
    expect(suggestionRequests()).toEqual(['营业执照变更']);
    expect(SUGGEST_DEBOUNCE_MS).toBe(500);
  });

  it('asks nothing under 4 characters, and never twice in a row for the same text', async () => {
    await open();
    type('营业执');
    await wait(2000);
    expect(suggestionRequests()).toEqual([]);
    type('营业执照');
    await wait(SUGGEST_DEBOUNCE_MS);
    expect(suggestionRequests()).toEqual(['营业执照']);
    // Typed and taken back before the pause: the same text as asked, no request.
    type('营业执照怎');
    await wait(200);
    type('营业执照');
    await wait(2000);
    // Trailing spaces do not make it new either.
    type('营业执照  ');
    await wait(2000);
    expect(suggestionRequests()).toEqual(['营业执照']);
    type('营业执照怎么办');
    await wait(SUGGEST_DEBOUNCE_MS);
    expect(suggestionRequests()).toEqual(['营业执照', '营业执照怎么办']);
  });

  it('shows the cards with the hits marked, and records an opened one with the session id', async () => {
    await open();
    type('我们想办理营业执照');
    await wait(SUGGEST_DEBOUNCE_MS);
    expect(screen.getByText('这些可能已经回答了您的问题')).toBeTruthy();
    const cards = document.querySelectorAll('.case-suggest__card');
    expect(Array.from(cards).map((c) => c.getAttribute('data-id'))).toEqual([FAQ_ID, POLICY_ID]);
    expect(Array.from(cards[0].querySelectorAll('.policy-hl__hit')).map((h) => h.textContent)).toEqual(['营业执照']);
    expect(cards[0].textContent).toContain('常见问题');
    expect(cards[1].textContent).toContain('政策');

    fireEvent.click(cards[0]);
    await act(async () => undefined);
    fireEvent.click(cards[1]);
    await act(async () => undefined);
    const sent = opens() as Array<{ draftId: string; kind: string; id: string }>;
    expect(sent.map((o) => [o.kind, o.id])).toEqual([
      ['faq', FAQ_ID],
      ['policy', POLICY_ID],
    ]);
    expect(sent[0].draftId).toMatch(UUID);
    expect(sent[1].draftId).toBe(sent[0].draftId);
    expect(calls.navigate).toEqual([`${PAGES.faqDetail}?id=${FAQ_ID}`, `${PAGES.policyDetail}?id=${POLICY_ID}`]);
  });

  it('hides the cards when the text is cut below 4 characters; a failed request shows nothing', async () => {
    await open();
    type('营业执照变更');
    await wait(SUGGEST_DEBOUNCE_MS);
    expect(document.querySelectorAll('.case-suggest__card')).toHaveLength(2);
    type('营业');
    await act(async () => undefined);
    expect(document.querySelector('.case-suggest')).toBeNull();

    suggestAnswer = { statusCode: 500, data: { code: 'INTERNAL', message: '服务器开小差了' } };
    type('社保缴纳时间');
    await wait(SUGGEST_DEBOUNCE_MS);
    await wait(5000);
    expect(document.querySelector('.case-suggest')).toBeNull();
    expect(document.querySelector('.case-form__submit')).toBeTruthy();
  });

  it('suggests nothing on the complaint form', async () => {
    await open('complaint');
    type('营业执照办理窗口态度差');
    await wait(2000);
    expect(suggestionRequests()).toEqual([]);
  });

  it('makes a v4 UUID per form session', () => {
    const a = newDraftId();
    expect(a).toMatch(UUID);
    expect(newDraftId()).not.toBe(a);
  });
});
