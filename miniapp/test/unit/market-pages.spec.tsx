import { act, fireEvent, render, screen } from '@testing-library/react';
import type {
  ContactRequestView,
  MarketEnterpriseCard,
  MarketPostCard,
  MarketPostDetail,
} from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, calls } from '../shims/taro';
import { flush, ok, page, requests as sent, serve, type Reply as Answer } from './support';
import { forgetMarketDictionaries } from '../../src/packages/market/components/dictionary';
import { MARKET_DRAFT_KEY } from '../../src/packages/market/pages/edit/draft';
import MarketEditPage from '../../src/packages/market/pages/edit/index';
import MarketIndexPage from '../../src/packages/market/pages/index/index';
import MarketMinePage from '../../src/packages/market/pages/mine/index';
import MarketPostPage from '../../src/packages/market/pages/post/index';
import MarketRequestPage from '../../src/packages/market/pages/request/index';
import { sessionStore } from '../../src/stores/session';

const mockRouter = { params: {} as Record<string, string> };
const mockPhone: string[] = [];
const mockClipboard: string[] = [];
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro-pages').taroWithPageHooks();
  return {
    ...base,
    default: {
      ...base.default,
      makePhoneCall: async ({ phoneNumber }: { phoneNumber: string }) => void mockPhone.push(phoneNumber),
      setClipboardData: async ({ data }: { data: string }) => void mockClipboard.push(data),
      setNavigationBarTitle: async () => undefined,
      previewImage: async () => undefined,
    },
    useRouter: () => mockRouter,
    useShareAppMessage: () => undefined,
  };
});

const POST_ID = '7a000000-0000-4000-8000-000000000001';
const REQUEST_ID = '7b000000-0000-4000-8000-000000000001';

const session = (role: 'enterprise' | 'butler' = 'enterprise') => ({
  accessToken: 'access',
  refreshToken: 'refresh',
  user: { id: 'u-a', role, displayName: '周一', mustChangePassword: false },
  consentRequired: false,
});

function card(over: Partial<MarketPostCard> = {}): MarketPostCard {
  return {
    id: POST_ID,
    kind: 'demand',
    category: '包装印刷',
    industry: '农副食品加工业',
    district: '雨湖区',
    title: '求购食品级瓦楞纸箱',
    excerpt: '月需五层瓦楞纸箱约两万只',
    enterprise: { id: 'e-food', name: '湘潭莲城食品有限公司' },
    cover: null,
    status: 'active',
    createdAt: '2026-11-29T02:00:00.000Z',
    expiresAt: '2099-01-28T02:00:00.000Z',
    ...over,
  };
}

function detail(over: Partial<MarketPostDetail> = {}): MarketPostDetail {
  return {
    ...card(),
    description: '月需五层瓦楞纸箱约两万只，需符合食品包装要求。',
    images: [],
    canManage: false,
    takedownReason: null,
    myRequest: null,
    ...over,
  };
}

const enterprise: MarketEnterpriseCard = {
  id: 'e-paper',
  name: '湘潭岳塘纸业有限公司',
  introduction: '岳塘区纸制品企业',
  products: '瓦楞纸箱、彩印包装盒',
  district: '岳塘区',
  industry: '批发和零售业',
  logo: null,
};

function contactRequest(over: Partial<ContactRequestView> = {}): ContactRequestView {
  return {
    id: REQUEST_ID,
    direction: 'incoming',
    status: 'pending',
    post: { id: POST_ID, kind: 'demand', title: '求购食品级瓦楞纸箱' },
    requesterEnterprise: { id: 'e-paper', name: '湘潭岳塘纸业有限公司' },
    ownerEnterprise: { id: 'e-food', name: '湘潭莲城食品有限公司' },
    message: '我们是纸箱厂，电话 139****2222',
    createdAt: '2026-11-30T02:00:00.000Z',
    decidedAt: null,
    counterpart: null,
    ...over,
  };
}

const districts = ok({
  kind: 'districts',
  items: [
    { id: 1, kind: 'districts', value: '雨湖区', sort: 1, active: true },
    { id: 2, kind: 'districts', value: '岳塘区', sort: 2, active: true },
  ],
});
const industries = ok({
  kind: 'industries',
  items: [{ id: 3, kind: 'industries', value: '批发和零售业', sort: 1, active: true }],
});
const click = (text: string | Element) =>
  act(async () => {
    fireEvent.click(typeof text === 'string' ? screen.getByText(text) : text);
  });
