import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CaseDetailStaff, CaseOptionsResponse } from '@qsgj/shared/contracts';
import type { CaseAction } from '@qsgj/shared/enums';
import { PAGES } from '@qsgj/shared/pages';
import { addCalendarDays, CASE_ACTION_FIELDS, CASE_ACTIONS, shanghaiDay } from '@qsgj/shared/rules';
import Taro, { __reset, __setRequest, calls } from '../shims/taro';
import { ok, requests as sent } from './support';
import { formFields, toTransition, EMPTY_VALUES } from '../../src/packages/workbench/components/action-form/fields';
import StaffCasePage from '../../src/packages/workbench/pages/case/index';
import { saveSession, sessionStore } from '../../src/stores/session';

const mockRouter = { params: {} as Record<string, string> };
jest.mock('@tarojs/taro', () => ({
  ...jest.requireActual('./taro-pages').taroWithPageHooks(),
  useRouter: () => mockRouter,
}));

const staffSession = (id: string, role: 'butler' | 'supervisor' | 'admin', displayName: string) => ({
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresIn: 7200,
  user: { id, role, displayName, mustChangePassword: false },
  consentRequired: false,
});
const butler = staffSession('u-li', 'butler', '李管家');
const supervisor = staffSession('u-zhao', 'supervisor', '赵主管');

function detail(over: Partial<CaseDetailStaff> = {}): CaseDetailStaff {
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
    // 16:30 UTC on 30 Nov is 00:30 on 1 Dec in Shanghai.
    acceptDueAt: '2026-12-01T15:59:59.999Z',
    resolveDueAt: '2026-12-07T15:59:59.999Z',
    overdue: false,
    dueSoon: false,
    estimatedDeadline: false,
    content: '厂区停电三天了，影响生产',
    images: [],
    messages: [],
    timeline: [
      {
        seq: 1,
        at: '2026-11-30T02:00:00.000Z',
        action: 'create',
        actor: { kind: 'enterprise', name: null },
        from: null,
        to: 'submitted',
        reason: null,
        result: null,
        plan: null,
        nextReviewOn: null,
        extensionDays: null,
        toType: null,
        department: null,
      },
    ],
    extensions: [],
    nextReviewOn: null,
    rating: null,
    followUp: null,
    allowedActions: ['accept', 'reject', 'transfer', 'assign'],
    notes: [
      { id: 'n1', at: '2026-11-30T03:00:00.000Z', author: { id: 'u-zhao', name: '赵主管' }, content: '先核实供电线路' },
    ],
    contact: { name: '周一', phone: '13800138000' },
    resolveWarnAt: '2026-12-04T15:59:59.999Z',
    appeal: null,
    ...over,
  };
}

const OPTIONS: CaseOptionsResponse = {
  departments: [
    { id: 'centre', name: '营商中心', isCentre: true },
    { id: 'd1', name: '市发展和改革局', isCentre: false },
    { id: 'd2', name: '市自然资源和规划局', isCentre: false },
  ],
  staff: [
    { id: 'u-li', name: '李管家', role: 'butler', departmentId: 'd1' },
    { id: 'u-wang', name: '王管家', role: 'butler', departmentId: 'd1' },
    { id: 'u-zhao', name: '赵主管', role: 'supervisor', departmentId: 'd1' },
    { id: 'u-other', name: '钱管家', role: 'butler', departmentId: 'd2' },
  ],
};

type Answer = { statusCode: number; data: unknown };
/** Answers by "METHOD path"; a list of answers is used in turn (the last one repeats); anything else 404. */
function serve(routes: Record<string, Answer | Answer[] | ((body: unknown) => Answer)>) {
  const used: Record<string, number> = {};
  __setRequest(async ({ url, method }) => {
    const key = `${method ?? 'GET'} ${String(url).replace(/^\/api\/v1/, '')}`;
    const route = routes[key];
    if (!route) return { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在或已被删除' } };
    if (Array.isArray(route)) {
      const n = used[key] ?? 0;
      used[key] = n + 1;
      return route[Math.min(n, route.length - 1)];
    }
    return typeof route === 'function' ? route(calls.request[calls.request.length - 1].data) : route;
  });
}
const bodyOf = (n: number) => {
  const d = calls.request[n].data;
  return typeof d === 'string' ? JSON.parse(d) : d;
};
const lastBody = () => bodyOf(calls.request.length - 1);

async function open(as = butler) {
  saveSession(as);
  mockRouter.params = { id: 'c1' };
  return act(async () => render(<StaffCasePage />));
}
const click = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el);
  });
};
const type = (el: Element, value: string) => fireEvent.change(el, { target: { value } });
const actionButtons = (c: HTMLElement) =>
  Array.from(c.querySelectorAll('.wb-case__action')).map((b) => b.className.match(/wb-case__action--(\w+)/)![1]);

