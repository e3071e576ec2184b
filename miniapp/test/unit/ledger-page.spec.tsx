import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { LedgerFigures, LedgerResponse, LedgerRow } from '@qsgj/shared/contracts';
import { __reset, __setRequest, calls } from '../shims/taro';
import LedgerPage from '../../src/packages/workbench/pages/ledger/index';
import { periodProblem, presetPeriod, weeksOf } from '../../src/packages/workbench/pages/ledger/period';
import { weekGroups } from '../../src/packages/workbench/pages/ledger/use-ledger';
import { saveSession, sessionStore } from '../../src/stores/session';

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-pages').taroWithPageHooks());

const DEPT_A = '0b5c8a34-1d2e-4f3a-8b9c-00000000000a';
const DEPT_B = '0b5c8a34-1d2e-4f3a-8b9c-00000000000b';

function figures(over: Partial<LedgerFigures> = {}): LedgerFigures {
  return {
    received: 0,
    accepted: 0,
    resolved: 0,
    closed: 0,
    rejected: 0,
    longTerm: 0,
    overdue: 0,
    overdueOpen: 0,
    resolvedLate: 0,
    acceptedOnTime: 0,
    rated: 0,
    satisfied: 0,
    avgAcceptDays: null,
    avgResolveDays: null,
    responseRate: null,
    resolutionRate: null,
    satisfactionRate: null,
    ...over,
  };
}
const row = (key: string | null, label: string, over: Partial<LedgerFigures> = {}): LedgerRow => ({
  key,
  label,
  ...figures(over),
});

/** The server's answer for a query, with two departments unless narrowed. */
function answer(q: URLSearchParams, over: Partial<LedgerResponse> = {}): LedgerResponse {
  const department = q.get('department');
  const depts = [
    row(DEPT_A, '市发展改革委', { received: 12, resolved: 10 }),
    row(DEPT_B, '市市场监管局', { received: 30, resolved: 21 }),
  ].filter((d) => !department || d.key === department);
  return {
    from: q.get('from')!,
    to: q.get('to')!,
    filters: { department, butler: null, type: q.get('type'), source: q.get('source') },
    total: figures({
      received: 42,
      accepted: 40,
      resolved: 31,
      closed: 25,
      rejected: 2,
      longTerm: 3,
      overdue: 4,
      overdueOpen: 1,
      resolvedLate: 3,
      acceptedOnTime: 37,
      rated: 27,
      satisfied: 25,
      avgAcceptDays: 0.43,
      avgResolveDays: 2.5,
      responseRate: 0.925,
      resolutionRate: 0.775,
      satisfactionRate: 0.9259,
    }),
    byDepartment: depts,
    byButler: Array.from({ length: 20 }, (_, i) =>
      row(`b${i}`, `管家${String(i + 1).padStart(2, '0')}`, { received: 1 }),
    ),
    byType: [row('complaint', '投诉', { received: 20 }), row('consult', '咨询', { received: 22 })],
    bySource: [row('miniapp', '小程序', { received: 42 })],
    byWeek: [row('2026-11-09', '2026-11-09 当周', { received: 7, resolved: 5 })],
    generatedAt: '2026-11-20T04:00:00.000Z',
    ...over,
  };
}

let ledgerQueries: URLSearchParams[] = [];
let reply: (q: URLSearchParams) => { statusCode: number; data: unknown } = (q) => ({
  statusCode: 200,
  data: answer(q),
});

function signIn(role: 'admin' | 'butler' | 'supervisor' | 'enterprise' = 'admin') {
  saveSession({
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    expiresIn: 7200,
    user: { id: 'u1', role, displayName: '王主任', mustChangePassword: false },
    consentRequired: false,
  });
}

const lastQuery = () => Object.fromEntries(ledgerQueries[ledgerQueries.length - 1].entries());
const text = (selector: string) => document.querySelector(selector)?.textContent ?? null;