/** Types into a textarea (by its label) or an input (by its placeholder: the shim drops nativeProps). */
const type = (label: string, value: string) =>
  act(async () => {
    const box = screen.queryByLabelText(label) ?? screen.getByPlaceholderText(label);
    fireEvent.change(box, { target: { value } });
  });

beforeEach(() => {
  __reset();
  forgetMarketDictionaries();
  sessionStore.set(null);
  mockRouter.params = {};
  mockPhone.length = 0;
  mockClipboard.length = 0;
});

describe('商圈 board', () => {
  it('one request on open; cards carry kind, title, enterprise, district and expiry; a filter asks again', async () => {
    serve({ 'GET /market/posts': page([card()]), 'GET /dictionaries/districts': districts });
    await act(async () => render(<MarketIndexPage />));
    await flush();
    expect(sent()).toEqual(['GET /market/posts']);
    expect(screen.getByText('求购食品级瓦楞纸箱')).toBeTruthy();
    expect(screen.getAllByText('需求').length).toBeGreaterThan(0);
    expect(screen.getByText('湘潭莲城食品有限公司')).toBeTruthy();
    expect(screen.getByText('雨湖区 · 包装印刷')).toBeTruthy();
    expect(screen.getByText('有效期至 2099年1月28日')).toBeTruthy();

    // 需求 chip, then a district, then a search: each a new first page with the filters.
    await click(screen.getAllByText('需求')[0]);
    await click('筛选');
    await flush();
    expect(sent()).toContain('GET /dictionaries/districts');
    await click(screen.getAllByText('岳塘区')[0]);
    fireEvent.change(screen.getByPlaceholderText('搜索供需标题、描述'), { target: { value: '纸箱' } });
    await click('搜索');
    expect(sent().at(-1)).toBe(
      `GET /market/posts?kind=demand&district=${encodeURIComponent('岳塘区')}&q=${encodeURIComponent('纸箱')}`,
    );

    // A tap on the card opens its detail.
    await click('求购食品级瓦楞纸箱');
    expect(calls.navigate.at(-1)).toBe(`${PAGES.marketPost}?id=${POST_ID}`);
  });

  it('发布供需: a visitor signs in first and comes back to the form; an unbound user is asked to bind', async () => {
    serve({
      'GET /market/posts': page([]),
      'GET /dictionaries/districts': districts,
      'GET /me': ok({ id: 'u-a', membership: null }),
    });
    await act(async () => render(<MarketIndexPage />));
    await flush();
    expect(screen.getByText('暂无供需信息，欢迎发布')).toBeTruthy();
    await click('发布供需');
    expect(calls.navigate.at(-1)).toBe(`${PAGES.login}?redirect=${encodeURIComponent(PAGES.marketEdit)}`);

    act(() => sessionStore.set(session()));
    await click('发布供需');
    expect(screen.getByText(/请先绑定企业/)).toBeTruthy();
    await click('绑定企业');
    expect(calls.navigate.at(-1)).toBe(PAGES.bind);
  });

  it('an approved member goes straight to the form', async () => {
    sessionStore.set(session());
    serve({
      'GET /market/posts': page([]),
      'GET /dictionaries/districts': districts,
      'GET /me': ok({ id: 'u-a', membership: { role: 'owner', status: 'approved', enterprise: { id: 'e' } } }),
    });
    await act(async () => render(<MarketIndexPage />));
    await flush();
    await click('发布供需');
    expect(calls.navigate.at(-1)).toBe(PAGES.marketEdit);
  });

  it('企业名录: loads the directory when opened, cards without contacts, and links to 我的企业入驻名录', async () => {
    serve({
      'GET /market/posts': page([]),
      'GET /dictionaries/districts': districts,
      'GET /dictionaries/industries': industries,
      'GET /market/enterprises': page([enterprise]),
    });
    await act(async () => render(<MarketIndexPage />));
    await flush();
    expect(sent()).not.toContain('GET /market/enterprises');
    await click('企业名录');
    await flush();
    expect(screen.getByText('湘潭岳塘纸业有限公司')).toBeTruthy();
    expect(screen.getByText('主营：瓦楞纸箱、彩印包装盒')).toBeTruthy();
    await click(screen.getAllByText('批发和零售业').find((e) => e.closest('.market-board__industries'))!);
    expect(sent().at(-1)).toBe(`GET /market/enterprises?industry=${encodeURIComponent('批发和零售业')}`);
    await click('我的企业入驻名录');
    expect(calls.navigate.at(-1)).toBe(PAGES.marketListing);
  });
});

