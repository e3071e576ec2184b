import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type {
  AdminEventItem,
  CheckinResult,
  EventAttendance,
  EventCard,
  EventDetail,
  StaffRegistrationItem,
} from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, calls } from '../shims/taro';
import { $, $$, flush, ok, refused, requests, scriptedServer, signIn, typeInto, writes } from './support';
import { eventWhen } from '../../src/packages/workbench/components/event-admin/labels';
import StaffEventsPage from '../../src/packages/workbench/pages/events/index';
import EventEditPage from '../../src/packages/workbench/pages/event-edit/index';
import { EMPTY_FORM, inputOf, localErrors } from '../../src/packages/workbench/pages/event-edit/form';
import EventCheckinPage from '../../src/packages/workbench/pages/event-checkin/index';
import { sessionStore } from '../../src/stores/session';

const mockRouter = { params: {} as Record<string, string> };
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro-pages').taroWithPageHooks();
  return { ...base, useRouter: () => mockRouter };
});

const { on, listen } = scriptedServer();
const tap = async (el: Element | null) => {
  fireEvent.click(el!);
  await flush();
  await flush();
};

function card(over: Partial<EventCard> = {}): EventCard {
  return {
    id: 'e1',
    kind: 'lecture',
    title: '增值税留抵退税政策解读会',
    speakers: '王科长',
    startsAt: '2026-12-10T06:30:00.000Z',
    endsAt: '2026-12-10T08:30:00.000Z',
    signupDeadline: '2026-12-09T10:00:00.000Z',
    place: '湘潭市民之家三楼报告厅',
    online: false,
    capacity: 120,
    seatsLeft: 100,
    waitlisted: 0,
    status: 'published',
    signupOpen: true,
    ended: false,
    audienceDistricts: [],
    audienceIndustries: [],
    hasReplay: false,
    ...over,
  };
}
const adminItem = (over: Partial<AdminEventItem> = {}): AdminEventItem => ({
  ...card(),
  organizerDepartment: '税务',
  checkedIn: 7,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-02T00:00:00.000Z',
  ...over,
});
const detail = (over: Partial<EventDetail> = {}): EventDetail => ({
  ...card(),
  description: '介绍',
  latitude: null,
  longitude: null,
  onlineUrl: null,
  organizerDepartmentId: null,
  organizerDepartment: null,
  materials: [],
  replayUrl: null,
  cancelReason: null,
  myRegistration: null,
  ...over,
});
const attendance = (over: Partial<EventAttendance> = {}): EventAttendance => ({
  capacity: 20,
  confirmed: 2,
  waitlisted: 1,
  cancelled: 0,
  checkedIn: 0,
  noShow: null,
  ...over,
});
const registration = (over: Partial<StaffRegistrationItem> = {}): StaffRegistrationItem => ({
  id: 'r1',
  status: 'confirmed',
  seq: 1,
  waitlistPosition: null,
  enterpriseId: 'ent1',
  enterpriseName: '湘潭纸业有限公司',
  contactName: '周一',
  phone: '138****0000',
  topic: null,
  caseId: null,
  checkedInAt: null,
  createdAt: '2026-11-20T00:00:00.000Z',
  ...over,
});
const checkinResult = (over: Partial<CheckinResult> = {}): CheckinResult => ({
  registrationId: 'r1',
  enterpriseName: '湘潭纸业有限公司',
  contactName: '周一',
  checkedInAt: '2026-12-10T06:20:00.000Z',
  alreadyCheckedIn: false,
  attendance: attendance({ checkedIn: 1 }),
  ...over,
});

beforeEach(() => {
  __reset();
  listen();
  mockRouter.params = {};
  sessionStore.set(null);
});
afterEach(() => {
  cleanup();
  sessionStore.set(null);
});

describe('潭商讲堂 words', () => {
  it('tells the time in Beijing time', () => {
    expect(eventWhen(card())).toBe('2026年12月10日 14:30–16:30');
    expect(eventWhen(card({ endsAt: '2026-12-11T01:00:00.000Z' }))).toBe('2026年12月10日 14:30 – 2026年12月11日 09:00');
  });
});

