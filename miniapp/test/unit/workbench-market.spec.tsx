import { act, fireEvent, render, screen } from '@testing-library/react';
import type { MarketPostCard, MarketReportItem } from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, calls } from '../shims/taro';
import { $$, flush, ok, scriptedServer, signIn as signInAs, typeInto, writes } from './support';
import MarketReportsPage from '../../src/packages/workbench/pages/market-reports/index';
import { clearSession } from '../../src/stores/session';

/** 商圈管理: the report queue (decide 下架 / 驳回 with a note), 供需巡查 (下架 with a reason), and who is refused. */

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-pages').taroWithPageHooks());

const signIn = (role: 'supervisor' | 'admin' | 'butler' = 'supervisor') =>
  signInAs(role, { id: 's1', displayName: '周主管' });
const { on, listen } = scriptedServer({
  notFound: { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在或已被删除' } },
});
const gets = () =>
  calls.request
    .filter((r) => r.method === 'GET')
    .map((r) => decodeURIComponent(String(r.url).replace(/^\/api\/v1/, '')));
const $ = (sel: string, root: ParentNode = document) => root.querySelector<HTMLElement>(sel);
const click = (el: Element) => act(async () => void fireEvent.click(el));

const POST_ID = '5f0c6d1e-7a1b-4c2d-9e3f-0000000000a1';
function card(over: Partial<MarketPostCard> = {}): MarketPostCard {
  return {
    id: POST_ID,
    kind: 'supply',
    category: '市场渠道',
    industry: null,
    district: '岳塘区',
    title: '跨境电商代运营 助湘货出海',
    excerpt: '提供亚马逊店铺代运营…',
    enterprise: { id: 'e1', name: '湘潭出海科技有限公司' },
    cover: null,
    status: 'active',
    createdAt: '2026-11-20T02:00:00.000Z',
    expiresAt: '2026-12-20T02:00:00.000Z',
    ...over,
  };
}
function report(over: Partial<MarketReportItem> = {}): MarketReportItem {
  return {
    id: 'r1',
    source: 'user',
    reason: '价格与服务描述不清，疑似夸大宣传',
    status: 'open',
    note: null,
    createdAt: '2026-11-30T02:00:00.000Z',
    decidedAt: null,
    post: { ...card(), description: '提供亚马逊店铺代运营，保证月销百万。' },
    ...over,
  };
}

beforeEach(() => {
  __reset();
  clearSession();
  listen();
});

async function open() {
  await act(async () => void render(<MarketReportsPage />));
  await flush();
}

describe('商圈管理 · 举报处理', () => {
  it('lists the open reports with their source, reason and post; the chips ask by status', async () => {
    signIn();
    on(
      'GET',
      '/staff/market/reports?status=open',
      ok({
        items: [report(), report({ id: 'r2', source: 'content_check', reason: '疑似含有联系方式' })],
        nextCursor: null,
      }),
    );
    on('GET', '/staff/market/reports?status=decided', ok({ items: [], nextCursor: null }));
    await open();
    const rows = $$('.wb-market__report');
    expect(rows.map((r) => $('.wb-market__source', r)!.textContent)).toEqual(['用户举报', '内容审核']);
    expect($('.wb-market__reason', rows[0])!.textContent).toBe('举报理由：价格与服务描述不清，疑似夸大宣传');
    expect($('.wb-market__reason', rows[1])!.textContent).toBe('审核提示：疑似含有联系方式');
    expect($('.wb-market__kind', rows[0])!.textContent).toBe('供应');
    expect($('.wb-market__title', rows[0])!.textContent).toBe('跨境电商代运营 助湘货出海');
    expect($('.wb-market__meta', rows[0])!.textContent).toBe('湘潭出海科技有限公司 · 市场渠道 · 岳塘区 · 展示中');
    expect($('.wb-market__description', rows[0])!.textContent).toBe('提供亚马逊店铺代运营，保证月销百万。');
    expect($('.wb-market__dismiss', rows[1])!.textContent).toBe('通过');

    fireEvent.click($('.wb-market__open', rows[0])!);
    expect(calls.navigate).toEqual([`${PAGES.marketPost}?id=${POST_ID}`]);

    await click($('.wb-market__chip--decided')!);
    expect(gets()).toEqual(['/staff/market/reports?status=open', '/staff/market/reports?status=decided']);
    expect(screen.getByText('暂无已处理的举报')).toBeTruthy();
  });

  it('下架 needs a note, asks to confirm, sends it once (idempotent) and shows the result in the row', async () => {
    signIn();
    on('GET', '/staff/market/reports?status=open', ok({ items: [report()], nextCursor: null }));
    on('POST', '/staff/market/reports/r1/decision', (o) =>
      ok(
        report({
          status: o.data.takeDown ? 'upheld' : 'dismissed',
          note: o.data.note,
          decidedAt: '2026-12-01T03:00:00.000Z',
          post: { ...report().post, status: 'taken_down' },
        }),
      ),
    );
    await open();
    await click($('.wb-market__takedown')!);
    expect($('.wb-market__note-error')!.textContent).toBe('请填写处理意见');
    expect(writes()).toEqual([]);

    typeInto($('.wb-market__note')!, ' 夸大宣传，违反发布规则 ');
    expect($('.wb-market__count')!.textContent).toBe('13/200');
    await click($('.wb-market__takedown')!);
    expect($('.wb-market__confirm-text')!.textContent).toBe(
      '确定下架「跨境电商代运营 助湘货出海」吗？它将立即从供需广场移除，发布方会收到通知并看到处理意见。',
    );
    expect(writes()).toEqual([]);
    await click($('.wb-market__confirm-ok')!);
    expect(writes()).toEqual([
      ['POST /staff/market/reports/r1/decision', { takeDown: true, note: '夸大宣传，违反发布规则' }],
    ]);
    const post = calls.request.find((r) => r.method === 'POST')!;
    expect(post.header['Idempotency-Key']).toBeTruthy();
    const row = $('.wb-market__report')!;
    expect($('.wb-market__status', row)!.textContent).toBe('已下架');
    expect($('.wb-market__result-head', row)!.textContent).toBe('已下架 · 2026-12-01 11:00');
    expect($('.wb-market__result-note', row)!.textContent).toBe('处理意见：夸大宣传，违反发布规则');
    expect($('.wb-market__meta', row)!.textContent).toContain('已下架');
    expect($('.wb-market__note', row)).toBeNull();
  });

  it('驳回 keeps the post; a report decided meanwhile shows the server’s message at the row', async () => {
    signIn('admin');
    on('GET', '/staff/market/reports?status=open', ok({ items: [report()], nextCursor: null }));
    on('POST', '/staff/market/reports/r1/decision', {
      statusCode: 409,
      data: { code: 'MARKET_REPORT_DECIDED', message: '该举报已处理，请刷新后查看' },
    });
    await open();
    typeInto($('.wb-market__note')!, '描述属实，不予处理');
    await click($('.wb-market__dismiss')!);
    expect($('.wb-market__confirm-text')!.textContent).toBe('确定驳回该举报吗？这条信息将继续展示。');
    await click($('.wb-market__confirm-ok')!);
    expect(writes()).toEqual([
      ['POST /staff/market/reports/r1/decision', { takeDown: false, note: '描述属实，不予处理' }],
    ]);
    expect($('.wb-market__error')!.textContent).toBe('该举报已处理，请刷新后查看');
    expect($('.wb-market__status')!.textContent).toBe('待处理');
  });

  it('says when there is nothing to decide, and a failed load offers 重新加载', async () => {
    signIn();
    on('GET', '/staff/market/reports?status=open', {
      statusCode: 500,
      data: { code: 'INTERNAL_ERROR', message: '服务器开小差了' },
    });
    await open();
    expect(screen.getByText('服务器开小差了')).toBeTruthy();
    on('GET', '/staff/market/reports?status=open', ok({ items: [], nextCursor: null }));
    await click(screen.getByText('重新加载'));
    expect(screen.getByText('暂无待处理的举报')).toBeTruthy();
  });

  it('a butler reads the server’s refusal and goes back to the workbench', async () => {
    signIn('butler');
    on('GET', '/staff/market/reports?status=open', {
      statusCode: 403,
      data: { code: 'FORBIDDEN', message: '您没有权限执行此操作' },
    });
    await open();
    expect(screen.getByText('无法使用商圈管理')).toBeTruthy();
    expect($('.wb-market__refused-reason')!.textContent).toBe('您没有权限执行此操作');
    expect(screen.queryByText('重新加载')).toBeNull();
    fireEvent.click($('.wb-market__back')!);
    expect(calls.navigate).toEqual([PAGES.workbench]);
  });
});

describe('商圈管理 · 供需巡查', () => {
  it('searches the board and takes a post down with a required reason', async () => {
    signIn();
    on('GET', '/staff/market/reports?status=open', ok({ items: [], nextCursor: null }));
    on(
      'GET',
      '/market/posts',
      ok({ items: [card(), card({ id: 'p2', title: '湘莲制品 企业团购供应' })], nextCursor: null }),
    );
    on('GET', '/market/posts?q=跨境', ok({ items: [card()], nextCursor: null }));
    on('POST', `/staff/market/posts/${POST_ID}/takedown`, (o) =>
      ok({ ...card({ status: 'taken_down' }), takedownReason: o.data.reason }),
    );
    await open();
    await click($('.wb-market__tab--patrol')!);
    expect($$('.wb-market__patrol-row')).toHaveLength(2);
    typeInto($('.wb-market__search-input')!, ' 跨境 ');
    await click($('.wb-market__search-submit')!);
    expect(gets()).toEqual(['/staff/market/reports?status=open', '/market/posts', '/market/posts?q=跨境']);
    expect($$('.wb-market__patrol-row')).toHaveLength(1);

    await click($('.wb-market__takedown')!);
    await click($('.wb-market__takedown-confirm')!);
    expect($('.wb-market__note-error')!.textContent).toBe('请填写下架理由');
    expect(writes()).toEqual([]);
    typeInto($('.wb-market__reason-input')!, '涉嫌虚假宣传');
    await click($('.wb-market__takedown-confirm')!);
    expect(writes()).toEqual([[`POST /staff/market/posts/${POST_ID}/takedown`, { reason: '涉嫌虚假宣传' }]]);
    expect($('.wb-market__result-note')!.textContent).toBe('下架理由：涉嫌虚假宣传');
    expect($('.wb-market__takedown')).toBeNull();
  });

  it('shows the server’s refusal of a take-down at the row, and an empty search in words', async () => {
    signIn();
    on('GET', '/staff/market/reports?status=open', ok({ items: [], nextCursor: null }));
    on('GET', '/market/posts', ok({ items: [card()], nextCursor: null }));
    on('GET', '/market/posts?q=量子', ok({ items: [], nextCursor: null }));
    on('POST', `/staff/market/posts/${POST_ID}/takedown`, {
      statusCode: 409,
      data: { code: 'MARKET_POST_NOT_OPEN', message: '该信息已关闭、过期或下架，不能执行该操作' },
    });
    await open();
    await click($('.wb-market__tab--patrol')!);
    await click($('.wb-market__takedown')!);
    typeInto($('.wb-market__reason-input')!, '重复发布');
    await click($('.wb-market__takedown-confirm')!);
    expect($('.wb-market__error')!.textContent).toBe('该信息已关闭、过期或下架，不能执行该操作');
    typeInto($('.wb-market__search-input')!, '量子');
    await click($('.wb-market__search-submit')!);
    expect(screen.getByText('没有找到与「量子」相关的供需信息')).toBeTruthy();
  });
});