/** Sets a picker wrapped around the element `selector` to `value` (an index for a selector, a date for a date). */
function pick(selector: string, value: string) {
  const control = document.querySelector(selector)!.closest('.picker')!.querySelector('.picker__value')!;
  fireEvent.change(control, { target: { value } });
}

beforeEach(() => {
  __reset();
  // Only the clock's date is fixed (Friday 20 November 2026, 12:00 in Shanghai); timers stay real.
  jest.useFakeTimers({
    now: new Date('2026-11-20T04:00:00Z'),
    doNotFake: [
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'setImmediate',
      'clearImmediate',
      'nextTick',
      'queueMicrotask',
    ],
  });
  ledgerQueries = [];
  reply = (q) => ({ statusCode: 200, data: answer(q) });
  __setRequest(async (options) => {
    const url = new URL(options.url, 'http://local');
    if (url.pathname === '/api/v1/stats/ledger') {
      ledgerQueries.push(url.searchParams);
      return reply(url.searchParams);
    }
    return { statusCode: 404, data: null };
  });
  signIn();
});

afterEach(() => {
  cleanup();
  sessionStore.set(null);
  jest.useRealTimers();
});

async function openLedger() {
  render(<LedgerPage />);
  await screen.findByText('合计');
}

describe('工作台账 periods', () => {
  it('computes the presets from the Shanghai day', () => {
    expect(presetPeriod('month', '2026-11-20')).toEqual({ from: '2026-11-01', to: '2026-11-20' });
    expect(presetPeriod('lastMonth', '2026-11-20')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetPeriod('lastMonth', '2026-01-05')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('lastMonth', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetPeriod('quarter', '2026-11-20')).toEqual({ from: '2026-10-01', to: '2026-11-20' });
    expect(presetPeriod('quarter', '2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(presetPeriod('year', '2026-11-20')).toEqual({ from: '2026-01-01', to: '2026-11-20' });
  });

  it('refuses a period longer than 366 days or backwards, and takes exactly 366', () => {
    expect(periodProblem({ from: '2025-11-20', to: '2026-11-20' })).toBeNull(); // 366 days, both included
    expect(periodProblem({ from: '2025-11-19', to: '2026-11-20' })).toBe('统计区间不能超过 366 天，请缩短区间后再查询');
    expect(periodProblem({ from: '2026-11-20', to: '2026-11-19' })).toBe('结束日期不能早于开始日期');
    expect(periodProblem({ from: '2026-11-20', to: '2026-11-20' })).toBeNull();
    expect(periodProblem({ from: '', to: '2026-11-20' })).toBe('请选择开始日期');
  });

  it('lists every week the period touches, and charts weeks without cases as 0', () => {
    expect(weeksOf({ from: '2026-11-01', to: '2026-11-20' })).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
    ]);
    const groups = weekGroups({ from: '2026-11-01', to: '2026-11-20' }, [
      row('2026-11-09', '2026-11-09 当周', { received: 7, resolved: 5 }),
    ]);
    expect(groups.map((g) => [g.label, g.title, g.values])).toEqual([
      ['10/26', '10月26日当周', [0, 0]],
      ['11/2', '11月2日当周', [0, 0]],
      ['11/9', '11月9日当周', [7, 5]],
      ['11/16', '11月16日当周', [0, 0]],
    ]);
  });
});

describe('工作台账 page', () => {
  it('asks for this month and shows the totals, the rates, the weekly chart and a table', async () => {
    await openLedger();
    expect(ledgerQueries).toHaveLength(1);
    expect(lastQuery()).toEqual({ from: '2026-11-01', to: '2026-11-20' });
    expect(text('.ledger__card--received .ledger__card-value')).toBe('42');
    expect(text('.ledger__card--resolved .ledger__card-value')).toBe('31');
    expect(text('.ledger__card--overdue .ledger__card-sub')).toBe('在办超期 1 · 超期办结 3');
    expect(text('.ledger__card--avg-accept .ledger__card-value')).toBe('0.43');
    expect(text('.ledger__card--response-rate .ledger__card-value')).toBe('92.5%');
    expect(text('.ledger__card--resolution-rate .ledger__card-sub')).toBe('办结 31 / 40');
    expect(text('.ledger__card--satisfaction-rate .ledger__card-value')).toBe('92.6%');
    expect(text('.bar-chart__summary')).toBe(
      '每周受理与办结：10月26日当周：受理 0件，办结 0件；11月2日当周：受理 0件，办结 0件；' +
        '11月9日当周：受理 7件，办结 5件；11月16日当周：受理 0件，办结 0件。',
    );
    const rows = Array.from(document.querySelectorAll('.ledger__row'));
    expect(rows.map((r) => r.querySelector('.ledger__name')!.textContent)).toEqual(['市发展改革委', '市市场监管局']);
    expect(rows[1].querySelector('.ledger__cell--received')!.textContent).toBe('30');
    expect(text('.ledger__generated')).toBe('数据截至 12:00');
  });

  it('shows — for a rate without a denominator and for no average', async () => {
    reply = (q) => ({ statusCode: 200, data: answer(q, { total: figures({ received: 1 }) }) });
    await openLedger();
    expect(text('.ledger__card--satisfaction-rate .ledger__card-value')).toBe('—');
    expect(text('.ledger__card--avg-resolve .ledger__card-value')).toBe('—');
  });

  it('asks again for each preset', async () => {
    await openLedger();
    const expectations: Array<[string, { from: string; to: string }]> = [
      ['上月', { from: '2026-10-01', to: '2026-10-31' }],
      ['本季度', { from: '2026-10-01', to: '2026-11-20' }],
      ['本年', { from: '2026-01-01', to: '2026-11-20' }],
      ['本月', { from: '2026-11-01', to: '2026-11-20' }],
    ];
    for (const [label, period] of expectations) {
      fireEvent.click(screen.getByText(label));
      await waitFor(() => expect(lastQuery()).toEqual(period));
    }
    expect(ledgerQueries).toHaveLength(5);
  });

  it('refuses a custom period over 366 days in Chinese without asking the server', async () => {
    await openLedger();
    fireEvent.click(screen.getByText('自定义'));
    expect(ledgerQueries).toHaveLength(1); // the same period as 本月: nothing new to ask
    pick('.ledger__from', '2025-11-19');
    expect(screen.getByRole('alert').textContent).toBe('统计区间不能超过 366 天，请缩短区间后再查询');
    expect(document.querySelector('.ledger__totals')).toBeNull(); // no figures of another period under it
    await act(async () => undefined);
    expect(ledgerQueries).toHaveLength(1);
    expect((document.querySelector('.ledger__export-xlsx') as HTMLButtonElement | null)?.disabled ?? true).toBe(true);

    pick('.ledger__from', '2025-11-20');
    await waitFor(() => expect(lastQuery()).toEqual({ from: '2025-11-20', to: '2026-11-20' }));
    expect(screen.queryByText('统计区间不能超过 366 天，请缩短区间后再查询')).toBeNull();

    pick('.ledger__to', '2025-11-01');
    expect(screen.getByText('结束日期不能早于开始日期')).toBeTruthy();
    await act(async () => undefined);
    expect(ledgerQueries).toHaveLength(2);
  });

  it('offers the department filter to staff who see several departments, and narrows by it', async () => {
    await openLedger();
    expect(document.querySelector('.ledger__filter-department')).not.toBeNull();
    pick('.ledger__filter-department', '2'); // 全部部门, 市发展改革委, 市市场监管局 (sorted by name)
    await waitFor(() => expect(lastQuery().department).toBe(DEPT_B));
    await waitFor(() => expect(document.querySelectorAll('.ledger__row')).toHaveLength(1));
    // The narrowed answer has one department; the filter stays, showing the choice.
    expect(text('.ledger__filter-department .ledger__select-value')).toBe('市市场监管局');
    pick('.ledger__filter-type', '2'); // 全部类型, 咨询, 投诉 …
    await waitFor(() =>
      expect(lastQuery()).toEqual({ from: '2026-11-01', to: '2026-11-20', department: DEPT_B, type: 'complaint' }),
    );
    pick('.ledger__filter-department', '0');
    await waitFor(() => expect(lastQuery().department).toBeUndefined());
    pick('.ledger__filter-source', '3'); // 全部来源, 小程序, 企业接待日, 12345热线
    await waitFor(() => expect(lastQuery().source).toBe('hotline_12345'));
  });

  it('shows no department filter to a butler, whose ledger covers one department', async () => {
    signIn('butler');
    reply = (q) => ({
      statusCode: 200,
      data: answer(q, { byDepartment: [row(DEPT_A, '市发展改革委', { received: 3 })] }),
    });
    await openLedger();
    expect(document.querySelector('.ledger__filter-department')).toBeNull();
    expect(document.querySelector('.ledger__filter-type')).not.toBeNull();
  });

  it('explains how each rate is counted on demand', async () => {
    await openLedger();
    expect(document.querySelector('.ledger__explain')).toBeNull();
    fireEvent.click(screen.getByText('口径说明'));
    const explain = text('.ledger__explain')!;
    expect(explain).toContain('按时受理数 ÷ 已受理数');
    expect(explain).toContain('办结数 ÷（受理量 − 不予受理数）');
    expect(explain).toContain('满意数（非常满意、满意、基本满意）÷ 有效评价数');
    fireEvent.click(screen.getByText('收起口径说明'));
    expect(document.querySelector('.ledger__explain')).toBeNull();
  });

  it('switches the chart to departments and the table between breakdowns, 15 rows at a time', async () => {
    await openLedger();
    fireEvent.click(document.querySelector('.ledger__chart-tab--department')!);
    expect(document.querySelector('.bar-chart--rows')).not.toBeNull();
    expect(text('.bar-chart__summary')).toBe(
      '各部门受理与办结：市发展改革委：受理 12件，办结 10件；市市场监管局：受理 30件，办结 21件。',
    );
    fireEvent.click(document.querySelector('.ledger__table-tab--byButler')!);
    expect(document.querySelectorAll('.ledger__row')).toHaveLength(15);
    fireEvent.click(screen.getByText('显示更多（共 20 行）'));
    expect(document.querySelectorAll('.ledger__row')).toHaveLength(20);
    expect(document.querySelector('.ledger__more')).toBeNull();
    fireEvent.click(document.querySelector('.ledger__table-tab--byType')!);
    expect(Array.from(document.querySelectorAll('.ledger__row .ledger__name')).map((n) => n.textContent)).toEqual([
      '投诉',
      '咨询',
    ]);
  });

  it('shows the server’s refusal with a retry', async () => {
    reply = () => ({
      statusCode: 400,
      data: { code: 'VALIDATION_FAILED', message: '统计区间不能超过366天', requestId: 'r1' },
    });
    render(<LedgerPage />);
    expect(await screen.findByText('统计区间不能超过366天')).toBeTruthy();
    reply = (q) => ({ statusCode: 200, data: answer(q) });
    fireEvent.click(screen.getByText('重新加载'));
    expect(await screen.findByText('合计')).toBeTruthy();
  });

  it('sends a signed-out visitor to the staff sign-in and asks nothing', async () => {
    sessionStore.set(null);
    render(<LedgerPage />);
    expect(screen.getByText('请先以工作人员身份登录。')).toBeTruthy();
    const { trigger } = jest.requireActual('./taro-pages');
    act(() => trigger('show'));
    expect(calls.navigate).toEqual(['/packages/account/pages/staff-login/index']);
    await act(async () => undefined);
    expect(ledgerQueries).toHaveLength(0);
  });
});