describe('供需详情', () => {
  it('我要对接 sends the message once, then shows the request and links to it; matches show why', async () => {
    sessionStore.set(session());
    mockRouter.params = { id: POST_ID };
    let posted = 0;
    serve({
      [`GET /market/posts/${POST_ID}`]: ok(detail()),
      [`GET /market/posts/${POST_ID}/matches`]: ok({
        items: [{ type: 'enterprise', enterprise, why: ['类别相同：包装印刷', '关键词：纸箱'], score: 3 }],
      }),
      [`POST /market/posts/${POST_ID}/contact-requests`]: (o) => {
        posted++;
        expect(o.data).toEqual({ message: '我们生产纸箱' });
        expect(o.header['Idempotency-Key']).toBeTruthy();
        return { statusCode: 201, data: contactRequest({ direction: 'outgoing' }) };
      },
    });
    await act(async () => render(<MarketPostPage />));
    await flush();
    expect(screen.getByText('求购食品级瓦楞纸箱')).toBeTruthy();
    expect(screen.getByText('类别相同：包装印刷')).toBeTruthy();
    expect(screen.getByText('湘潭岳塘纸业有限公司')).toBeTruthy();

    await click('我要对接');
    await click('发送对接申请');
    expect(screen.getByText('请写下您想对接的内容')).toBeTruthy();
    expect(posted).toBe(0);
    await type('对接留言', '我们生产纸箱');
    await act(async () => {
      const button = screen.getByText('发送对接申请');
      fireEvent.click(button);
      fireEvent.click(button);
    });
    await flush();
    expect(posted).toBe(1);
    expect(screen.getByText('待对方回复')).toBeTruthy();
    expect(screen.queryByText('我要对接')).toBeNull();
    await click('查看对接详情');
    expect(calls.navigate.at(-1)).toBe(`${PAGES.marketRequest}?id=${REQUEST_ID}`);
  });

  it('the daily limit (429) is said in Chinese at the form', async () => {
    sessionStore.set(session());
    mockRouter.params = { id: POST_ID };
    const limit = '24 小时内最多发起 10 次对接申请，您已达到上限，请于 12月2日 10:00 后再试';
    serve({
      [`GET /market/posts/${POST_ID}`]: ok(detail()),
      [`GET /market/posts/${POST_ID}/matches`]: ok({ items: [] }),
      [`POST /market/posts/${POST_ID}/contact-requests`]: {
        statusCode: 429,
        data: { code: 'MARKET_CONTACT_LIMIT', message: limit },
      },
    });
    await act(async () => render(<MarketPostPage />));
    await flush();
    expect(screen.getByText('暂无匹配的供需或企业')).toBeTruthy();
    await click('我要对接');
    await type('对接留言', '希望对接');
    await click('发送对接申请');
    await flush();
    expect(screen.getByText(limit)).toBeTruthy();
  });

  it('a visitor is sent to sign in and back; 举报 sends the reason', async () => {
    mockRouter.params = { id: POST_ID };
    serve({
      [`GET /market/posts/${POST_ID}`]: ok(detail()),
      [`GET /market/posts/${POST_ID}/matches`]: ok({ items: [] }),
    });
    await act(async () => render(<MarketPostPage />));
    await flush();
    await click('登录后对接');
    expect(calls.navigate.at(-1)).toBe(
      `${PAGES.login}?redirect=${encodeURIComponent(`${PAGES.marketPost}?id=${POST_ID}`)}`,
    );
  });

  it('its managers: 编辑, 关闭 (confirmed), 续期 with days, and the takedown reason', async () => {
    sessionStore.set(session());
    mockRouter.params = { id: POST_ID };
    const renewed: unknown[] = [];
    serve({
      [`GET /market/posts/${POST_ID}`]: ok(detail({ canManage: true })),
      [`GET /market/posts/${POST_ID}/matches`]: ok({ items: [] }),
      [`POST /market/posts/${POST_ID}/close`]: ok(detail({ canManage: true, status: 'closed' })),
      [`POST /market/posts/${POST_ID}/renew`]: (o) => {
        renewed.push(o.data);
        return ok(detail({ canManage: true, status: 'active' }));
      },
    });
    await act(async () => render(<MarketPostPage />));
    await flush();
    expect(screen.queryByText('我要对接')).toBeNull();
    await click('编辑');
    expect(calls.navigate.at(-1)).toBe(`${PAGES.marketEdit}?id=${POST_ID}`);
    await click('关闭');
    expect(sent()).not.toContain(`POST /market/posts/${POST_ID}/close`);
    await click('确认关闭');
    expect(screen.getByText('已关闭')).toBeTruthy();
    await click('续期');
    await click('60 天');
    await click('确认续期');
    expect(renewed).toEqual([{ validDays: 60 }]);
    expect(screen.getByText('展示中')).toBeTruthy();
  });

  it('shows the takedown reason to its owner', async () => {
    sessionStore.set(session());
    mockRouter.params = { id: POST_ID };
    serve({
      [`GET /market/posts/${POST_ID}`]: ok(
        detail({ canManage: true, status: 'taken_down', takedownReason: '涉嫌非法金融广告' }),
      ),
      [`GET /market/posts/${POST_ID}/matches`]: ok({ items: [] }),
    });
    await act(async () => render(<MarketPostPage />));
    await flush();
    expect(screen.getByText('下架理由：涉嫌非法金融广告')).toBeTruthy();
    expect(screen.queryByText('编辑')).toBeNull();
  });

  it('an unknown post: 信息不存在或已下线 with a way back', async () => {
    mockRouter.params = { id: POST_ID };
    serve({});
    await act(async () => render(<MarketPostPage />));
    await flush();
    expect(screen.getByText('信息不存在或已下线')).toBeTruthy();
    await click('去企业商圈');
    expect(calls.navigate.at(-1)).toBe(PAGES.market);
  });
});

