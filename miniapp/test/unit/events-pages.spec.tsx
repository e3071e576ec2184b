import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { EventCard, EventDetail, MyRegistration, MyRegistrationItem } from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, calls } from '../shims/taro';
import { $, $$, flush, ok, requests, scriptedServer, signIn as signInAs } from './support';
import { trigger } from './taro-pages';
import EventsDetailPage from '../../src/packages/events/pages/detail/index';
import EventsListPage from '../../src/packages/events/pages/list/index';
import EventsMinePage from '../../src/packages/events/pages/mine/index';
import { refreshDelay } from '../../src/packages/events/pages/mine/use-my-registrations';
import { calendarEntry, eventTime, seatText } from '../../src/packages/events/components/format';
import { sessionStore } from '../../src/stores/session';

const mockRouter = { params: {} as Record<string, string> };
const mockShare: Array<() => { title: string; path: string }> = [];
const mockWx = {
  calendar: [] as unknown[],
  location: [] as unknown[],
  clipboard: [] as string[],
};
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro-pages').taroWithPageHooks();
  const extra = {
    addPhoneCalendar: async (o: unknown) => void mockWx.calendar.push(o),
    openLocation: async (o: unknown) => void mockWx.location.push(o),
    setClipboardData: async ({ data }: { data: string }) => void mockWx.clipboard.push(data),
  };
  return {
    ...base,
    default: { ...base.default, ...extra },
    ...extra,
    useRouter: () => mockRouter,
    useShareAppMessage: (fn: () => { title: string; path: string }) => void mockShare.push(fn),
  };
});

const signIn = (role: 'enterprise' | 'butler' = 'enterprise') => signInAs(role, { displayName: '周一' });

const HOUR = 3_600_000;
const future = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

