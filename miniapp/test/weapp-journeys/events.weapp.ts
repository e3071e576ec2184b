import { randomUUID } from 'node:crypto';
import type { EventCard, RegistrationResult, StaffRegistrationPage } from '@qsgj/shared/contracts';
import type { SignedIn } from '../../../server/test/utils/factories';
import type { TestApp } from '../../../server/test/utils/test-app';
import type { WeappRuntime } from '../weapp-runtime';
import {
  boundOwner,
  demoStaff,
  expectRoute,
  signInWechat,
  startWeappJourney,
  type WeappJourney,
  weappTest,
} from './harness';

const LIST = 'packages/events/pages/list/index';
const DETAIL = 'packages/events/pages/detail/index';
const MINE = 'packages/events/pages/mine/index';
/** Demo events (server/src/database/seeds/demo-events.ts): one with a seat left, one full with a waitlist. */
const WITH_SEATS = '“专精特新”中小企业认定申报辅导';
const FULL = '知识产权质押融资银企对接会';

async function upcoming(t: TestApp, title: string): Promise<EventCard> {
  const res = await t.http.get('/api/v1/events?when=upcoming&limit=50');
  const e = (res.body.items as EventCard[]).find((x) => x.title === title);
  if (!e) throw new Error(`demo event 「${title}」 not found`);
  return e;
}