/** Photos for the reply: H5's chooseImage picks `paths`, each upload waits until the test finishes it. */
function photos(paths: string[]) {
  const tasks: { finish: (id: string) => Promise<void>; filePath: string }[] = [];
  const uploadFile = jest.fn(({ filePath }: { filePath: string }) => {
    let finish!: (a: { statusCode: number; data: string }) => void;
    const task = Object.assign(new Promise((r) => (finish = r)), {
      onProgressUpdate: () => undefined,
      abort: () => undefined,
    });
    tasks.push({
      filePath,
      finish: (id) =>
        act(async () => finish({ statusCode: 201, data: JSON.stringify({ id, contentType: 'image/jpeg', size: 1 }) })),
    });
    return task;
  });
  Object.assign(Taro, {
    chooseImage: jest.fn(async () => ({ tempFilePaths: paths, tempFiles: [] })),
    uploadFile,
    downloadFile: async ({ url }: { url: string }) => ({ statusCode: 200, tempFilePath: `blob:${url}` }),
    previewImage: async () => undefined,
  });
  return { uploadFile, tasks };
}
const tiles = (root: Element) =>
  Array.from(root.querySelectorAll('.image-picker__item')).map((t) => t.getAttribute('data-status'));

beforeEach(() => {
  __reset();
  sessionStore.set(null);
  mockRouter.params = {};
});

describe('the action forms follow the shared table', () => {
  const consult = { type: 'consult' as const, category: 'tax', departmentId: 'd1', butlerId: null };
  const complaint = { type: 'complaint' as const, category: null, departmentId: 'd1', butlerId: null };

  it.each(CASE_ACTIONS as CaseAction[])('%s: exactly the fields CASE_ACTION_FIELDS lets it carry', (action) => {
    const fields = formFields(action, consult).map((f) => f.field);
    expect(fields.sort()).toEqual(Object.keys(CASE_ACTION_FIELDS[action]).sort());
  });

  it('marks what requiredFields requires for this case', () => {
    const req = (action: CaseAction, view: typeof consult | typeof complaint) =>
      formFields(action, view)
        .filter((f) => f.required)
        .map((f) => f.field);
    expect(req('accept', complaint)).toEqual(['category']);
    expect(req('accept', consult)).toEqual([]);
    expect(req('resolve', complaint)).toEqual(['result']);
    expect(req('resolve', consult)).toEqual([]);
    expect(req('long_term', consult)).toEqual(['plan', 'nextReviewOn']);
    expect(req('extend', consult)).toEqual(['reason', 'extensionDays']);
  });

  it('sends only the fields of the form that were filled in, trimmed, days as a number', () => {
    const values = { ...EMPTY_VALUES, reason: '  需要现场核查 ', extensionDays: '5', result: '不该带上' };
    expect(toTransition('extend', consult, values)).toEqual({
      action: 'extend',
      reason: '需要现场核查',
      extensionDays: 5,
    });
    expect(toTransition('resume', consult, EMPTY_VALUES)).toEqual({ action: 'resume' });
  });
});