describe('活动管理 (admin)', () => {
  it('lists every event by status with kind, time, seats and counts; 编辑 and 签到 open their pages', async () => {
    signIn('admin');
    on('GET', /^\/admin\/events\?/, (o) =>
      ok({
        items: String(o.url).includes('status=draft')
          ? []
          : [adminItem(), adminItem({ id: 'e2', status: 'draft', title: '草稿活动', kind: 'reception_day' })],
        nextCursor: null,
      }),
    );
    await act(async () => void render(<StaffEventsPage />));
    await flush();
    expect(requests()).toEqual(['GET /admin/events?status=all']);
    const rows = $$('.wb-events__row');
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['e1', 'e2']);
    expect(rows[0].querySelector('.event-kind')!.textContent).toBe('讲座');
    expect(rows[0].querySelector('.event-status')!.textContent).toBe('已发布');
    expect(rows[0].querySelector('.wb-events__when')!.textContent).toBe('2026年12月10日 14:30–16:30');
    expect(rows[0].querySelector('.wb-events__counts')!.textContent).toBe('名额 120 · 已报名 20 · 已签到 7');
    expect(rows[1].querySelector('.event-kind')!.textContent).toBe('企业接待日');
    // A draft cannot be checked in.
    expect(rows[1].querySelector('.wb-events__checkin')).toBeNull();
    await tap(rows[0].querySelector('.wb-events__edit'));
    await tap(rows[0].querySelector('.wb-events__checkin'));
    await tap($('.wb-events__new'));
    expect(calls.navigate).toEqual([`${PAGES.eventEdit}?id=e1`, `${PAGES.eventCheckin}?id=e1`, PAGES.eventEdit]);

    await tap($('.wb-events__status--draft'));
    expect(requests().at(-1)).toBe('GET /admin/events?status=draft');
    expect(screen.getByText('该状态下暂无活动')).toBeTruthy();
  });

  it('a butler sees the published events to check in (upcoming, then past); an error offers 重新加载', async () => {
    signIn('butler');
    let fail = true;
    on('GET', /^\/events\?/, (o) =>
      fail
        ? refused(500, 'INTERNAL', '服务器开小差了')
        : ok({
            items: String(o.url).includes('when=past')
              ? []
              : [card({ title: '跨境电商出海实务', online: true, place: null })],
            nextCursor: null,
          }),
    );
    await act(async () => void render(<StaffEventsPage />));
    await flush();
    expect(requests()).toEqual(['GET /events?when=upcoming']);
    expect(screen.getByText('服务器开小差了')).toBeTruthy();
    fail = false;
    await tap(screen.getByText('重新加载'));
    expect(screen.getByText('跨境电商出海实务')).toBeTruthy();
    expect($('.wb-events__place')!.textContent).toBe('线上活动');
    expect($('.wb-events__edit')).toBeNull();
    await tap($('.wb-events__checkin'));
    expect(calls.navigate).toEqual([`${PAGES.eventCheckin}?id=e1`]);
    await tap($('.wb-events__when-filter--past'));
    expect(requests().at(-1)).toBe('GET /events?when=past');
    expect(screen.getByText('暂无已结束的活动')).toBeTruthy();
    expect(requests().some((r) => r.startsWith('GET /admin'))).toBe(false);
  });
});