/** The event's registrations of one enterprise, as a demo admin sees them (`GET /staff/events/:id/registrations`). */
async function rowsOf(t: TestApp, staff: SignedIn, eventId: string, enterprise: string) {
  const res = await t.http.get(`/api/v1/staff/events/${eventId}/registrations?status=all&limit=100`).set(staff.auth);
  if (res.status !== 200) throw new Error(`registrations: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as StaffRegistrationPage).items.filter((r) => r.enterpriseName === enterprise);
}

/** What WeChat asks the page when the user shares it: its onShareAppMessage. */
function sharePayload(app: WeappRuntime): { title: string; path: string } {
  const pages = (app as unknown as { stack: Array<{ instance: Record<string, unknown> }> }).stack;
  const page = pages.at(-1)!.instance;
  const share = page.onShareAppMessage as (o: { from: string }) => { title: string; path: string };
  return share.call(page, { from: 'button' });
}

/** The card of an event in the list, by its title (the weapp's tree keeps no data-* attribute). */
function cardOf(app: WeappRuntime, title: string) {
  const card = app
    .allByClass('events-list__card')
    .find((c) => app.text(app.byClass('events-list__title', c)) === title);
  if (!card) throw new Error(`no card 「${title}」 in the list:\n${app.render()}`);
  return card;
}

/*
 * 潭商讲堂 on the real weapp build, against the demo data: an enterprise signs up for an event with a seat left (报名成功,
 * the seat count drops, one confirmed row), shows its check-in QR in 我的报名, adds the event to the phone's calendar
 * (wx.addPhoneCalendar with the event's times in unix seconds), and cancels (the seat is free again); a full event
 * waitlists; a share card opens the event cold.
 */
describe('weapp journey: 潭商讲堂', () => {
  let j: WeappJourney;
  let admin: SignedIn;
  beforeAll(async () => {
    j = await startWeappJourney();
    admin = await demoStaff(j.t, 'admin');
  }, 90_000);
  afterAll(() => j?.close());

  weappTest(
    'an enterprise signs up, sees 报名成功 and the seat drop, shows its QR, adds it to the calendar and cancels',
    () => j,
    async () => {
      const NAME = '湘潭讲堂小程序旅程科技有限公司';
      const owner = await boundOwner(j.t, 'events-weapp-owner', NAME);
      const event = await upcoming(j.t, WITH_SEATS);
      const before = event.seatsLeft;
      expect(before).toBeGreaterThan(0);

      const app = await j.launch();
      await signInWechat(app, 'events-weapp-owner');
      await app.reLaunch(`/${LIST}`);
      const card = cardOf(app, WITH_SEATS);
      expect(app.text(app.byClass('events-list__seats', card))).toBe(`剩余 ${before} 席`);
      await app.tap(card);
      expectRoute(app, DETAIL);
      expect(app.query).toEqual({ id: event.id });
      expect(app.text(app.byClass('event-detail__capacity'))).toContain(`剩余 ${before} 席`);

      await app.tap(app.byClass('event-detail__register'));
      expect(app.text(app.byClass('event-detail__mine-status'))).toBe('报名成功');
      expect(app.text(app.byClass('event-detail__capacity'))).toContain(`剩余 ${before - 1} 席`);
      let rows = await rowsOf(j.t, admin, event.id, NAME);
      expect(rows.map((r) => r.status)).toEqual(['confirmed']);
      // A repeat sign-up answers the same registration; still one row.
      const again = await j.t.http
        .post(`/api/v1/events/${event.id}/registrations`)
        .set(owner.auth)
        .set('Idempotency-Key', randomUUID())
        .send({});
      expect((again.body as RegistrationResult).created).toBe(false);
      expect(await rowsOf(j.t, admin, event.id, NAME)).toHaveLength(1);

      // 查看签到码 → 我的报名: the QR as an image and the code signed for this registration and event.
      await app.tap(app.byClass('event-detail__code'));
      expectRoute(app, MINE);
      const item = app.allByClass('events-mine__item')[0];
      expect(app.text(app.byClass('events-mine__title', item))).toBe(WITH_SEATS);
      expect(String(app.byClass('events-qr__image', item).attrs.src)).toMatch(/^data:image\/gif;base64,/);
      expect(app.text(app.byClass('events-qr__code', item))).toMatch(
        new RegExp(`^QSE1\\.${rows[0].id}\\.${event.id}\\.\\d+\\.[\\w-]+$`),
      );

      // 加入日历: WeChat's calendar gets the title and the times in unix seconds.
      await app.tap(app.byClass('events-mine__calendar', item));
      const calendar = app.mediaCalls.filter((c) => c.api === 'addPhoneCalendar');
      expect(calendar).toEqual([
        expect.objectContaining({
          title: WITH_SEATS,
          startTime: Date.parse(event.startsAt) / 1000,
          endTime: Date.parse(event.endsAt) / 1000,
          location: event.place,
        }),
      ]);
      expect(app.toasts.at(-1)?.title).toBe('已加入日历');

      // Back on the event: 取消报名, confirmed in place; the seat is free again.
      await app.back();
      expectRoute(app, DETAIL);
      await app.tap(app.byClass('event-detail__cancel'));
      expect(app.has('确定取消报名吗？您的名额将让给候补的企业。')).toBe(true);
      await app.tap(app.byClass('event-detail__cancel-confirm'));
      expect(app.text(app.byClass('event-detail__capacity'))).toContain(`剩余 ${before} 席`);
      expect(app.allByClass('event-detail__register')).toHaveLength(1);
      rows = await rowsOf(j.t, admin, event.id, NAME);
      expect(rows.map((r) => r.status)).toEqual(['cancelled']);
      expect((await upcoming(j.t, WITH_SEATS)).seatsLeft).toBe(before);
    },
    90_000,
  );

  weappTest(
    'a full event waitlists the enterprise with its place; the share card opens the event cold',
    () => j,
    async () => {
      const NAME = '湘潭候补小程序旅程科技有限公司';
      await boundOwner(j.t, 'events-weapp-waiter', NAME);
      const event = await upcoming(j.t, FULL);
      expect(event.seatsLeft).toBe(0);
      const place = event.waitlisted + 1;

      let app = await j.launch();
      await signInWechat(app, 'events-weapp-waiter');
      await app.reLaunch(`/${DETAIL}?id=${event.id}`);
      expect(app.text(app.byClass('event-detail__seats'))).toMatch(/^已满可候补/);
      await app.tap(app.byClass('event-detail__register'));
      expect(app.text(app.byClass('event-detail__mine-status'))).toBe(`候补第 ${place} 位`);
      expect(app.allByClass('event-detail__code')).toHaveLength(0);
      const rows = await rowsOf(j.t, admin, event.id, NAME);
      expect(rows.map((r) => [r.status, r.waitlistPosition])).toEqual([['waitlisted', place]]);

      // 分享: WeChat's share button; the card opens this event cold, for a visitor.
      const button = app.byClass('event-detail__share');
      expect(button.attrs['open-type'] ?? button.attrs.openType).toBe('share');
      const card = sharePayload(app);
      expect(card).toEqual({ title: FULL, path: `/${DETAIL}?id=${event.id}` });
      const [path, query] = card.path.slice(1).split('?');
      app = await j.launch({ path, query: Object.fromEntries(new URLSearchParams(query)) });
      expectRoute(app, DETAIL);
      expect(app.text(app.byClass('event-detail__title'))).toBe(FULL);
      await app.tap(app.byClass('event-detail__login'));
      expectRoute(app, 'packages/account/pages/login/index');
      expect(decodeURIComponent(app.query.redirect ?? '')).toBe(`/${DETAIL}?id=${event.id}`);
    },
  );
});
