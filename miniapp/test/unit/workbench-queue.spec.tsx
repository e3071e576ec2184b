import { act, fireEvent, render } from '@testing-library/react';
import type { CaseCountsResponse, CaseDetailStaff, CaseSummaryStaff } from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import Taro from '@tarojs/taro';
import { __reset, __setRequest, calls } from '../shims/taro';
import { ok, requests as sent } from './support';
import WorkbenchPage from '../../src/packages/workbench/pages/index/index';
import { saveSession, sessionStore } from '../../src/stores/session';
import { trigger } from './taro-pages';

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-pages').taroWithPageHooks());

const staffSession = (id: string, role: 'butler' | 'supervisor' | 'admin', displayName: string) => ({
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresIn: 7200,
  user: { id, role, displayName, mustChangePassword: false },
  consentRequired: false,
});
const butler = staffSession('u-li', 'butler', '李管家');
const supervisor = staffSession('u-zhao', 'supervisor', '赵主管');
const admin = staffSession('u-admin', 'admin', '系统管理员');

const COUNTS: CaseCountsResponse = {
  open: 30,
  pendingCheck: 0,
  submitted: 4,
  accepted: 7,
  awaitingEnterprise: 3,
  longTerm: 8,
  resolved: 6,
  overdue: 2,
  dueSoon: 1,
  mine: 5,
  unassigned: 9,
};

function row(over: Partial<CaseSummaryStaff> = {}): CaseSummaryStaff {
  return {
    id: 'c1',
    number: 'QS20261130-0007',
    type: 'complaint',
    source: 'miniapp',
    state: 'submitted',
    category: null,
    excerpt: '厂区停电三天了',
    createdAt: '2026-11-30T02:00:00.000Z',
    updatedAt: '2026-11-30T02:00:00.000Z',
    expectedBy: '2026-12-07T15:59:59.999Z',
    paused: false,
    department: { id: 'd1', name: '市发展和改革局' },
    awaitingRating: false,
    enterprise: { id: 'e1', name: '湘潭示范科技有限公司' },
    anonymous: false,
    butler: null,
    acceptDueAt: '2026-12-01T15:59:59.999Z',
    resolveDueAt: '2026-12-07T15:59:59.999Z',
    overdue: false,
    dueSoon: false,
    estimatedDeadline: false,
    ...over,
  };
}

const ROWS = [
  row(),
  row({
    id: 'c2',
    number: 'QS20261129-0003',
    type: 'consult',
    source: 'hotline_12345',
    state: 'accepted',
    enterprise: { id: null, name: '匿名企业' },
    anonymous: true,
    butler: { id: 'u-li', name: '李管家' },
    acceptDueAt: null,
    overdue: true,
  }),
  row({
    id: 'c3',
    number: 'QS20261128-0001',
    state: 'accepted',
    butler: { id: 'u-wang', name: '王管家' },
    acceptDueAt: null,
    resolveDueAt: '2027-01-05T15:59:59.999Z',
    dueSoon: true,
    estimatedDeadline: true,
  }),
];

type Answer = { statusCode: number; data: unknown };
/** Answers by "METHOD path" (query included); anything else 404. */
function serve(routes: Record<string, Answer | ((body: unknown) => Answer)>) {
  __setRequest(async ({ url, method, data }) => {
    const key = `${method ?? 'GET'} ${String(url).replace(/^\/api\/v1/, '')}`;
    const route = routes[key];
    if (!route) return { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在或已被删除' } };
    return typeof route === 'function' ? route(data) : route;
  });
}
const page = (items: CaseSummaryStaff[]) => ok({ items, nextCursor: null });
const click = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el);
  });
};
const chips = (c: HTMLElement) => Array.from(c.querySelectorAll('.wb-queue__chip')).map((b) => b.textContent);
const links = (c: HTMLElement) => Array.from(c.querySelectorAll('.wb-queue__link')).map((b) => b.textContent);

async function open(as = butler) {
  saveSession(as);
  return act(async () => render(<WorkbenchPage />));
}

const narrow = { ...Taro };
beforeEach(() => {
  __reset();
  sessionStore.set(null);
  Object.assign(Taro, {
    getWindowInfo: narrow.getWindowInfo ?? (() => ({ windowWidth: 375 })),
    onWindowResize: () => undefined,
    offWindowResize: () => undefined,
  });
});