describe('编辑活动', () => {
  const fillNew = async () => {
    typeInto($('.wb-event-edit__title'), '  企业接待日（十二月）  ');
    typeInto($('.wb-event-edit__kind .picker__value'), '3');
    typeInto($('.wb-event-edit__startsAt .picker__value--date'), '2026-12-20');
    typeInto($('.wb-event-edit__startsAt .picker__value--time'), '09:00');
    typeInto($('.wb-event-edit__endsAt .picker__value--date'), '2026-12-20');
    typeInto($('.wb-event-edit__endsAt .picker__value--time'), '12:00');
    typeInto($('.wb-event-edit__signupDeadline .picker__value--date'), '2026-12-19');
    typeInto($('.wb-event-edit__signupDeadline .picker__value--time'), '18:00');
    typeInto($('.wb-event-edit__capacity'), '20');
    typeInto($('.wb-event-edit__place'), '湘潭市人民政府二楼接待室');
    await flush();
  };

  it('creates a draft with Beijing-time instants and the dictionaries’ values, then publishes it', async () => {
    signIn('admin');
    on(
      'GET',
      '/dictionaries/districts',
      ok({
        kind: 'districts',
        items: [
          { id: 1, value: '岳塘区' },
          { id: 2, value: '雨湖区' },
        ],
      }),
    );
    on('GET', '/dictionaries/industries', ok({ kind: 'industries', items: [{ id: 1, value: '制造业' }] }));
    on('GET', '/cases/options', ok({ departments: [{ id: 'd1', name: '营商中心', isCentre: true }], staff: [] }));
    on('POST', '/admin/events', (o) => ok(detail({ id: 'new1', status: 'draft', ...o.data }), 201));
    on('POST', '/admin/events/new1/publish', ok(detail({ id: 'new1', status: 'published', kind: 'reception_day' })));
    await act(async () => void render(<EventEditPage />));
    await flush();
    expect(screen.getByText('新建活动')).toBeTruthy();
    // Nothing sent with the required fields missing: each says so where it is.
    await tap($('.wb-event-edit__save'));
    expect(writes()).toEqual([]);
    expect($('.wb-event-edit__title')!.parentElement!.querySelector('.qs-field__error')!.textContent).toBe(
      '请输入标题',
    );
    // A new event starts out a week ahead, 14:30–16:30, sign-up until 18:00 the day before (Beijing time).
    expect(($('.wb-event-edit__startsAt .picker__value--time') as HTMLInputElement).value).toBe('14:30');
    expect(($('.wb-event-edit__signupDeadline .picker__value--time') as HTMLInputElement).value).toBe('18:00');
    expect($('.wb-event-edit__error')!.textContent).toBe('请先修改标红的项目');

    await fillNew();
    await tap(screen.getAllByText('选择')[0]); // 面向区域
    await tap(screen.getByText('岳塘区'));
    fireEvent.change($('.wb-event-edit__department .picker__value')!, { target: { value: '1' } });
    await tap(screen.getByText('＋ 添加资料'));
    typeInto($('.wb-event-edit__material-name'), '接待日须知');
    typeInto($('.wb-event-edit__material-url'), 'https://example.com/a.pdf');
    await flush();
    await tap($('.wb-event-edit__save'));
    expect(writes()).toEqual([
      [
        'POST /admin/events',
        {
          kind: 'reception_day',
          title: '企业接待日（十二月）',
          speakers: '',
          startsAt: '2026-12-20T09:00:00+08:00',
          endsAt: '2026-12-20T12:00:00+08:00',
          signupDeadline: '2026-12-19T18:00:00+08:00',
          place: '湘潭市人民政府二楼接待室',
          onlineUrl: null,
          latitude: null,
          longitude: null,
          capacity: 20,
          audienceDistricts: ['岳塘区'],
          audienceIndustries: [],
          organizerDepartmentId: 'd1',
          materials: [{ name: '接待日须知', url: 'https://example.com/a.pdf' }],
          replayUrl: null,
          description: '',
        },
      ],
    ]);
    const created = calls.request.find((r) => r.method === 'POST');
    expect(created!.header['Idempotency-Key']).toBeTruthy();
    expect(calls.toast).toContain('已保存');

    await tap($('.wb-event-edit__publish'));
    expect(screen.getByText('发布后企业即可在潭商讲堂看到并报名。确定发布吗？')).toBeTruthy();
    await tap($('.wb-event-edit__publish-confirm'));
    expect(writes().at(-1)).toEqual(['POST /admin/events/new1/publish', {}]);
    expect($('.wb-event-edit__top .event-status')!.textContent).toBe('已发布');
    expect($('.wb-event-edit__save')!.textContent).toBe('保存修改');
    expect($('.wb-event-edit__publish')).toBeNull();
  });

  it('shows the server’s refusal at its field: a capacity below the confirmed count', async () => {
    signIn('admin');
    mockRouter.params = { id: 'e1' };
    const message = '已有 18 人报名成功，名额不能少于 18 人；如需减少名额，请先与报名企业沟通取消报名';
    on('GET', '/admin/events/e1', ok(detail({ capacity: 20, seatsLeft: 2 })));
    on('PATCH', '/admin/events/e1', refused(409, 'EVENT_CAPACITY_BELOW_CONFIRMED', message, 'capacity'));
    await act(async () => void render(<EventEditPage />));
    await flush();
    expect(requests()[0]).toBe('GET /admin/events/e1');
    expect(($('.wb-event-edit__capacity') as HTMLInputElement).value).toBe('20');
    expect(($('.wb-event-edit__startsAt .picker__value--time') as HTMLInputElement).value).toBe('14:30');
    typeInto($('.wb-event-edit__capacity'), '10');
    await flush();
    await tap($('.wb-event-edit__save'));
    expect(writes()[0][0]).toBe('PATCH /admin/events/e1');
    expect((writes()[0][1] as { capacity: number }).capacity).toBe(10);
    const field = $('.wb-event-edit__capacity')!.closest('.qs-field')!;
    expect(field.querySelector('.qs-field__error')!.textContent).toBe(message);
    expect($('.wb-event-edit__error')!.textContent).toBe(message);
  });

  it('取消活动 asks for a reason, then cancels with it', async () => {
    signIn('admin');
    mockRouter.params = { id: 'e1' };
    on('GET', '/admin/events/e1', ok(detail()));
    on('POST', '/admin/events/e1/cancel', (o) => ok(detail({ status: 'cancelled', cancelReason: o.data.reason })));
    await act(async () => void render(<EventEditPage />));
    await flush();
    await tap($('.wb-event-edit__cancel'));
    await tap($('.wb-event-edit__cancel-confirm'));
    expect(writes()).toEqual([]);
    expect($('.wb-event-edit__confirm--cancel .qs-field__error')!.textContent).toBe('请填写取消原因');
    typeInto($('.wb-event-edit__reason'), '场地临时检修');
    await flush();
    await tap($('.wb-event-edit__cancel-confirm'));
    expect(writes()).toEqual([['POST /admin/events/e1/cancel', { reason: '场地临时检修' }]]);
    expect($('.wb-event-edit__cancelled')!.textContent).toBe('活动已取消：场地临时检修');
    expect($('.wb-event-edit__save')).toBeNull();
  });

  it('a butler is told the page is for admins, and nothing is asked', async () => {
    signIn('butler');
    await act(async () => void render(<EventEditPage />));
    await flush();
    expect(screen.getByText('潭商讲堂活动由管理员维护，您的账号无此权限。')).toBeTruthy();
    expect(requests()).toEqual([]);
  });

  it('checks the form locally before sending', () => {
    const f = { ...EMPTY_FORM, title: 'x', place: '', onlineUrl: '', capacity: '0', latitude: '27.8' };
    const e = localErrors({
      ...f,
      startDay: '2026-12-20',
      startTime: '09:00',
      endDay: '2026-12-20',
      endTime: '08:00',
      deadlineDay: '2026-12-21',
      deadlineTime: '09:00',
    });
    expect(e).toEqual({
      endsAt: '结束时间须晚于开始时间',
      signupDeadline: '报名截止时间不能晚于开始时间',
      place: '请填写活动地点或线上链接',
      capacity: '名额至少 1 个',
      longitude: '经度和纬度须同时填写',
    });
    expect(inputOf({ ...f, latitude: '27.8', longitude: '112.9', capacity: '5' })).toMatchObject({
      latitude: 27.8,
      longitude: 112.9,
      capacity: 5,
    });
  });
});