const TITLE_PLACEHOLDER = '一句话说明供应或需求，如「求购食品级瓦楞纸箱」';

describe('发布供需', () => {
  const fill = async () => {
    await click('需求');
    await click('包装印刷');
    await click('雨湖区');
    await type(TITLE_PLACEHOLDER, '求购瓦楞纸箱');
    await type('详细描述', '每月两万只');
  };

  it('checks the fields, sends the draft’s Idempotency-Key, and the same key on a retry; the server’s refusal lands at its field', async () => {
    sessionStore.set(session());
    const keys: string[] = [];
    let answer: Answer = { statusCode: 0, data: null };
    serve({
      'GET /me': ok({ id: 'u-a', membership: { role: 'owner', status: 'approved', enterprise: { id: 'e' } } }),
      'GET /dictionaries/districts': districts,
      'GET /dictionaries/industries': industries,
      'POST /market/posts': (o) => {
        keys.push(o.header['Idempotency-Key']);
        return answer;
      },
    });
    await act(async () => render(<MarketEditPage />));
    await flush();
    await click('发布');
    expect(screen.getByText('请选择供应或需求')).toBeTruthy();
    expect(screen.getByText('请填写标题')).toBeTruthy();
    expect(keys).toEqual([]);

    await fill();
    expect(screen.getByText('6/50')).toBeTruthy();
    answer = {
      statusCode: 400,
      data: {
        code: 'CONTENT_RISKY',
        message: '内容含有违规信息，请修改后再提交',
        details: [{ field: 'description', message: '内容含有违规信息，请修改后再提交' }],
      },
    };
    await click('发布');
    await flush();
    expect(document.querySelector('.market-edit__description-error')?.textContent).toBe(
      '内容含有违规信息，请修改后再提交',
    );
    const draft = (
      jest.requireMock('@tarojs/taro') as { default: { getStorageSync: (k: string) => { key: string } } }
    ).default.getStorageSync(MARKET_DRAFT_KEY);
    expect(draft.key).toBe(keys[0]);

    answer = { statusCode: 201, data: detail({ id: 'new-post', canManage: true }) };
    await type('详细描述', '每月两万只五层纸箱');
    await click('发布');
    await flush();
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(calls.navigate.at(-1)).toBe(`${PAGES.marketPost}?id=new-post`);
    const body = calls.request.filter((r) => r.method === 'POST').at(-1)!.data;
    expect(body).toEqual({
      kind: 'demand',
      category: '包装印刷',
      district: '雨湖区',
      title: '求购瓦楞纸箱',
      description: '每月两万只五层纸箱',
      images: [],
      validDays: 30,
    });
  });

  it('a visitor is sent to sign in and back to the form', async () => {
    mockRouter.params = { kind: 'supply' };
    serve({});
    await act(async () => render(<MarketEditPage />));
    await flush();
    expect(calls.navigate[0]).toBe(`${PAGES.login}?redirect=${encodeURIComponent(`${PAGES.marketEdit}?kind=supply`)}`);
  });

  it('edits a post: the form starts from it and PATCHes the change', async () => {
    sessionStore.set(session());
    mockRouter.params = { id: POST_ID };
    const patches: unknown[] = [];
    serve({
      [`GET /market/posts/${POST_ID}`]: ok(detail({ canManage: true })),
      'GET /dictionaries/districts': districts,
      'GET /dictionaries/industries': industries,
      [`PATCH /market/posts/${POST_ID}`]: (o) => {
        patches.push(o.data);
        return ok(detail({ canManage: true }));
      },
    });
    await act(async () => render(<MarketEditPage />));
    await flush();
    expect(screen.getByText('正在编辑：求购食品级瓦楞纸箱')).toBeTruthy();
    await type(TITLE_PLACEHOLDER, '求购食品级瓦楞纸箱（长期）');
    await click('保存修改');
    expect(patches).toEqual([
      {
        kind: 'demand',
        category: '包装印刷',
        district: '雨湖区',
        title: '求购食品级瓦楞纸箱（长期）',
        description: '月需五层瓦楞纸箱约两万只，需符合食品包装要求。',
        images: [],
        industry: '农副食品加工业',
      },
    ]);
  });
});