describe('管家工作台 (the queue)', () => {
  it('asks for the first page, then the counts once it is shown, and shows each case as a row', async () => {
    let answerList: (a: Answer) => void = () => undefined;
    __setRequest(async ({ url }) => {
      const path = String(url).replace(/^\/api\/v1/, '');
      if (path === '/cases?stage=open') return new Promise<Answer>((resolve) => (answerList = resolve));
      if (path === '/cases/counts') return ok(COUNTS);
      return { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在或已被删除' } };
    });
    const { container } = await open();
    // Before the queue shows: the first page only (the name and role come from the session: no /me).
    expect(sent()).toEqual(['GET /cases?stage=open']);
    expect(container.querySelector('.qs-state--loading')).not.toBeNull();
    expect(container.querySelector('.workbench__who')!.textContent).toBe('李管家 · 亲商管家');
    await act(async () => answerList(page(ROWS)));
    expect(sent()).toEqual(['GET /cases?stage=open', 'GET /cases/counts']);
    expect(container.querySelector('.workbench__title')!.textContent).toBe('管家工作台');
    expect(container.querySelector('.workbench__who')!.textContent).toBe('李管家 · 亲商管家');

    expect(chips(container)).toEqual([
      '全部待办 30',
      '待受理 4',
      '我的 5',
      '未指派 9',
      '即将超期 1',
      '已超期 2',
      '待补充 3',
      '长期推进 8',
      '已办结 6',
    ]);
    expect(container.querySelector('.wb-queue__chip--active')!.textContent).toBe('全部待办 30');

    const rows = Array.from(container.querySelectorAll('.wb-queue__row'));
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['c1', 'c2', 'c3']);
    const [first, second, third] = rows.map((r) => r.textContent!);
    expect(first).toContain('QS20261130-0007');
    expect(first).toContain('投诉 · 小程序 · 湘潭示范科技有限公司');
    expect(first).toContain('厂区停电三天了');
    expect(first).toContain('待受理');
    expect(first).toContain('未指派');
    expect(first).toContain('12月1日 23:59 前受理');
    expect(rows[0].querySelector('.wb-queue__flag')).toBeNull();
    expect(second).toContain('咨询 · 12345热线 · 匿名企业');
    expect(second).toContain('管家 李管家');
    expect(second).toContain('12月7日 23:59 前办结');
    expect(rows[1].querySelector('.wb-queue__flag--overdue')!.textContent).toBe('已超期');
    expect(rows[2].querySelector('.wb-queue__flag--due-soon')!.textContent).toBe('即将超期');
    expect(rows[2].querySelector('.wb-queue__flag--calendar')!.textContent).toBe('日历待更新');
    expect(third).toContain('2027年1月5日 23:59 前办结');
  });

  it('each chip asks the list for its filter; type and source narrow it further', async () => {
    serve({
      'GET /cases/counts': ok(COUNTS),
      'GET /cases?stage=open': page(ROWS),
      'GET /cases?state=submitted': page([row()]),
      'GET /cases?mine=true&stage=open': page([ROWS[1]]),
      'GET /cases?unassigned=true&stage=open': page([row()]),
      'GET /cases?dueSoon=true': page([ROWS[2]]),
      'GET /cases?overdue=true': page([ROWS[1]]),
      'GET /cases?state=awaiting_enterprise': page([]),
      'GET /cases?state=long_term': page([]),
      'GET /cases?state=resolved': page([]),
      'GET /cases?state=resolved&type=complaint': page([]),
      'GET /cases?state=resolved&type=complaint&source=reception_day': page([]),
    });
    const { container } = await open();
    calls.request.length = 0;
    for (const label of ['待受理', '我的', '未指派', '即将超期', '已超期', '待补充', '长期推进', '已办结']) {
      await click(
        Array.from(container.querySelectorAll('.wb-queue__chip')).find((c) => c.textContent!.startsWith(label))!,
      );
    }
    await act(async () => {
      fireEvent.change(container.querySelector('.wb-queue__picker--type')!.parentElement!.querySelector('select')!, {
        target: { value: '2' },
      });
    });
    await act(async () => {
      fireEvent.change(container.querySelector('.wb-queue__picker--source')!.parentElement!.querySelector('select')!, {
        target: { value: '2' },
      });
    });
    expect(sent()).toEqual([
      'GET /cases?state=submitted',
      'GET /cases?mine=true&stage=open',
      'GET /cases?unassigned=true&stage=open',
      'GET /cases?dueSoon=true',
      'GET /cases?overdue=true',
      'GET /cases?state=awaiting_enterprise',
      'GET /cases?state=long_term',
      'GET /cases?state=resolved',
      'GET /cases?state=resolved&type=complaint',
      'GET /cases?state=resolved&type=complaint&source=reception_day',
    ]);
    expect(container.querySelector('.wb-queue__picker--type')!.textContent).toContain('投诉');
    expect(container.querySelector('.wb-queue__picker--source')!.textContent).toContain('企业接待日');
    expect(container.querySelector('.qs-state')!.textContent).toContain('该筛选下暂无诉求');
  });

  it('links by role: 工作台账 and 活动签到 for all staff, 回访整改 and 商圈管理 for supervisors and admins, 工作日历, 活动管理 and 待审核 for admins', async () => {
    serve({ 'GET /cases/counts': ok(COUNTS), 'GET /cases?stage=open': page([]) });
    const asButler = await open(butler);
    expect(links(asButler.container)).toEqual(['工作台账', '常见问题', '活动签到']);
    await click(asButler.container.querySelector('.wb-queue__link--ledger')!);
    expect(calls.navigate).toEqual([PAGES.ledger]);
    asButler.unmount();

    const asSupervisor = await open(supervisor);
    expect(links(asSupervisor.container)).toEqual(['回访整改', '工作台账', '常见问题', '活动签到', '商圈管理']);
    await click(asSupervisor.container.querySelector('.wb-queue__link--market')!);
    expect(calls.navigate.slice(-1)).toEqual([PAGES.marketReports]);
    expect(chips(asSupervisor.container)).not.toContain('待审核 0');
    asSupervisor.unmount();

    serve({ 'GET /cases/counts': ok({ ...COUNTS, pendingCheck: 2 }), 'GET /cases?stage=open': page([]) });
    const asAdmin = await open(admin);
    expect(links(asAdmin.container)).toEqual(['回访整改', '工作台账', '工作日历', '常见问题', '活动管理', '商圈管理']);
    expect(chips(asAdmin.container).slice(0, 2)).toEqual(['全部待办 30', '待审核 2']);
    await click(asAdmin.container.querySelector('.wb-queue__link--calendar')!);
    await click(asAdmin.container.querySelector('.wb-queue__link--follow-ups')!);
    await click(asAdmin.container.querySelector('.wb-queue__link--events')!);
    expect(calls.navigate.slice(-3)).toEqual([PAGES.calendar, PAGES.followUps, PAGES.staffEvents]);
  });

  it('warns admins, after the queue has shown, while next year has no official calendar; a butler is never asked', async () => {
    const next = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) + 1;
    const calendar = (official: boolean) =>
      ok({ year: next, holidays: [], workdays: [], official, updatedAt: official ? '2026-12-01T00:00:00.000Z' : null });
    serve({
      'GET /cases/counts': ok(COUNTS),
      'GET /cases?stage=open': page([]),
      [`GET /admin/calendar/${next}`]: calendar(false),
    });
    const asAdmin = await open(admin);
    // The queue's own request comes first; the calendar is asked once the queue shows (not before its first render).
    expect(sent()[0]).toBe('GET /cases?stage=open');
    expect(sent().slice(1).sort()).toEqual(['GET /admin/calendar/' + next, 'GET /cases/counts'].sort());
    const warning = asAdmin.container.querySelector('.wb-queue__calendar-warning');
    expect(warning?.textContent).toContain(`${next} 年节假日安排尚未录入`);
    await click(warning!);
    expect(calls.navigate).toEqual([PAGES.calendar]);
    asAdmin.unmount();

    // Entered: no warning.
    serve({
      'GET /cases/counts': ok(COUNTS),
      'GET /cases?stage=open': page([]),
      [`GET /admin/calendar/${next}`]: calendar(true),
    });
    const entered = await open(admin);
    expect(entered.container.querySelector('.wb-queue__calendar-warning')).toBeNull();
    entered.unmount();

    calls.request.length = 0;
    serve({ 'GET /cases/counts': ok(COUNTS), 'GET /cases?stage=open': page([]) });
    const asButler = await open(butler);
    expect(sent()).not.toContain(`GET /admin/calendar/${next}`);
    expect(asButler.container.querySelector('.wb-queue__calendar-warning')).toBeNull();
  });

  it('keeps 修改密码, 我的消息 and 退出登录 in the 账号 menu', async () => {
    serve({ 'GET /cases/counts': ok(COUNTS), 'GET /cases?stage=open': page([]), 'POST /auth/logout': ok(null) });
    const { container } = await open();
    expect(container.querySelector('.wb-queue__menu')).toBeNull();
    await click(container.querySelector('.wb-queue__menu-toggle')!);
    const items = Array.from(container.querySelectorAll('.wb-queue__menu-item'));
    expect(items.map((i) => i.textContent)).toEqual(['修改密码', '我的消息', '退出登录']);
    await click(items[0]);
    await click(items[1]);
    await click(items[2]);
    expect(calls.navigate).toEqual([PAGES.changePassword, PAGES.messages, PAGES.home]);
    expect(sessionStore.get()).toBeNull();
  });

  it('signed out or not staff: the staff sign-in, and no request', async () => {
    serve({});
    await act(async () => {
      render(<WorkbenchPage />);
    });
    await act(async () => trigger('show'));
    expect(calls.request).toHaveLength(0);
    expect(calls.navigate).toEqual([PAGES.staffLogin]);
  });

  it('loads counts and list again when shown again (back from a case)', async () => {
    serve({ 'GET /cases/counts': ok(COUNTS), 'GET /cases?stage=open': page(ROWS) });
    await open();
    await act(async () => {
      trigger('hide');
      trigger('show');
    });
    expect(sent().sort()).toEqual([
      'GET /cases/counts',
      'GET /cases/counts',
      'GET /cases?stage=open',
      'GET /cases?stage=open',
    ]);
  });

  it('below 900 px a row opens the case page', async () => {
    serve({ 'GET /cases/counts': ok(COUNTS), 'GET /cases?stage=open': page(ROWS) });
    const { container } = await open();
    await click(container.querySelectorAll('.wb-queue__row')[1]);
    expect(calls.navigate).toEqual([`${PAGES.staffCase}?id=c2`]);
    expect(container.querySelector('.wb-desk')).toBeNull();
  });

  it('at 900 px and wider the case opens beside the queue, and its changes reach the row and the counts', async () => {
    Object.assign(Taro, { getWindowInfo: () => ({ windowWidth: 1280 }) });
    const detail = {
      ...row(),
      content: '厂区停电三天了，影响生产',
      images: [],
      messages: [],
      timeline: [],
      extensions: [],
      nextReviewOn: null,
      rating: null,
      followUp: null,
      allowedActions: ['accept'],
      notes: [],
      contact: { name: '周一', phone: '13800138000' },
      resolveWarnAt: null,
      appeal: null,
      category: 'tax',
    } as CaseDetailStaff;
    serve({
      'GET /cases/counts': ok(COUNTS),
      'GET /cases?stage=open': page(ROWS),
      'GET /cases/c1': ok(detail),
      'POST /cases/c1/transitions': ok({ ...detail, state: 'accepted', allowedActions: ['resolve'] }),
    });
    const { container } = await open();
    expect(container.querySelector('.wb-desk__empty')!.textContent).toContain('选择左侧的诉求');
    await click(container.querySelector('.wb-queue__row')!);
    expect(calls.navigate).toEqual([]);
    expect(container.querySelector('.wb-queue__row--selected')!.getAttribute('data-id')).toBe('c1');
    expect(container.querySelector('.wb-desk__detail .wb-case__number')!.textContent).toBe('QS20261130-0007');
    calls.request.length = 0;
    await click(container.querySelector('.wb-case__action--accept')!);
    await click(container.querySelector('.wb-action__submit')!);
    expect(sent()).toEqual(['POST /cases/c1/transitions', 'GET /cases/counts']);
    expect(container.querySelector('.wb-queue__row .wb-queue__state')!.textContent).toBe('办理中');

    // A case not there (404) says so beside the queue, without 返回工作台: the queue stays.
    await click(container.querySelectorAll('.wb-queue__row')[2]);
    expect(container.querySelector('.wb-desk__detail')!.textContent).toBe('诉求不存在或无权查看');
    expect(container.querySelectorAll('.wb-queue__row')).toHaveLength(3);
  });
});
