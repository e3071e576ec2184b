import { randomUUID } from 'node:crypto';
import type { EventCard, RegistrationResult, StaffRegistrationPage } from '@qsgj/shared/contracts';
import type { SignedIn } from '../../../server/test/utils/factories';
import type { TestApp } from '../../../server/test/utils/test-app';
import { boundOwner, demoStaff } from '../weapp-journeys/harness';
import { devSignIn, type Journey, journeyTest, startJourney } from './harness';

const LIST = '/packages/events/pages/list/index';
const DETAIL = '/packages/events/pages/detail/index';
const MINE = '/packages/events/pages/mine/index';
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
  const page = res.body as StaffRegistrationPage;
  return { rows: page.items.filter((r) => r.enterpriseName === enterprise), page };
}

/*
 * 潭商讲堂 in H5, against the demo data: an enterprise signs up for an event with a seat left (报名成功, the seat
 * count drops, one confirmed row however often it is asked), shows the check-in QR in 我的报名 and cancels (the seat is
 * free again); a full event puts it on the waitlist with its place.
 */
describe('journey: 潭商讲堂 (H5)', () => {
  let j: Journey;
  let admin: SignedIn;
  beforeAll(async () => {
    j = await startJourney();
    admin = await demoStaff(j.t, 'admin');
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    'an enterprise signs up, sees 报名成功 and the seat drop, shows its QR in 我的报名, and cancels to free the seat',
    () => j,
    async () => {
      const NAME = '湘潭讲堂H5旅程科技有限公司';
      const owner = await boundOwner(j.t, 'events-h5-owner', NAME);
      const event = await upcoming(j.t, WITH_SEATS);
      const before = event.seatsLeft;
      expect(before).toBeGreaterThan(0);

      await devSignIn(j, 'events-h5-owner');
      await j.open(LIST);
      const list = j.current();
      const card = list.locator(`.events-list__card[data-id="${event.id}"]`);
      await expect(card.locator('.events-list__seats').innerText()).resolves.toBe(`剩余 ${before} 席`);
      await card.click();
      await j.waitForRoute(DETAIL);
      const page = j.current();
      await expect(page.locator('.event-detail__title').innerText()).resolves.toBe(WITH_SEATS);
      await expect(page.locator('.event-detail__capacity').innerText()).resolves.toContain(`剩余 ${before} 席`);

      // Two taps in a row: one registration.
      await page.locator('.event-detail__register').dblclick();
      await page.locator('.event-detail__mine-status', { hasText: '报名成功' }).waitFor();
      await expect(page.locator('.event-detail__capacity').innerText()).resolves.toContain(`剩余 ${before - 1} 席`);
      await j.audit();

      const signed = await rowsOf(j.t, admin, event.id, NAME);
      let rows = signed.rows;
      expect(rows.map((r) => r.status)).toEqual(['confirmed']);
      expect(signed.page.event.seatsLeft).toBe(before - 1);
      // A repeat sign-up (another request, another key) answers the same registration.
      const again = await j.t.http
        .post(`/api/v1/events/${event.id}/registrations`)
        .set(owner.auth)
        .set('Idempotency-Key', randomUUID())
        .send({});
      expect((again.body as RegistrationResult).created).toBe(false);
      expect((again.body as RegistrationResult).registration.id).toBe(rows[0].id);
      ({ rows } = await rowsOf(j.t, admin, event.id, NAME));
      expect(rows).toHaveLength(1);

      // 查看签到码 → 我的报名: the QR (an image) and its signed code for this registration and event.
      await page.locator('.event-detail__code').click();
      await j.waitForRoute(MINE);
      const mine = j.current();
      const item = mine.locator(`.events-mine__item[data-id="${rows[0].id}"]`);
      await expect(item.locator('.events-mine__status').innerText()).resolves.toBe('报名成功');
      const img = item.locator('.events-qr img, img.events-qr__image').first();
      await expect(img.getAttribute('src')).resolves.toMatch(/^data:image\/gif;base64,/);
      await expect(img.getAttribute('alt')).resolves.toBe(`「${WITH_SEATS}」的签到二维码`);
      expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
      const code = await item.locator('.events-qr__code').innerText();
      expect(code).toMatch(new RegExp(`^QSE1\\.${rows[0].id}\\.${event.id}\\.\\d+\\.[\\w-]+$`));
      await expect(item.locator('.events-qr__expiry').innerText()).resolves.toMatch(/\d{2}:\d{2} 前有效/);

      // Back on the event: 取消报名, confirmed in place; the seat is free again.
      // The title is what the point hits (document.elementFromPoint), but Playwright's check of the click's target
      // names Taro's pull-to-refresh host (an inline element around the page) on this first row: the click is forced.
      await mine.locator('.events-mine__title').first().click({ force: true });
      await j.waitForRoute(DETAIL);
      const detail = j.current();
      await detail.locator('.event-detail__cancel').click();
      await detail.getByText('确定取消报名吗？您的名额将让给候补的企业。').waitFor();
      await detail.locator('.event-detail__cancel-confirm').click();
      await detail.locator('.event-detail__register').waitFor();
      await expect(detail.locator('.event-detail__capacity').innerText()).resolves.toContain(`剩余 ${before} 席`);
      ({ rows } = await rowsOf(j.t, admin, event.id, NAME));
      expect(rows.map((r) => r.status)).toEqual(['cancelled']);
      expect((await upcoming(j.t, WITH_SEATS)).seatsLeft).toBe(before);
    },
    90_000,
  );

  journeyTest(
    'a full event takes the enterprise onto the waitlist and shows its place; 下载日历文件 saves its .ics',
    () => j,
    async () => {
      const NAME = '湘潭候补H5旅程科技有限公司';
      await boundOwner(j.t, 'events-h5-waiter', NAME);
      const event = await upcoming(j.t, FULL);
      expect(event.seatsLeft).toBe(0);
      const place = event.waitlisted + 1;

      await j.freshPage();
      await devSignIn(j, 'events-h5-waiter');
      await j.open(`${DETAIL}?id=${event.id}`);
      const page = j.current();
      await expect(page.locator('.event-detail__seats').innerText()).resolves.toMatch(/^已满可候补/);
      await page.locator('.event-detail__register', { hasText: '报名候补' }).click();
      await page.locator('.event-detail__mine-status', { hasText: `候补第 ${place} 位` }).waitFor();
      await expect(page.locator('.event-detail__code').count()).resolves.toBe(0);
      const { rows } = await rowsOf(j.t, admin, event.id, NAME);
      expect(rows.map((r) => [r.status, r.waitlistPosition])).toEqual([['waitlisted', place]]);

      await j.open(MINE);
      const item = j.current().locator(`.events-mine__item[data-id="${rows[0].id}"]`);
      await expect(item.locator('.events-mine__status').innerText()).resolves.toBe(`候补第 ${place} 位`);
      await expect(item.locator('img').count()).resolves.toBe(0);

      // H5's 下载日历文件: the registration's .ics, downloaded.
      const [download] = await Promise.all([
        j.page.waitForEvent('download'),
        item.locator('.events-mine__calendar').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.ics$/);
      const ics = await download.createReadStream().then(
        (s) =>
          new Promise<string>((resolve) => {
            let text = '';
            s.on('data', (c: Buffer) => (text += c.toString('utf8')));
            s.on('end', () => resolve(text));
          }),
      );
      expect(ics).toContain('BEGIN:VEVENT');
      expect(ics).toContain(FULL);
    },
  );
});