describe('对接详情', () => {
  it('pending: no contact shown, the post’s side accepts after a confirmation and then sees the counterpart', async () => {
    sessionStore.set(session());
    mockRouter.params = { id: REQUEST_ID };
    const accepted = contactRequest({
      status: 'accepted',
      decidedAt: '2026-11-30T03:00:00.000Z',
      counterpart: { enterpriseName: '湘潭岳塘纸业有限公司', contactName: '吴经理', phone: '13907321111' },
    });
    serve({
      [`GET /contact-requests/${REQUEST_ID}`]: ok(contactRequest()),
      [`POST /contact-requests/${REQUEST_ID}/accept`]: ok(accepted),
    });
    await act(async () => render(<MarketRequestPage />));
    await flush();
    expect(screen.getByText('待对方回复')).toBeTruthy();
    expect(screen.getByText(/接受后，双方才能看到彼此的联系人和电话/)).toBeTruthy();
    expect(screen.queryByText('对方联系方式')).toBeNull();

    await click('接受');
    expect(sent()).not.toContain(`POST /contact-requests/${REQUEST_ID}/accept`);
    await click('确认接受');
    await flush();
    expect(screen.getByText('已接受')).toBeTruthy();
    expect(screen.getByText('吴经理')).toBeTruthy();
    expect(screen.getByText('13907321111')).toBeTruthy();
    await click('拨打电话');
    expect(mockPhone).toEqual(['13907321111']);
    await click('复制电话');
    expect(mockClipboard).toEqual(['13907321111']);
  });

  it('the requester’s side: no 接受 / 婉拒; after a decline, the explanation and no contact', async () => {
    sessionStore.set(session());
    mockRouter.params = { id: REQUEST_ID };
    serve({
      [`GET /contact-requests/${REQUEST_ID}`]: ok(contactRequest({ direction: 'outgoing', status: 'declined' })),
    });
    await act(async () => render(<MarketRequestPage />));
    await flush();
    expect(screen.getByText('已婉拒')).toBeTruthy();
    expect(screen.getByText(/对方已婉拒这次对接/)).toBeTruthy();
    expect(screen.queryByText('接受')).toBeNull();
    expect(screen.queryByText('对方联系方式')).toBeNull();
  });
});

describe('我的供需', () => {
  it('my posts with status and quick 关闭; 收到的 lists requests with status and opens one', async () => {
    sessionStore.set(session());
    serve({
      'GET /me/market/posts': page([card({ status: 'active' })]),
      [`POST /market/posts/${POST_ID}/close`]: ok(card({ status: 'closed' })),
      'GET /me/market/contact-requests': (o) => {
        expect(String(o.url)).toContain('direction=incoming');
        return page([contactRequest()]);
      },
    });
    await act(async () => render(<MarketMinePage />));
    await flush();
    expect(sent()).toEqual(['GET /me/market/posts']);
    expect(screen.getByText('展示中')).toBeTruthy();
    await click('关闭');
    await click('确认关闭');
    expect(screen.getByText('已关闭')).toBeTruthy();

    await click('收到的');
    await flush();
    expect(screen.getByText('来自：湘潭岳塘纸业有限公司')).toBeTruthy();
    expect(screen.getByText('待对方回复')).toBeTruthy();
    await click('来自：湘潭岳塘纸业有限公司');
    expect(calls.navigate.at(-1)).toBe(`${PAGES.marketRequest}?id=${REQUEST_ID}`);
  });
});