describe('诉求办理 (staff case page)', () => {
  it('opens with one request and shows clocks, enterprise and contact, content, internal notes and only the allowed actions', async () => {
    serve({ 'GET /cases/c1': ok(detail()) });
    const { container } = await open();
    expect(sent()).toEqual(['GET /cases/c1']);
    const head = container.querySelector('.wb-case__head')!.textContent!;
    expect(head).toContain('QS20261130-0007');
    expect(head).toContain('待受理');
    expect(head).toContain('投诉 · 小程序 · 未分类');
    expect(head).toContain('未指派管家');
    const clocks = container.querySelector('.wb-case__clocks')!.textContent!;
    expect(clocks).toContain('受理时限：12月1日 23:59 前');
    expect(clocks).toContain('办结时限：12月7日 23:59 前');
    expect(clocks).toContain('超期预警：12月4日 23:59 起');
    expect(container.querySelector('.wb-case__flag')).toBeNull();
    const enterprise = container.querySelector('.wb-case__enterprise')!.textContent!;
    expect(enterprise).toContain('湘潭示范科技有限公司');
    expect(enterprise).toContain('联系人：周一');
    expect(enterprise).toContain('13800138000');
    expect(screen.getByText('厂区停电三天了，影响生产')).toBeTruthy();
    const notes = container.querySelector('.wb-case__notes')!.textContent!;
    expect(notes).toContain('内部备注，企业不可见');
    expect(notes).toContain('先核实供电线路');
    expect(actionButtons(container)).toEqual(['accept', 'reject', 'transfer', 'assign']);
    // A butler assigns only to themself: 认领.
    expect(container.querySelector('.wb-case__action--assign')!.textContent).toBe('认领');
    expect(container.querySelectorAll('.case-timeline__entry')).toHaveLength(1);
  });

  it('flags an overdue case, a paused clock and a deadline counted without the year’s official calendar', async () => {
    serve({
      'GET /cases/c1': ok(
        detail({
          state: 'awaiting_enterprise',
          acceptDueAt: null,
          overdue: true,
          dueSoon: true,
          paused: true,
          estimatedDeadline: true,
          extensions: [{ at: '2026-12-01T02:00:00.000Z', days: 3, reason: '需要现场核查' }],
          allowedActions: [],
        }),
      ),
    });
    const { container } = await open();
    const clocks = container.querySelector('.wb-case__clocks')!.textContent!;
    expect(container.querySelector('.wb-case__flag--overdue')!.textContent).toBe('已超期');
    // Overdue says so; not also 即将超期.
    expect(container.querySelector('.wb-case__flag--due-soon')).toBeNull();
    expect(clocks).toContain('计时暂停');
    expect(clocks).toContain('日历待更新');
    expect(clocks).toContain('（已延期 3 个工作日）');
    expect(clocks).toContain('延期 3 个工作日：需要现场核查');
    expect(container.querySelector('.wb-case__no-actions')!.textContent).toBe('当前没有可执行的操作');
  });

  it('an anonymous complaint seen by the department concerned: 匿名企业, no contact', async () => {
    serve({
      'GET /cases/c1': ok(detail({ enterprise: { id: null, name: '匿名企业' }, anonymous: true, contact: null })),
    });
    const { container } = await open();
    const enterprise = container.querySelector('.wb-case__enterprise')!.textContent!;
    expect(enterprise).toContain('匿名企业');
    expect(enterprise).toContain('联系方式不可见');
    expect(container.querySelector('.wb-case__phone')).toBeNull();
  });

  it('accept on a case without a category: the category is required, then the answer replaces the case', async () => {
    const accepted = detail({
      state: 'accepted',
      category: 'utilities',
      acceptDueAt: null,
      butler: { id: 'u-li', name: '李管家' },
      allowedActions: ['request_info', 'resolve', 'transfer', 'convert'],
    });
    serve({ 'GET /cases/c1': ok(detail()), 'POST /cases/c1/transitions': ok(accepted) });
    const { container } = await open();
    await click(container.querySelector('.wb-case__action--accept')!);
    const form = container.querySelector('.wb-action--accept')!;
    expect(Array.from(form.querySelectorAll('.wb-action__field')).map((f) => f.className)).toEqual([
      'wb-action__field wb-action__field--category',
    ]);
    await click(form.querySelector('.wb-action__submit')!);
    expect(form.querySelector('.wb-action__error--category')!.textContent).toBe('请选择诉求分类');
    expect(sent()).toEqual(['GET /cases/c1']);

    const select = form.querySelector('.wb-action__field--category select') as HTMLSelectElement;
    const utilities = Array.from(select.options).findIndex((o) => o.textContent === '水电气网');
    type(select, String(utilities));
    await click(form.querySelector('.wb-action__submit')!);
    expect(sent()).toEqual(['GET /cases/c1', 'POST /cases/c1/transitions']);
    expect(lastBody()).toEqual({ action: 'accept', category: 'utilities' });
    expect(calls.request[1].header['Idempotency-Key']).toBeTruthy();
    expect(container.querySelector('.wb-action')).toBeNull();
    expect(container.querySelector('.wb-case__state')!.textContent).toBe('办理中');
    expect(container.querySelector('.wb-case__meta')!.textContent).toContain('水电气网');
    expect(actionButtons(container)).toEqual(['request_info', 'resolve', 'transfer', 'convert']);
    expect(calls.toast).toContain('已受理');
  });

  it('a 409 shows the server’s Chinese message and loads the case again', async () => {
    const message = '诉求当前为「办理中」，不能「受理」，请刷新后重试';
    serve({
      'GET /cases/c1': [
        ok(detail({ category: 'tax' })),
        ok(detail({ category: 'tax', state: 'accepted', allowedActions: ['resolve'] })),
      ],
      'POST /cases/c1/transitions': { statusCode: 409, data: { code: 'CASE_NOT_IN_THIS_STATE', message } },
    });
    const { container } = await open();
    await click(container.querySelector('.wb-case__action--accept')!);
    // The case has a category: the form offers it as optional and sends nothing unchosen.
    expect(container.querySelector('.wb-action__label')!.textContent).toBe('诉求分类（选填）');
    expect(container.querySelector('.wb-action__picker--category')!.textContent).toBe('不修改（当前：税费）');
    await click(container.querySelector('.wb-action__submit')!);
    expect(bodyOf(1)).toEqual({ action: 'accept' });
    expect(sent()).toEqual(['GET /cases/c1', 'POST /cases/c1/transitions', 'GET /cases/c1']);
    expect(container.querySelector('.wb-case__notice')!.textContent).toBe(message);
    expect(container.querySelector('.wb-case__state')!.textContent).toBe('办理中');
    expect(actionButtons(container)).toEqual(['resolve']);
  });

  it('field problems the server finds (400) land beside their fields', async () => {
    serve({
      'GET /cases/c1': ok(detail({ allowedActions: ['reject'] })),
      'POST /cases/c1/transitions': {
        statusCode: 400,
        data: {
          code: 'VALIDATION_FAILED',
          message: '理由不能超过 500 个字',
          details: [{ field: 'reason', message: '理由不能超过 500 个字' }],
        },
      },
    });
    const { container } = await open();
    await click(container.querySelector('.wb-case__action--reject')!);
    type(container.querySelector('.wb-action__input--reason')!, '材料不全');
    await click(container.querySelector('.wb-action__submit')!);
    expect(lastBody()).toEqual({ action: 'reject', reason: '材料不全' });
    expect(container.querySelector('.wb-action__error--reason')!.textContent).toBe('理由不能超过 500 个字');
    expect(container.querySelector('.wb-action')).not.toBeNull();
  });

  it('transfer: the departments come from /cases/options when the form opens, without the case’s own', async () => {
    serve({
      'GET /cases/c1': ok(detail()),
      'GET /cases/options': ok(OPTIONS),
      'POST /cases/c1/transitions': ok(
        detail({ department: { id: 'd2', name: '市自然资源和规划局' }, allowedActions: [] }),
      ),
    });
    const { container } = await open();
    expect(sent()).toEqual(['GET /cases/c1']);
    await click(container.querySelector('.wb-case__action--transfer')!);
    expect(sent()).toEqual(['GET /cases/c1', 'GET /cases/options']);
    const select = container.querySelector('.wb-action__field--departmentId select') as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual([
      '营商中心（协调中心）',
      '市自然资源和规划局',
    ]);
    await click(container.querySelector('.wb-action__submit')!);
    expect(container.querySelector('.wb-action__error--departmentId')!.textContent).toBe('请选择转办部门');
    expect(container.querySelector('.wb-action__error--reason')!.textContent).toBe('请填写转办理由');
    type(select, '1');
    type(container.querySelector('.wb-action__input--reason')!, '属规划审批事项');
    await click(container.querySelector('.wb-action__submit')!);
    expect(lastBody()).toEqual({ action: 'transfer', departmentId: 'd2', reason: '属规划审批事项' });
    expect(container.querySelector('.wb-case__people')!.textContent).toContain('市自然资源和规划局');
  });

  it('assign: a supervisor picks from the case’s department (not its butler now); a butler only claims it', async () => {
    serve({
      'GET /cases/c1': ok(detail({ butler: { id: 'u-wang', name: '王管家' } })),
      'GET /cases/options': ok(OPTIONS),
      'POST /cases/c1/transitions': ok(detail({ butler: { id: 'u-li', name: '李管家' } })),
    });
    const { container, unmount } = await open(supervisor);
    expect(container.querySelector('.wb-case__action--assign')!.textContent).toBe('指派管家');
    await click(container.querySelector('.wb-case__action--assign')!);
    const select = container.querySelector('.wb-action__field--butlerId select') as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(['李管家', '赵主管（主管）']);
    type(select, '0');
    await click(container.querySelector('.wb-action__submit')!);
    expect(lastBody()).toEqual({ action: 'assign', butlerId: 'u-li' });
    unmount();

    __reset();
    serve({
      'GET /cases/c1': ok(detail()),
      'POST /cases/c1/transitions': ok(detail({ butler: { id: 'u-li', name: '李管家' } })),
    });
    const claim = await open(butler);
    await click(claim.container.querySelector('.wb-case__action--assign')!);
    expect(claim.container.querySelector('.wb-action__claim')!.textContent).toContain('认领给我（李管家）');
    expect(claim.container.querySelector('.wb-action__field--butlerId select')).toBeNull();
    await click(claim.container.querySelector('.wb-action__submit')!);
    expect(sent()).toEqual(['GET /cases/c1', 'POST /cases/c1/transitions']);
    expect(lastBody()).toEqual({ action: 'assign', butlerId: 'u-li' });
  });

  it('extend takes 1 to 15 working days and a reason; long-term a plan and a next review date after today', async () => {
    serve({
      'GET /cases/c1': ok(detail({ state: 'accepted', category: 'tax', allowedActions: ['extend', 'long_term'] })),
      'POST /cases/c1/transitions': ok(
        detail({ state: 'accepted', category: 'tax', allowedActions: ['extend', 'long_term'] }),
      ),
    });
    const { container } = await open(supervisor);
    await click(container.querySelector('.wb-case__action--extend')!);
    const days = container.querySelector('.wb-action__field--extensionDays select') as HTMLSelectElement;
    expect(Array.from(days.options).map((o) => o.textContent)).toEqual(
      Array.from({ length: 15 }, (_, i) => `${i + 1} 个工作日`),
    );
    type(days, '4');
    type(container.querySelector('.wb-action__input--reason')!, '需要现场核查');
    await click(container.querySelector('.wb-action__submit')!);
    expect(lastBody()).toEqual({ action: 'extend', extensionDays: 5, reason: '需要现场核查' });

    await click(container.querySelector('.wb-case__action--long_term')!);
    const date = container.querySelector('.wb-action__field--nextReviewOn input') as HTMLInputElement;
    const today = shanghaiDay(new Date());
    expect(date.min).toBe(addCalendarDays(today, 1));
    expect(date.max).toBe(addCalendarDays(today, 366));
    await click(container.querySelector('.wb-action__submit')!);
    expect(container.querySelector('.wb-action__error--plan')!.textContent).toBe('请填写推进计划');
    expect(container.querySelector('.wb-action__error--nextReviewOn')!.textContent).toBe('请选择下次跟踪日期');
    type(container.querySelector('.wb-action__input--plan')!, '协调供电公司改造线路');
    type(date, addCalendarDays(today, 30));
    await click(container.querySelector('.wb-action__submit')!);
    expect(lastBody()).toEqual({
      action: 'long_term',
      plan: '协调供电公司改造线路',
      nextReviewOn: addCalendarDays(today, 30),
    });
  });

  it('convert offers 投诉 and 诉求反映; resolve of a consultation does not require a result', async () => {
    serve({
      'GET /cases/c1': ok(
        detail({ type: 'consult', state: 'accepted', category: 'tax', allowedActions: ['convert', 'resolve'] }),
      ),
      'POST /cases/c1/transitions': ok(
        detail({ type: 'consult', state: 'resolved', category: 'tax', allowedActions: [] }),
      ),
    });
    const { container } = await open();
    await click(container.querySelector('.wb-case__action--convert')!);
    const to = container.querySelector('.wb-action__field--toType select') as HTMLSelectElement;
    expect(Array.from(to.options).map((o) => o.textContent)).toEqual(['投诉', '诉求反映']);
    await click(container.querySelector('.wb-action__cancel')!);
    await click(container.querySelector('.wb-case__action--resolve')!);
    expect(container.querySelector('.wb-action__label')!.textContent).toBe('办理结果（选填）');
    await click(container.querySelector('.wb-action__submit')!);
    expect(lastBody()).toEqual({ action: 'resolve' });
    expect(container.querySelector('.wb-case__state')!.textContent).toBe('已办结');
  });

  it('replies to the enterprise and adds an internal note', async () => {
    const withNote = detail({
      notes: [
        ...detail().notes,
        { id: 'n2', at: '2026-11-30T05:00:00.000Z', author: { id: 'u-li', name: '李管家' }, content: '已电话联系' },
      ],
    });
    const withReply = detail({
      messages: [
        {
          id: 'm1',
          at: '2026-11-30T04:00:00.000Z',
          author: { kind: 'staff', name: '李管家' },
          content: '已联系供电公司',
          images: [],
        },
      ],
    });
    serve({
      'GET /cases/c1': ok(detail()),
      'POST /cases/c1/messages': ok(withReply),
      'POST /cases/c1/notes': ok(withNote),
    });
    const { container } = await open();
    await click(container.querySelector('.wb-case__reply-send')!);
    expect(container.querySelector('.wb-case__reply-error')!.textContent).toBe('请输入留言内容');
    type(container.querySelector('.wb-case__reply-input')!, ' 已联系供电公司 ');
    await click(container.querySelector('.wb-case__reply-send')!);
    expect(lastBody()).toEqual({ content: '已联系供电公司' });
    expect(container.querySelector('.wb-case__conversation')!.textContent).toContain('已联系供电公司');
    expect((container.querySelector('.wb-case__reply-input') as HTMLTextAreaElement).value).toBe('');

    type(container.querySelector('.wb-case__note-input')!, '已电话联系');
    await click(container.querySelector('.wb-case__note-add')!);
    expect(sent()).toEqual(['GET /cases/c1', 'POST /cases/c1/messages', 'POST /cases/c1/notes']);
    expect(lastBody()).toEqual({ content: '已电话联系' });
    expect(container.querySelectorAll('.wb-case__note')).toHaveLength(2);
  });

  it('a reply carries photos: sending waits for the uploads, ids in order, text and photos cleared after', async () => {
    const p = photos(['blob:a', 'blob:b']);
    serve({
      'GET /cases/c1': ok(detail()),
      'POST /cases/c1/messages': (body) =>
        ok(
          detail({
            messages: [
              {
                id: 'm1',
                at: '2026-11-30T04:00:00.000Z',
                author: { kind: 'staff', name: '李管家' },
                content: (body as { content: string }).content,
                images: (body as { images: string[] }).images.map((id) => ({
                  id,
                  url: `/api/v1/cases/c1/images/${id}`,
                })),
              },
            ],
          }),
        ),
    });
    const { container } = await open();
    const picker = container.querySelector('.wb-case__reply-images')!;
    const send = () => container.querySelector('.wb-case__reply-send') as HTMLButtonElement;
    expect(sent()).toEqual(['GET /cases/c1']); // the picker asks nothing until it is used
    type(container.querySelector('.wb-case__reply-input')!, '整改后的现场');
    await click(picker.querySelector('.image-picker__add')!);
    await waitFor(() => expect(p.uploadFile).toHaveBeenCalledTimes(2));
    expect(send().disabled).toBe(true);
    expect(send().textContent).toBe('图片上传中…');
    await click(send());
    expect(sent()).toEqual(['GET /cases/c1']);
    await p.tasks[1].finish('f-b');
    await p.tasks[0].finish('f-a');
    expect(send().disabled).toBe(false);
    await click(send());
    expect(sent()).toEqual(['GET /cases/c1', 'POST /cases/c1/messages']);
    expect(lastBody()).toEqual({ content: '整改后的现场', images: ['f-a', 'f-b'] });
    expect((container.querySelector('.wb-case__reply-input') as HTMLTextAreaElement).value).toBe('');
    expect(tiles(picker)).toEqual([]);
    await act(async () => undefined);
    expect(container.querySelectorAll('.wb-case__conversation .case-messages__image')).toHaveLength(2);
  });

  it('a photo the server refuses (images[i]) is marked on that photo, the text stays; a 409 still reloads', async () => {
    const p = photos(['blob:a', 'blob:b']);
    const message = '图片不存在或已被使用，请重新上传';
    serve({
      'GET /cases/c1': ok(detail()),
      'POST /cases/c1/messages': [
        {
          statusCode: 400,
          data: { statusCode: 400, code: 'VALIDATION_FAILED', message, details: [{ field: 'images[1]', message }] },
        },
        { statusCode: 409, data: { code: 'CASE_NOT_IN_THIS_STATE', message: '诉求已办结，不能再留言' } },
      ],
    });
    const { container } = await open();
    const picker = container.querySelector('.wb-case__reply-images')!;
    type(container.querySelector('.wb-case__reply-input')!, '请看图');
    await click(picker.querySelector('.image-picker__add')!);
    await waitFor(() => expect(p.uploadFile).toHaveBeenCalledTimes(2));
    await p.tasks[0].finish('f-a');
    await p.tasks[1].finish('f-b');
    await click(container.querySelector('.wb-case__reply-send')!);
    expect(lastBody()).toEqual({ content: '请看图', images: ['f-a', 'f-b'] });
    expect(tiles(picker)).toEqual(['done', 'failed']);
    expect(picker.querySelector('.image-picker__item--failed')!.textContent).toContain(message);
    expect(picker.querySelector('.image-picker__form-error')!.textContent).toBe(message);
    expect(container.querySelector('.wb-case__reply-error')).toBeNull();
    expect((container.querySelector('.wb-case__reply-input') as HTMLTextAreaElement).value).toBe('请看图');

    // With the failed photo left out, the case changed meanwhile: the notice and a reload, the reply kept.
    await click(picker.querySelectorAll('.image-picker__remove')[1]);
    await click(container.querySelector('.wb-case__reply-send')!);
    expect(bodyOf(2)).toEqual({ content: '请看图', images: ['f-a'] });
    expect(container.querySelector('.wb-case__notice')!.textContent).toBe('诉求已办结，不能再留言');
    expect(sent()).toEqual(['GET /cases/c1', 'POST /cases/c1/messages', 'POST /cases/c1/messages', 'GET /cases/c1']);
    expect(tiles(picker)).toEqual(['done']);
  });

  it('offers 发布为常见问题 on a consultation opened already resolved (one request), and not on a complaint', async () => {
    serve({ 'GET /cases/c1': ok(detail({ type: 'consult', state: 'resolved', allowedActions: [] })) });
    const resolved = await open();
    expect(resolved.container.querySelector('.wb-case-faq__go')!.textContent).toBe('发布为常见问题');
    expect(sent()).toEqual(['GET /cases/c1']);
    resolved.unmount();
    serve({ 'GET /cases/c1': ok(detail({ state: 'resolved', allowedActions: [] })) });
    const complaint = await open();
    expect(complaint.container.querySelector('.wb-case-faq')).toBeNull();
  });

  it('a closed case takes no reply', async () => {
    serve({ 'GET /cases/c1': ok(detail({ state: 'closed', allowedActions: [] })) });
    const { container } = await open();
    expect(container.querySelector('.wb-case__reply-input')).toBeNull();
    expect(container.querySelector('.wb-case__reply-closed')!.textContent).toBe('诉求已完结，不能再留言');
  });

  const badRating = {
    state: 'closed' as const,
    butler: { id: 'u-li', name: '李管家' },
    allowedActions: [],
    rating: { level: 2 as const, tags: ['响应慢'], comment: '拖了很久', at: '2026-12-05T02:00:00.000Z', voided: false },
    followUp: {
      id: 'f1',
      dueAt: '2026-12-12T15:59:59.999Z',
      contactMethod: null,
      contactedAt: null,
      outcome: null,
      rectification: null,
      rating: null,
    },
  };
  const pendingAppeal = {
    id: 'a1',
    caseId: 'c1',
    reason: '企业未按约定提供材料',
    createdAt: '2026-12-06T02:00:00.000Z',
    decision: null,
    decisionReason: null,
    decidedAt: null,
  };

  it('the rated butler may appeal a bad rating (申诉复核); nobody else sees the button; the case shows it pending', async () => {
    const rated = detail({ ...badRating, appeal: null });
    serve({
      'GET /cases/c1': [
        ok(rated),
        ok(rated),
        ok(detail({ ...badRating, appeal: { ...pendingAppeal, canDecide: false } })),
      ],
      'POST /cases/c1/rating/appeal': ok(pendingAppeal),
    });
    const { container, unmount } = await open(supervisor);
    const rating = container.querySelector('.wb-case__rating')!.textContent!;
    expect(rating).toContain('不满意');
    expect(rating).toContain('响应慢');
    expect(rating).toContain('待主管回访');
    expect(container.querySelector('.wb-case__appeal')).toBeNull();
    expect(container.querySelector('.wb-case__appeal-box')).toBeNull();
    unmount();

    const mine = await open(butler);
    await click(mine.container.querySelector('.wb-case__appeal')!);
    await click(mine.container.querySelector('.wb-case__appeal-submit')!);
    expect(mine.container.querySelector('.wb-case__appeal-error')!.textContent).toBe('请填写申诉理由');
    type(mine.container.querySelector('.wb-case__appeal-input')!, '企业未按约定提供材料');
    await click(mine.container.querySelector('.wb-case__appeal-submit')!);
    // The appeal, then the case again: what is shown comes from the view.
    expect(sent().slice(-2)).toEqual(['POST /cases/c1/rating/appeal', 'GET /cases/c1']);
    expect(bodyOf(calls.request.length - 2)).toEqual({ reason: '企业未按约定提供材料' });
    const box = mine.container.querySelector('.wb-case__appeal-box')!;
    expect(box.querySelector('.wb-case__appeal-state')!.textContent).toBe('待复核');
    expect(box.textContent).toContain('申诉理由：企业未按约定提供材料');
    expect(box.textContent).toContain('等待主管复核');
    expect(mine.container.querySelector('.wb-case__appeal')).toBeNull();
    expect(box.querySelector('.wb-case__decide-uphold')).toBeNull();
  });

  it('the supervisor decides a pending appeal: a reason is required, then 撤销 and the case again', async () => {
    const decided = {
      ...pendingAppeal,
      decision: 'void' as const,
      decisionReason: '经核实企业未提供材料',
      decidedAt: '2026-12-07T02:00:00.000Z',
    };
    serve({
      'GET /cases/c1': [
        ok(detail({ ...badRating, appeal: { ...pendingAppeal, canDecide: true } })),
        ok(
          detail({
            ...badRating,
            rating: { ...badRating.rating, voided: true },
            appeal: { ...decided, canDecide: false },
          }),
        ),
      ],
      'POST /rating-appeals/a1/decision': ok(decided),
    });
    const { container } = await open(supervisor);
    const box = () => container.querySelector('.wb-case__appeal-box')!;
    expect(box().querySelector('.wb-case__appeal-state')!.textContent).toBe('待复核');
    expect(box().textContent).not.toContain('等待主管复核');
    await click(box().querySelector('.wb-case__decide-void')!);
    expect(box().querySelector('.wb-case__decide-error')!.textContent).toBe('请填写复核理由');
    expect(sent()).toEqual(['GET /cases/c1']);
    type(box().querySelector('.wb-case__decide-input')!, '  经核实企业未提供材料 ');
    await click(box().querySelector('.wb-case__decide-void')!);
    expect(sent()).toEqual(['GET /cases/c1', 'POST /rating-appeals/a1/decision', 'GET /cases/c1']);
    expect(bodyOf(1)).toEqual({ uphold: false, reason: '经核实企业未提供材料' });
    await waitFor(() => expect(box().querySelector('.wb-case__appeal-state')!.textContent).toBe('评价已撤销'));
    expect(box().textContent).toContain('复核理由：经核实企业未提供材料');
    expect(box().querySelector('.wb-case__decide-input')).toBeNull();
    expect(container.querySelector('.wb-case__rating-voided')).not.toBeNull();
  });

  it('维持: uphold true; a refusal shows the server’s Chinese message and keeps the form; 409 reloads the case', async () => {
    const upheld = {
      ...pendingAppeal,
      decision: 'uphold' as const,
      decisionReason: '评价属实',
      decidedAt: '2026-12-07T02:00:00.000Z',
    };
    serve({
      'GET /cases/c1': [
        ok(detail({ ...badRating, appeal: { ...pendingAppeal, canDecide: true } })),
        ok(detail({ ...badRating, appeal: { ...upheld, canDecide: false } })),
      ],
      'POST /rating-appeals/a1/decision': [
        { statusCode: 403, data: { code: 'RATING_APPEAL_OWN', message: '不能复核自己提出的申诉' } },
        { statusCode: 409, data: { code: 'RATING_APPEAL_DECIDED', message: '该申诉已复核，不能重复复核' } },
      ],
    });
    const { container } = await open(supervisor);
    const box = () => container.querySelector('.wb-case__appeal-box')!;
    type(box().querySelector('.wb-case__decide-input')!, '评价属实');
    await click(box().querySelector('.wb-case__decide-uphold')!);
    expect(bodyOf(1)).toEqual({ uphold: true, reason: '评价属实' });
    expect(box().querySelector('.wb-case__decide-error')!.textContent).toBe('不能复核自己提出的申诉');
    expect(sent()).toEqual(['GET /cases/c1', 'POST /rating-appeals/a1/decision']);
    expect((box().querySelector('.wb-case__decide-input') as HTMLTextAreaElement).value).toBe('评价属实');

    await click(box().querySelector('.wb-case__decide-uphold')!);
    expect(sent().slice(-2)).toEqual(['POST /rating-appeals/a1/decision', 'GET /cases/c1']);
    expect(container.querySelector('.wb-case__notice')!.textContent).toBe('该申诉已复核，不能重复复核');
    await waitFor(() => expect(box().querySelector('.wb-case__appeal-state')!.textContent).toBe('维持原评价'));
    expect(box().textContent).toContain('复核理由：评价属实');
    expect(box().querySelector('.wb-case__decide-uphold')).toBeNull();
  });

  it('404: 诉求不存在或无权查看, with the way back to the workbench', async () => {
    serve({});
    await open();
    expect(screen.getByText('诉求不存在或无权查看')).toBeTruthy();
    fireEvent.click(screen.getByText('返回工作台'));
    expect(calls.navigate).toEqual([PAGES.workbench]);
  });
});