function card(over: Partial<EventCard> = {}): EventCard {
  return {
    id: 'e1',
    kind: 'lecture',
    title: '“专精特新”中小企业认定申报辅导',
    speakers: '市工业和信息化局 中小企业科 陈科长',
    startsAt: '2026-12-10T01:30:00.000Z',
    endsAt: '2026-12-10T03:30:00.000Z',
    signupDeadline: '2026-12-09T10:00:00.000Z',
    place: '湘潭市工业和信息化局五楼会议室',
    online: false,
    capacity: 3,
    seatsLeft: 1,
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

function detail(over: Partial<EventDetail> = {}): EventDetail {
  return {
    ...card(),
    startsAt: future(48),
    endsAt: future(50),
    signupDeadline: future(24),
    description: '解读认定条件与材料要求。\n现场预审申报材料。',
    latitude: 27.8289,
    longitude: 112.9391,
    onlineUrl: null,
    organizerDepartmentId: 'd1',
    organizerDepartment: '市工业和信息化局',
    materials: [],
    replayUrl: null,
    cancelReason: null,
    myRegistration: null,
    ...over,
  };
}

function registration(over: Partial<MyRegistration> = {}): MyRegistration {
  return {
    id: 'r1',
    eventId: 'e1',
    status: 'confirmed',
    waitlistPosition: null,
    topic: null,
    checkedInAt: null,
    createdAt: '2026-12-01T02:00:00.000Z',
    ...over,
  };
}

const approvedMe = {
  id: 'u1',
  role: 'enterprise',
  nickname: '周一',
  phone: null,
  largeFont: false,
  consentVersion: '1',
  consentRequired: false,
  membership: { status: 'approved', role: 'owner', enterprise: { id: 'ent1', name: '湘潭页面测试有限公司' } },
  department: null,
  mustChangePassword: false,
};

const { on, listen } = scriptedServer();
const click = (el: Element) => act(async () => void fireEvent.click(el));

beforeEach(() => {
  __reset();
  listen();
  mockRouter.params = {};
  mockShare.length = 0;
  mockWx.calendar.length = 0;
  mockWx.location.length = 0;
  mockWx.clipboard.length = 0;
  sessionStore.set(null);
});

afterEach(() => {
  cleanup();
  sessionStore.set(null);
  jest.useRealTimers();
});

describe('潭商讲堂 words', () => {
  it('reads times in Shanghai and words every seat state', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(eventTime(card(), now)).toBe('12月10日（周四）09:30–11:30');
    expect(eventTime(card({ endsAt: '2026-12-11T04:00:00.000Z' }), now)).toBe(
      '12月10日（周四）09:30 至 12月11日（周五）12:00',
    );
    expect(seatText(card(), now)).toBe('剩余 1 席');
    expect(seatText(card({ seatsLeft: 0, waitlisted: 2 }), now)).toBe('已满可候补（2 人候补中）');
    expect(seatText(card({ signupOpen: false }), now)).toBe('报名已截止');
    expect(seatText(card({ signupOpen: false, ended: true }), now)).toBe('已结束');
    expect(seatText(card({ status: 'cancelled', signupOpen: false }), now)).toBe('已取消');
    // WeChat's calendar takes unix seconds.
    expect(calendarEntry(card())).toMatchObject({
      title: card().title,
      startTime: Date.parse(card().startsAt) / 1000,
      endTime: Date.parse(card().endsAt) / 1000,
      location: '湘潭市工业和信息化局五楼会议室',
    });
    expect(calendarEntry(card({ place: null, online: true })).location).toBe('线上');
  });
});

describe('潭商讲堂 list', () => {
  it('one request; cards with kind, title, speakers, Shanghai time, place or 线上, seats; tabs and chips filter', async () => {
    on(
      'GET',
      /^\/events\?/,
      ok({
        items: [
          card(),
          card({ id: 'e2', title: '跨境电商出海实务', place: null, online: true, seatsLeft: 0, waitlisted: 1 }),
        ],
        nextCursor: null,
      }),
    );
    await act(async () => void render(<EventsListPage />));
    await flush();
    expect(requests()).toEqual(['GET /events?when=upcoming']);
    const cards = $$('.events-list__card');
    expect(cards.map((c) => c.getAttribute('data-id'))).toEqual(['e1', 'e2']);
    expect(cards[0].querySelector('.events-list__kind')!.textContent).toBe('讲座');
    expect(cards[0].querySelector('.events-list__speakers')!.textContent).toBe('市工业和信息化局 中小企业科 陈科长');
    expect(cards[0].querySelector('.events-list__time')!.textContent).toMatch(/^12月10日（周四）09:30–11:30$/);
    expect(cards[0].querySelector('.events-list__seats')!.textContent).toBe('剩余 1 席');
    expect(cards[1].querySelector('.events-list__place')!.textContent).toBe('线上');
    expect(cards[1].querySelector('.events-list__seats')!.textContent).toBe('已满可候补（1 人候补中）');

    await click($('.events-list__tab--past')!);
    await click($('.events-list__chip--reception_day')!);
    expect(requests().slice(1)).toEqual(['GET /events?when=past', 'GET /events?when=past&kind=reception_day']);
    expect($('.events-list__chip--reception_day')!.getAttribute('aria-pressed')).toBe('true');

    await click($$('.events-list__card')[1]);
    expect(calls.navigate).toEqual([`${PAGES.eventDetail}?id=e2`]);
    await click(screen.getByText('我的报名与签到码'));
    expect(calls.navigate.at(-1)).toBe(PAGES.myRegistrations);
  });

  it('loads the next page at the bottom; empty says so and offers all kinds', async () => {
    on('GET', '/events?when=upcoming', ok({ items: [card()], nextCursor: 'c1' }));
    on(
      'GET',
      '/events?when=upcoming&cursor=c1',
      ok({ items: [card({ id: 'e3', title: '第三场' })], nextCursor: null }),
    );
    on('GET', '/events?when=upcoming&kind=training', ok({ items: [], nextCursor: null }));
    await act(async () => void render(<EventsListPage />));
    await flush();
    await act(async () => trigger('reachBottom'));
    await flush();
    expect($$('.events-list__card').map((c) => c.getAttribute('data-id'))).toEqual(['e1', 'e3']);
    await click($('.events-list__chip--training')!);
    expect(screen.getByText('暂无即将开始的活动，敬请关注')).toBeTruthy();
    await click(screen.getByText('查看全部类型'));
    expect(requests().at(-1)).toBe('GET /events?when=upcoming');
  });
});

describe('活动详情', () => {
  it('shows everything of the event; a visitor is sent to sign in and back; the map opens at the coordinates', async () => {
    mockRouter.params = { id: 'e1' };
    on(
      'GET',
      '/events/e1',
      ok(
        detail({
          materials: [{ name: '申报指南', url: 'https://example.com/guide.pdf' }],
          replayUrl: 'https://example.com/replay',
          audienceDistricts: ['岳塘区'],
        }),
      ),
    );
    await act(async () => void render(<EventsDetailPage />));
    await flush();
    expect(requests()).toEqual(['GET /events/e1']);
    const text = document.body.textContent!;
    for (const s of [
      '“专精特新”中小企业认定申报辅导',
      '陈科长',
      '现场预审申报材料。',
      '市工业和信息化局',
      '岳塘区的企业',
    ]) {
      expect(text).toContain(s);
    }
    expect($('.event-detail__capacity')!.textContent).toContain('共 3 席，剩余 1 席');
    await click(screen.getByText('查看地图'));
    expect(mockWx.location).toEqual([
      expect.objectContaining({ latitude: 27.8289, longitude: 112.9391, name: '湘潭市工业和信息化局五楼会议室' }),
    ]);
    const copy = $$('.event-detail__material .event-detail__link');
    expect(copy).toHaveLength(2);
    await click(copy[1]);
    expect(mockWx.clipboard).toEqual(['https://example.com/replay']);
    expect(mockShare.at(-1)!()).toEqual({
      title: '“专精特新”中小企业认定申报辅导',
      path: `${PAGES.eventDetail}?id=e1`,
    });

    await click(screen.getByText('登录后报名'));
    expect(calls.navigate).toEqual([`${PAGES.login}?redirect=${encodeURIComponent(`${PAGES.eventDetail}?id=e1`)}`]);
  });

  it('an enterprise signs up once (idempotent key), sees 报名成功 and the seat drop, then cancels after confirming', async () => {
    signIn();
    mockRouter.params = { id: 'e1' };
    on('GET', '/events/e1', ok(detail()));
    on('GET', '/me', ok(approvedMe));
    let seats = 1;
    on('POST', '/events/e1/registrations', () => {
      seats -= 1;
      return ok({ registration: registration(), created: true, seatsLeft: seats });
    });
    on('DELETE', '/events/e1/registrations/me', () => {
      seats += 1;
      return ok({ registration: registration({ status: 'cancelled' }), created: false, seatsLeft: seats });
    });
    await act(async () => void render(<EventsDetailPage />));
    await flush();
    expect(requests()).toEqual(['GET /events/e1', 'GET /me']);
    const button = screen.getByText('立即报名');
    await act(async () => {
      fireEvent.click(button);
      fireEvent.click(button);
    });
    await flush();
    const posts = calls.request.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0].header['Idempotency-Key']).toMatch(/^\S{16,}$/);
    expect(posts[0].data).toEqual({});
    expect($('.event-detail__mine-status')!.textContent).toBe('报名成功');
    expect($('.event-detail__capacity')!.textContent).toContain('剩余 0 席');
    await click(screen.getByText('查看签到码'));
    expect(calls.navigate).toEqual([PAGES.myRegistrations]);

    await click(screen.getByText('取消报名'));
    expect(screen.getByText('确定取消报名吗？您的名额将让给候补的企业。')).toBeTruthy();
    expect(calls.request.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    await click(screen.getByText('确认取消'));
    expect(calls.request.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect($('.event-detail__capacity')!.textContent).toContain('剩余 1 席');
    expect(screen.getByText('立即报名')).toBeTruthy();
  });

  it('a full 企业接待日: the problem to raise is sent, the waitlist place shown; the server’s refusal is shown as is', async () => {
    signIn();
    mockRouter.params = { id: 'e9' };
    on('GET', '/events/e9', ok(detail({ id: 'e9', kind: 'reception_day', seatsLeft: 0, waitlisted: 1 })));
    on('GET', '/me', ok(approvedMe));
    let refuse = true;
    on('POST', '/events/e9/registrations', () =>
      refuse
        ? { statusCode: 409, data: { code: 'EVENT_SIGNUP_CLOSED', message: '报名已于 12月9日 18:00 截止' } }
        : ok({
            registration: registration({ status: 'waitlisted', waitlistPosition: 2 }),
            created: true,
            seatsLeft: 0,
          }),
    );
    await act(async () => void render(<EventsDetailPage />));
    await flush();
    expect($('.event-detail__kind')!.textContent).toBe('企业接待日');
    expect($('.event-detail__full')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('想反映的问题'), { target: { value: '  厂房消防验收排队时间长  ' } });
    await click(screen.getByText('报名候补'));
    expect(screen.getByRole('alert').textContent).toBe('报名已于 12月9日 18:00 截止');
    refuse = false;
    await click(screen.getByText('报名候补'));
    const posts = calls.request.filter((r) => r.method === 'POST');
    expect(posts.map((p) => p.data)).toEqual([
      { topic: '厂房消防验收排队时间长' },
      { topic: '厂房消防验收排队时间长' },
    ]);
    expect($('.event-detail__mine-status')!.textContent).toBe('候补第 2 位');
    expect(screen.queryByText('查看签到码')).toBeNull();
    expect(screen.getByText('放弃候补')).toBeTruthy();
  });

  it('without an approved enterprise: explains and links to binding; a cancelled event shows its reason', async () => {
    signIn();
    mockRouter.params = { id: 'e1' };
    on('GET', '/events/e1', ok(detail()));
    on('GET', '/me', ok({ ...approvedMe, membership: null }));
    await act(async () => void render(<EventsDetailPage />));
    await flush();
    expect(screen.queryByText('立即报名')).toBeNull();
    await click(screen.getByText('去绑定企业'));
    expect(calls.navigate).toEqual([PAGES.bind]);
    cleanup();

    mockRouter.params = { id: 'e5' };
    on(
      'GET',
      '/events/e5',
      ok(detail({ id: 'e5', status: 'cancelled', signupOpen: false, cancelReason: '因天气原因延期举办' })),
    );
    await act(async () => void render(<EventsDetailPage />));
    await flush();
    expect(screen.getByText('原因：因天气原因延期举办')).toBeTruthy();
    expect(screen.getByText('活动已取消，不能报名')).toBeTruthy();
    expect(screen.queryByText('立即报名')).toBeNull();
  });

  it('an unknown id says so with a way back', async () => {
    mockRouter.params = { id: 'nope' };
    await act(async () => void render(<EventsDetailPage />));
    await flush();
    expect(screen.getByText('活动不存在或未发布')).toBeTruthy();
    await click(screen.getByText('去潭商讲堂'));
    expect(calls.navigate).toEqual([PAGES.events]);
  });
});

describe('我的报名', () => {
  const item = (over: Partial<MyRegistrationItem> = {}): MyRegistrationItem => ({
    ...registration(),
    event: card({ startsAt: future(48), endsAt: future(50) }),
    checkin: { code: 'QS1.r1.e1.sig', expiresAt: future(0.15) },
    ...over,
  });

  it('draws the QR of the code, its expiry, 已签到, waitlist places; 加入日历 hands WeChat unix seconds', async () => {
    signIn();
    const first = item();
    on(
      'GET',
      '/me/registrations',
      ok({
        items: [
          first,
          item({ id: 'r2', status: 'waitlisted', waitlistPosition: 3, checkin: null }),
          item({ id: 'r3', checkedInAt: '2026-12-10T01:20:00.000Z' }),
        ],
        nextCursor: null,
      }),
    );
    await act(async () => void render(<EventsMinePage />));
    await flush();
    expect(requests()).toEqual(['GET /me/registrations']);
    const rows = $$('.events-mine__item');
    const qr = rows[0].querySelector('img')!;
    expect(qr.getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
    expect(rows[0].querySelector('.events-qr__code')!.textContent).toBe('QS1.r1.e1.sig');
    expect(rows[0].querySelector('.events-qr__expiry')!.textContent).toMatch(/\d{2}:\d{2} 前有效/);
    expect(rows[1].querySelector('.events-mine__status')!.textContent).toBe('候补第 3 位');
    expect(rows[1].querySelector('img')).toBeNull();
    expect(rows[2].querySelector('.events-mine__status')!.textContent).toBe('已签到');
    expect(rows[2].querySelector('img')).toBeNull();

    await click(rows[0].querySelector('.events-mine__calendar')!);
    expect(mockWx.calendar).toEqual([
      expect.objectContaining({
        title: first.event.title,
        startTime: Math.floor(Date.parse(first.event.startsAt) / 1000),
        endTime: Math.floor(Date.parse(first.event.endsAt) / 1000),
        location: '湘潭市工业和信息化局五楼会议室',
      }),
    ]);
    expect(calls.toast).toContain('已加入日历');
  });

  it('reads the list again shortly before the first code expires, and when the page shows again', async () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    const at = (ms: number) => item({ checkin: { code: 'c', expiresAt: new Date(now + ms).toISOString() } });
    expect(refreshDelay([at(600_000), at(300_000)], now)).toBe(240_000);
    expect(refreshDelay([at(30_000)], now)).toBe(10_000);
    expect(refreshDelay([item({ checkin: null })], now)).toBeNull();
    expect(refreshDelay([item({ checkedInAt: '2026-12-01T00:00:00Z' })], now)).toBeNull();

    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    signIn();
    on('GET', '/me/registrations', () =>
      ok({
        items: [item({ checkin: { code: `c${calls.request.length}`, expiresAt: future(0.02) } })],
        nextCursor: null,
      }),
    );
    await act(async () => void render(<EventsMinePage />));
    await flush();
    expect(requests()).toEqual(['GET /me/registrations']);
    // The code expires in 72 s: the list is read again 60 s before, at 12 s.
    await act(async () => void jest.advanceTimersByTime(11_000));
    expect(requests()).toHaveLength(1);
    await act(async () => void jest.advanceTimersByTime(1_500));
    await flush();
    expect(requests()).toHaveLength(2);
    expect($('.events-qr__code')!.textContent).toBe('c2');
    await act(async () => {
      trigger('hide');
      trigger('show');
    });
    await flush();
    expect(requests()).toHaveLength(3);
  });

  it('empty: a link to the list; signed out: sign in first', async () => {
    signIn();
    on('GET', '/me/registrations', ok({ items: [], nextCursor: null }));
    await act(async () => void render(<EventsMinePage />));
    await flush();
    expect(screen.getByText('您还没有报名活动')).toBeTruthy();
    await click(screen.getByText('去潭商讲堂看看'));
    expect(calls.navigate).toEqual([PAGES.events]);
    cleanup();
    sessionStore.set(null);
    await act(async () => void render(<EventsMinePage />));
    await flush();
    expect(requests()).toEqual(['GET /me/registrations']);
    await click(screen.getByText('登录'));
    expect(calls.navigate.at(-1)).toBe(`${PAGES.login}?redirect=${encodeURIComponent(PAGES.myRegistrations)}`);
  });
});