describe('活动签到', () => {
  const page = (items: StaffRegistrationItem[], event: Partial<EventCard> = {}, att = attendance()) =>
    ok({ event: card({ capacity: 20, ...event }), attendance: att, items, nextCursor: null });

  it('shows attendance and the list (one request); a typed code checks in, a second shows 已签到过, a forged one is refused', async () => {
    signIn('butler');
    mockRouter.params = { id: 'e1' };
    on(
      'GET',
      /^\/staff\/events\/e1\/registrations\?/,
      page([
        registration(),
        registration({ id: 'r2', enterpriseName: '湘潭物流有限公司', seq: 2 }),
        registration({ id: 'r3', status: 'waitlisted', waitlistPosition: 1, enterpriseName: '候补企业' }),
      ]),
    );
    let second = false;
    on('POST', '/events/e1/checkins', (o) => {
      if (o.data.code === 'forged')
        return refused(
          400,
          'CHECKIN_CODE_INVALID',
          '签到码无效，请让报名人在「我的报名」中刷新二维码后重新扫描',
          'code',
        );
      const r = checkinResult({ alreadyCheckedIn: second });
      second = true;
      return ok(r);
    });
    await act(async () => void render(<EventCheckinPage />));
    await flush();
    expect(requests()).toEqual(['GET /staff/events/e1/registrations?status=all']);
    expect($('.wb-checkin__title')!.textContent).toBe('增值税留抵退税政策解读会');
    const figure = (key: string) => $(`.wb-checkin__figure--${key} .wb-checkin__figure-n`)?.textContent;
    expect([figure('capacity'), figure('confirmed'), figure('waitlisted'), figure('checked-in')]).toEqual([
      '20',
      '2',
      '1',
      '0',
    ]);
    expect($('.wb-checkin__figure--no-show')).toBeNull();
    const rows = $$('.wb-checkin__row');
    expect(rows[0].querySelector('.wb-checkin__contact')!.textContent).toBe('周一 · 138****0000');
    expect(rows[2].querySelector('.wb-checkin__status')!.textContent).toBe('候补第 1 位');
    expect(rows[2].querySelector('.wb-checkin__tick')).toBeNull();

    // H5: no camera, a code typed (or a scanner gun's Enter).
    expect(screen.queryByText('扫码签到')).toBeNull();
    typeInto($('.wb-checkin__code'), ' QSE1.code ');
    await flush();
    await tap($('.wb-checkin__submit'));
    expect(writes()).toEqual([['POST /events/e1/checkins', { code: 'QSE1.code' }]]);
    expect($('.wb-checkin__outcome-title')!.textContent).toBe('签到成功');
    expect($('.wb-checkin__outcome-name')!.textContent).toBe('湘潭纸业有限公司');
    expect(screen.getByText('联系人：周一')).toBeTruthy();
    expect(figure('checked-in')).toBe('1');
    expect($$('.wb-checkin__row')[0].querySelector('.wb-checkin__checked')!.textContent).toBe(
      '✓ 已签到 12月10日 14:20',
    );
    expect($$('.wb-checkin__row')[0].querySelector('.wb-checkin__tick')).toBeNull();
    expect(($('.wb-checkin__code') as HTMLInputElement).value).toBe('');

    typeInto($('.wb-checkin__code'), 'QSE1.code');
    fireEvent.keyDown($('.wb-checkin__code')!, { key: 'Enter', target: { value: 'QSE1.code' } });
    await flush();
    await flush();
    expect($('.wb-checkin__outcome-title')!.textContent).toBe('已签到过');
    expect($('.wb-checkin__outcome--again')).toBeTruthy();

    typeInto($('.wb-checkin__code'), 'forged');
    await flush();
    await tap($('.wb-checkin__submit'));
    expect($('.wb-checkin__outcome--refused')!.textContent).toContain(
      '签到码无效，请让报名人在「我的报名」中刷新二维码后重新扫描',
    );
    expect(($('.wb-checkin__code') as HTMLInputElement).value).toBe('forged');
  });

  it('ticks a confirmed registration in the list; filters by status', async () => {
    signIn('supervisor');
    mockRouter.params = { id: 'e1' };
    on('GET', /^\/staff\/events\/e1\/registrations\?/, (o) =>
      String(o.url).includes('status=cancelled')
        ? page([])
        : page([registration({ id: 'r2', enterpriseName: '湘潭物流有限公司' })]),
    );
    on('POST', '/events/e1/checkins', (o) =>
      ok(
        checkinResult({ registrationId: o.data.registrationId, enterpriseName: '湘潭物流有限公司', contactName: null }),
      ),
    );
    await act(async () => void render(<EventCheckinPage />));
    await flush();
    await tap($('.wb-checkin__tick'));
    expect(writes()).toEqual([['POST /events/e1/checkins', { registrationId: 'r2' }]]);
    expect($('.wb-checkin__row .wb-checkin__checked')).toBeTruthy();
    expect($('.wb-checkin__outcome-title')!.textContent).toBe('签到成功');
    expect(calls.toast).toContain('签到成功');
    await tap($('.wb-checkin__filter--cancelled'));
    expect(requests().at(-1)).toBe('GET /staff/events/e1/registrations?status=cancelled');
    expect(screen.getByText('该状态下暂无报名')).toBeTruthy();
  });

  it('企业接待日: a topic becomes a case; its number shows and opens it', async () => {
    signIn('butler');
    mockRouter.params = { id: 'e9' };
    on(
      'GET',
      /^\/staff\/events\/e9\/registrations\?/,
      ok({
        event: card({ id: 'e9', kind: 'reception_day', ended: true }),
        attendance: attendance({ noShow: 1 }),
        items: [registration({ topic: '消防验收排队时间较长' })],
        nextCursor: null,
      }),
    );
    on('GET', '/cases/options', ok({ departments: [{ id: 'd2', name: '住建', isCentre: false }], staff: [] }));
    on('POST', '/staff/events/e9/registrations/r1/case', (o) =>
      ok({
        registrationId: 'r1',
        caseId: 'c1',
        caseNumber: 'QS20261210001',
        departmentId: o.data.departmentId,
        state: 'accepted',
        created: true,
      }),
    );
    await act(async () => void render(<EventCheckinPage />));
    await flush();
    expect($('.wb-checkin__figure--no-show .wb-checkin__figure-n')!.textContent).toBe('1');
    expect($('.wb-checkin__topic-text')!.textContent).toBe('消防验收排队时间较长');
    await tap($('.wb-checkin__to-case'));
    expect(requests()).toContain('GET /cases/options');
    await tap($('.wb-checkin__case-type--consult'));
    fireEvent.change($('.wb-checkin__case-form .picker__value')!, { target: { value: '1' } });
    await flush();
    await tap($('.wb-checkin__case-submit'));
    expect(writes()).toEqual([
      ['POST /staff/events/e9/registrations/r1/case', { type: 'consult', departmentId: 'd2' }],
    ]);
    expect($('.wb-checkin__case-done')!.textContent).toBe('已转为诉求 QS20261210001');
    await tap($('.wb-checkin__case-open'));
    expect(calls.navigate).toEqual([`${PAGES.staffCase}?id=c1`]);
  });

  it('a refused conversion says why in place; without an id the page says so', async () => {
    signIn('butler');
    mockRouter.params = { id: 'e9' };
    on(
      'GET',
      /^\/staff\/events\/e9\/registrations\?/,
      page([registration({ topic: '问题' })], { id: 'e9', kind: 'reception_day' }),
    );
    on('GET', '/cases/options', ok({ departments: [], staff: [] }));
    on(
      'POST',
      '/staff/events/e9/registrations/r1/case',
      refused(409, 'EVENT_NOT_IN_THIS_STATE', '该报名已取消，不能转为诉求'),
    );
    await act(async () => void render(<EventCheckinPage />));
    await flush();
    await tap($('.wb-checkin__to-case'));
    await tap($('.wb-checkin__case-submit'));
    expect($('.wb-checkin__case-error')!.textContent).toBe('该报名已取消，不能转为诉求');
    cleanup();
    mockRouter.params = {};
    await act(async () => void render(<EventCheckinPage />));
    await flush();
    expect(screen.getByText('缺少活动编号，请从活动列表进入')).toBeTruthy();
  });
});
