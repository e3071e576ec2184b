import { randomUUID } from 'node:crypto';
import type {
  EventCard,
  MyRegistrationItem,
  StaffRegistrationItem,
  StaffRegistrationPage,
} from '@qsgj/shared/contracts';
import type { SignedIn } from '../../../server/test/utils/factories';
import type { TestApp } from '../../../server/test/utils/test-app';
import { boundOwner, DEMO_PASSWORD, demoStaff } from '../weapp-journeys/harness';
import { type Journey, journeyTest, staffSignIn, startJourney } from './harness';

/**
 * 潭商讲堂, the staff side in H5 (issue 12): the demo butler checks registrants in by a typed (scanner-gun) code and
 * from the list, a 企业接待日 topic becomes a case, and the admin creates and publishes an event in the editor.
 * Real server, demo data; what the page shows is checked against the rows the API answers.
 */

/** Demo events (server/src/database/seeds/demo-events.ts), upcoming and open for sign-up. */
const ONLINE = '跨境电商出海实务（线上直播）';
const RECEPTION = '十二月企业接待日（市领导接待）';

async function upcoming(t: TestApp, title: string): Promise<EventCard> {
  const res = await t.http.get('/api/v1/events?when=upcoming&limit=50');
  const found = (res.body.items as EventCard[]).find((e) => e.title === title);
  if (!found) throw new Error(`no upcoming demo event 「${title}」`);
  return found;
}

async function signUp(t: TestApp, user: SignedIn, eventId: string, topic?: string): Promise<string> {
  const res = await t.http
    .post(`/api/v1/events/${eventId}/registrations`)
    .set(user.auth)
    .set('Idempotency-Key', randomUUID())
    .send(topic ? { topic } : {});
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  expect(res.body.registration.status).toBe('confirmed');
  return res.body.registration.id as string;
}

/** The check-in code 我的报名 shows for the user's registration of the event. */
async function checkinCode(t: TestApp, user: SignedIn, eventId: string): Promise<string> {
  const res = await t.http.get('/api/v1/me/registrations').set(user.auth);
  const item = (res.body.items as MyRegistrationItem[]).find((i) => i.eventId === eventId);
  if (!item?.checkin) throw new Error(`no check-in code: ${JSON.stringify(res.body)}`);
  return item.checkin.code;
}

async function staffRows(t: TestApp, staff: SignedIn, eventId: string): Promise<StaffRegistrationPage> {
  const res = await t.http.get(`/api/v1/staff/events/${eventId}/registrations?status=all&limit=100`).set(staff.auth);
  if (res.status !== 200) throw new Error(`registrations failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as StaffRegistrationPage;
}
const rowOf = (page: StaffRegistrationPage, id: string) => page.items.find((r) => r.id === id) as StaffRegistrationItem;

describe('journey: 活动签到 (H5)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    'the butler checks a registrant in by typed code (once), refuses a forged code, and ticks another from the list',
    () => j,
    async () => {
      const event = await upcoming(j.t, ONLINE);
      const first = await boundOwner(j.t, 'ev-h5-first', '湘潭签到旅程甲有限公司');
      const second = await boundOwner(j.t, 'ev-h5-second', '湘潭签到旅程乙有限公司');
      const firstReg = await signUp(j.t, first, event.id);
      const secondReg = await signUp(j.t, second, event.id);
      const code = await checkinCode(j.t, first, event.id);
      const butler = await demoStaff(j.t, 'guanjia');

      await staffSignIn(j, 'guanjia', DEMO_PASSWORD);
      await j.current().locator('.wb-queue__link--events', { hasText: '活动签到' }).click();
      await j.waitForRoute('/packages/workbench/pages/events/index');
      await j.current().locator('.wb-events__row', { hasText: ONLINE }).locator('.wb-events__checkin').click();
      await j.waitForRoute('/packages/workbench/pages/event-checkin/index');
      const page = j.current();
      await expect(page.locator('.wb-checkin__title').innerText()).resolves.toBe(ONLINE);
      const checkedIn = () => page.locator('.wb-checkin__figure--checked-in .wb-checkin__figure-n').innerText();
      const before = (await staffRows(j.t, butler, event.id)).attendance.checkedIn;
      await expect(checkedIn()).resolves.toBe(String(before));
      // No camera in H5: a code typed (or a scanner gun's, which ends with Enter).
      await expect(page.getByText('扫码签到').count()).resolves.toBe(0);

      await page.locator('.wb-checkin__code input').fill(code);
      await page.locator('.wb-checkin__submit').click();
      await page.locator('.wb-checkin__outcome--ok .wb-checkin__outcome-title', { hasText: '签到成功' }).waitFor();
      await expect(page.locator('.wb-checkin__outcome-name').innerText()).resolves.toBe('湘潭签到旅程甲有限公司');
      await expect(checkedIn()).resolves.toBe(String(before + 1));
      const firstRow = page.locator(`.wb-checkin__row[data-id="${firstReg}"]`);
      await firstRow.locator('.wb-checkin__checked').waitFor();
      const afterFirst = await staffRows(j.t, butler, event.id);
      const at = rowOf(afterFirst, firstReg).checkedInAt;
      expect(at).not.toBeNull();
      expect(afterFirst.attendance.checkedIn).toBe(before + 1);

      // The same code again (Enter from a scanner gun): 已签到过, nothing changes.
      await page.locator('.wb-checkin__code input').fill(code);
      await page.locator('.wb-checkin__code input').press('Enter');
      await page.locator('.wb-checkin__outcome--again .wb-checkin__outcome-title', { hasText: '已签到过' }).waitFor();
      await expect(checkedIn()).resolves.toBe(String(before + 1));
      const afterAgain = await staffRows(j.t, butler, event.id);
      expect(rowOf(afterAgain, firstReg).checkedInAt).toBe(at);
      expect(afterAgain.attendance.checkedIn).toBe(before + 1);

      // A forged code (the signature changed): refused in Chinese, nothing changes.
      const forged = `${code.slice(0, -2)}${code.endsWith('AA') ? 'BB' : 'AA'}`;
      await page.locator('.wb-checkin__code input').fill(forged);
      await page.locator('.wb-checkin__submit').click();
      await page
        .locator('.wb-checkin__outcome--refused', {
          hasText: '签到码无效，请让报名人在「我的报名」中刷新二维码后重新扫描',
        })
        .waitFor();
      await expect(checkedIn()).resolves.toBe(String(before + 1));
      expect(rowOf(await staffRows(j.t, butler, event.id), secondReg).checkedInAt).toBeNull();

      // The second registrant, ticked in the list.
      const secondRow = page.locator(`.wb-checkin__row[data-id="${secondReg}"]`);
      await expect(secondRow.locator('.wb-checkin__contact').innerText()).resolves.toMatch(/周一/);
      await secondRow.locator('.wb-checkin__tick').click();
      await secondRow.locator('.wb-checkin__checked').waitFor();
      await expect(checkedIn()).resolves.toBe(String(before + 2));
      await expect(page.locator('.wb-checkin__outcome-name').innerText()).resolves.toBe('湘潭签到旅程乙有限公司');
      const afterTick = await staffRows(j.t, butler, event.id);
      expect(rowOf(afterTick, secondReg).checkedInAt).not.toBeNull();
      expect(afterTick.attendance.checkedIn).toBe(before + 2);
      await j.audit();
    },
  );

  journeyTest(
    '企业接待日: the topic a registrant raised becomes a reception_day case, linked to the event',
    () => j,
    async () => {
      const event = await upcoming(j.t, RECEPTION);
      const owner = await boundOwner(j.t, 'ev-h5-reception', '湘潭接待日旅程有限公司');
      const topic = '旅程测试：园区道路施工影响货车进出，希望协调施工时段。';
      const reg = await signUp(j.t, owner, event.id, topic);
      const butler = await demoStaff(j.t, 'guanjia');

      await j.freshPage();
      await staffSignIn(j, 'guanjia', DEMO_PASSWORD);
      await j.open(`/packages/workbench/pages/event-checkin/index?id=${event.id}`);
      const row = j.current().locator(`.wb-checkin__row[data-id="${reg}"]`);
      await expect(row.locator('.wb-checkin__topic-text').innerText()).resolves.toBe(topic);
      await row.locator('.wb-checkin__to-case').click();
      await row.locator('.wb-checkin__case-type--appeal[aria-checked="true"]').waitFor();
      await row.locator('.wb-checkin__case-submit').click();
      const done = row.locator('.wb-checkin__case-done');
      await done.waitFor();
      const shown = (await done.innerText()).replace('已转为诉求', '').trim();

      const linked = rowOf(await staffRows(j.t, butler, event.id), reg);
      expect(linked.caseId).toBeTruthy();
      const res = await j.t.http.get(`/api/v1/cases/${linked.caseId}`).set(butler.auth);
      expect(res.status).toBe(200);
      expect(res.body.source).toBe('reception_day');
      expect(res.body.number).toBe(shown);
      expect(res.body.content).toContain(topic);
      const [c] = (await j.t.ds.query('SELECT event_id FROM cases WHERE id = $1', [linked.caseId])) as Array<{
        event_id: string;
      }>;
      expect(c.event_id).toBe(event.id);

      await row.locator('.wb-checkin__case-open').click();
      await j.waitForRoute('/packages/workbench/pages/case/index');
      await j.current().getByText(shown).first().waitFor();
    },
  );

  journeyTest(
    'the admin creates an event in the editor and publishes it; the public list shows it',
    () => j,
    async () => {
      const title = '旅程测试：数字化转型诊断讲座';
      await j.freshPage();
      await staffSignIn(j, 'admin', DEMO_PASSWORD);
      await j.current().locator('.wb-queue__link--events', { hasText: '活动管理' }).click();
      await j.waitForRoute('/packages/workbench/pages/events/index');
      await j.current().locator('.wb-events__new').click();
      await j.waitForRoute('/packages/workbench/pages/event-edit/index');
      const edit = j.current();
      await edit.getByText('新建活动').waitFor();
      await edit.locator('.wb-event-edit__title input').fill(title);
      await edit.locator('.wb-event-edit__speakers input').fill('市工信局 数字经济科');
      await edit.locator('.wb-event-edit__capacity input').fill('60');
      await edit.locator('.wb-event-edit__place input').fill('湘潭市民之家三楼报告厅');
      await edit.locator('.wb-event-edit__description textarea').fill('面向制造业企业的数字化转型诊断与案例分享。');
      await edit.locator('.wb-event-edit__publish').click();
      await edit.locator('.wb-event-edit__publish-confirm').click();
      await edit.locator('.wb-event-edit__top .event-status', { hasText: '已发布' }).waitFor();
      await j.audit();

      const res = await j.t.http.get('/api/v1/events?when=upcoming&limit=50');
      const listed = (res.body.items as EventCard[]).find((e) => e.title === title);
      expect(listed).toMatchObject({ kind: 'lecture', capacity: 60, status: 'published', signupOpen: true });
      // A week ahead, 14:30–16:30 Beijing time (the new form's times, kept).
      expect(new Date(listed!.startsAt).getUTCHours()).toBe(6);
      expect(new Date(listed!.endsAt).getTime() - new Date(listed!.startsAt).getTime()).toBe(2 * 3_600_000);
    },
  );
});
