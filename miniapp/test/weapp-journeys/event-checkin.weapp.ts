import { randomUUID } from 'node:crypto';
import type {
  AdminEventItem,
  CaseOptionsResponse,
  EventCard,
  EventDetail,
  MyRegistrationItem,
  StaffRegistrationItem,
  StaffRegistrationPage,
} from '@qsgj/shared/contracts';
import type { SignedIn } from '../../../server/test/utils/factories';
import type { TestApp } from '../../../server/test/utils/test-app';
import type { WeappRuntime } from '../weapp-runtime';
import type { WxNode } from '../weapp-runtime/tree';
import {
  boundOwner,
  DEMO_PASSWORD,
  demoStaff,
  expectRoute,
  signInStaff,
  startWeappJourney,
  type WeappJourney,
  weappTest,
} from './harness';

/**
 * 潭商讲堂, the staff side on the real weapp build (issue 12): the demo butler scans registrants' codes with
 * `wx.scanCode` (the harness's camera answers with the code 我的报名 shows), ticks another from the list, turns a
 * 企业接待日 topic into a case; the admin creates an event with the pickers, publishes it, and is refused a capacity
 * below the confirmed count. Checked against the API's rows.
 */

const ONLINE = '跨境电商出海实务（线上直播）';
const RECEPTION = '十二月企业接待日（市领导接待）';
const FIRST = '湘潭扫码签到甲有限公司';
const SECOND = '湘潭扫码签到乙有限公司';
const RECEPTION_ENTERPRISE = '湘潭接待日小程序测试有限公司';

async function upcoming(t: TestApp, title: string): Promise<EventCard> {
  const res = await t.http.get('/api/v1/events?when=upcoming&limit=50');
  const found = (res.body.items as EventCard[]).find((e) => e.title === title);
  if (!found) throw new Error(`no upcoming event 「${title}」`);
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

/** The row of the enterprise's registration on the check-in page. */
function row(app: WeappRuntime, enterprise: string): WxNode {
  const found = app
    .allByClass('wb-checkin__row')
    .find((n) => app.text(app.byClass('wb-checkin__enterprise', n)).trim() === enterprise);
  if (!found) throw new Error(`no row of ${enterprise}\n${app.render()}`);
  return found;
}
const checkedIn = (app: WeappRuntime) =>
  app.text(app.byClass('wb-checkin__figure-n', app.byClass('wb-checkin__figure--checked-in'))).trim();
const outcome = (app: WeappRuntime) => app.text(app.byClass('wb-checkin__outcome')).trim();

/** `YYYY-MM-DD` in Asia/Shanghai, `days` from now. */
const shanghaiDay = (days: number) =>
  new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

describe('weapp journey: 活动签到', () => {
  let j: WeappJourney;
  beforeAll(async () => {
    j = await startWeappJourney();
  }, 90_000);
  afterAll(() => j?.close());

  weappTest(
    'the butler scans a code (once; a cancelled scan does nothing), a forged code is refused, another is ticked',
    () => j,
    async () => {
      const event = await upcoming(j.t, ONLINE);
      const first = await boundOwner(j.t, 'ev-weapp-first', FIRST);
      const second = await boundOwner(j.t, 'ev-weapp-second', SECOND);
      const firstReg = await signUp(j.t, first, event.id);
      const secondReg = await signUp(j.t, second, event.id);
      const code = await checkinCode(j.t, first, event.id);
      const butler = await demoStaff(j.t, 'guanjia');
      const before = (await staffRows(j.t, butler, event.id)).attendance.checkedIn;

      const app = await j.launch();
      await signInStaff(app, 'guanjia', DEMO_PASSWORD);
      expectRoute(app, 'packages/workbench/pages/index/index');
      await app.tap(app.byText('活动签到', { within: app.byClass('wb-queue__links') }));
      expectRoute(app, 'packages/workbench/pages/events/index');
      const card = app.allByClass('wb-events__row').find((n) => app.text(n).includes(ONLINE))!;
      await app.tap(app.byClass('wb-events__checkin', card));
      expectRoute(app, 'packages/workbench/pages/event-checkin/index');
      expect(app.text(app.byClass('wb-checkin__title')).trim()).toBe(ONLINE);
      expect(checkedIn(app)).toBe(String(before));
      // WeChat: the camera, no typed code.
      expect(app.allByClass('wb-checkin__code')).toHaveLength(0);

      app.script.scan = [code];
      await app.tap(app.byClass('wb-checkin__scan'));
      await app.waitFor(() => outcome(app).startsWith('签到成功'), { what: 'the check-in' });
      expect(outcome(app)).toContain('湘潭扫码签到甲有限公司');
      expect(checkedIn(app)).toBe(String(before + 1));
      expect(app.allByClass('wb-checkin__checked', row(app, FIRST))).toHaveLength(1);
      expect(app.mediaCalls.filter((c) => c.api === 'scanCode')).toEqual([
        expect.objectContaining({ onlyFromCamera: true, result: code }),
      ]);
      const afterFirst = await staffRows(j.t, butler, event.id);
      const at = rowOf(afterFirst, firstReg).checkedInAt;
      expect(at).not.toBeNull();
      expect(afterFirst.attendance.checkedIn).toBe(before + 1);

      // The same code again: 已签到过, nothing changes.
      app.script.scan = [code];
      await app.tap(app.byClass('wb-checkin__scan'));
      await app.waitFor(() => outcome(app).startsWith('已签到过'), { what: 'the second scan' });
      expect(checkedIn(app)).toBe(String(before + 1));
      const afterAgain = await staffRows(j.t, butler, event.id);
      expect(rowOf(afterAgain, firstReg).checkedInAt).toBe(at);
      expect(afterAgain.attendance.checkedIn).toBe(before + 1);

      // The user closes the camera: no request, no message, the last outcome stays.
      const sent = app.requests.length;
      app.script.scan = ['cancel'];
      await app.tap(app.byClass('wb-checkin__scan'));
      expect(app.requests.slice(sent).filter((r) => r.path.includes('/checkins'))).toHaveLength(0);
      expect(outcome(app).startsWith('已签到过')).toBe(true);

      // A forged code: refused in Chinese.
      app.script.scan = [`${code.slice(0, -2)}${code.endsWith('AA') ? 'BB' : 'AA'}`];
      await app.tap(app.byClass('wb-checkin__scan'));
      await app.waitFor(() => outcome(app).startsWith('签到未成功'), { what: 'the refusal' });
      expect(outcome(app)).toContain('签到码无效，请让报名人在「我的报名」中刷新二维码后重新扫描');
      expect(checkedIn(app)).toBe(String(before + 1));

      // The second registrant, ticked in the list.
      await app.tap(app.byClass('wb-checkin__tick', row(app, SECOND)));
      await app.waitFor(() => app.allByClass('wb-checkin__checked', row(app, SECOND)).length === 1, {
        what: 'the tick',
      });
      expect(checkedIn(app)).toBe(String(before + 2));
      const afterTick = await staffRows(j.t, butler, event.id);
      expect(rowOf(afterTick, secondReg).checkedInAt).not.toBeNull();
      expect(afterTick.attendance.checkedIn).toBe(before + 2);
      app.assertClean();
    },
  );

  weappTest(
    '企业接待日: a topic becomes a reception_day case in the department chosen, and opens',
    () => j,
    async () => {
      const event = await upcoming(j.t, RECEPTION);
      const owner = await boundOwner(j.t, 'ev-weapp-reception', RECEPTION_ENTERPRISE);
      const topic = '小程序测试：新厂房用电报装进度慢，希望协调供电部门。';
      const reg = await signUp(j.t, owner, event.id, topic);
      const butler = await demoStaff(j.t, 'guanjia');
      const options = (await j.t.http.get('/api/v1/cases/options').set(butler.auth)).body as CaseOptionsResponse;
      const index = options.departments.findIndex((d) => !d.isCentre);
      const department = options.departments[index];

      const app = await j.launch();
      await signInStaff(app, 'guanjia', DEMO_PASSWORD);
      await app.reLaunch(`/packages/workbench/pages/event-checkin/index?id=${event.id}`);
      expect(app.text(app.byClass('wb-checkin__topic-text', row(app, RECEPTION_ENTERPRISE))).trim()).toBe(topic);
      await app.tap(app.byClass('wb-checkin__to-case', row(app, RECEPTION_ENTERPRISE)));
      await app.waitFor(() => !app.has('部门加载中'), { what: 'the departments' });
      await app.tap(app.byClass('wb-checkin__case-type--complaint', row(app, RECEPTION_ENTERPRISE)));
      await app.trigger(app.byClass('wb-checkin__case-department-picker', row(app, RECEPTION_ENTERPRISE)), 'change', {
        value: String(index + 1),
      });
      expect(app.text(app.byClass('wb-checkin__case-department', row(app, RECEPTION_ENTERPRISE)))).toContain(
        department.name,
      );
      await app.tap(app.byClass('wb-checkin__case-submit', row(app, RECEPTION_ENTERPRISE)));
      await app.waitFor(() => app.allByClass('wb-checkin__case-done', row(app, RECEPTION_ENTERPRISE)).length === 1, {
        what: 'the case',
      });
      const shown = app
        .text(app.byClass('wb-checkin__case-done', row(app, RECEPTION_ENTERPRISE)))
        .replace('已转为诉求', '')
        .trim();

      const linked = rowOf(await staffRows(j.t, butler, event.id), reg);
      const res = await j.t.http.get(`/api/v1/cases/${linked.caseId}`).set(butler.auth);
      expect(res.body).toMatchObject({ source: 'reception_day', type: 'complaint', number: shown });
      expect(res.body.department.id).toBe(department.id);
      const [c] = (await j.t.ds.query('SELECT event_id FROM cases WHERE id = $1', [linked.caseId])) as Array<{
        event_id: string;
      }>;
      expect(c.event_id).toBe(event.id);

      await app.tap(app.byClass('wb-checkin__case-open', row(app, RECEPTION_ENTERPRISE)));
      expectRoute(app, 'packages/workbench/pages/case/index');
      expect(app.has(shown)).toBe(true);
      app.assertClean();
    },
  );

  weappTest(
    'the admin creates a 轻骑兵 event with the pickers and the dictionaries, publishes it, and cannot cut its seats below the sign-ups',
    () => j,
    async () => {
      const title = '小程序测试：“轻骑兵”走进九华经开区';
      const district = (await j.t.http.get('/api/v1/dictionaries/districts')).body.items[0].value as string;
      const day = shanghaiDay(10);
      const app = await j.launch();
      await signInStaff(app, 'admin', DEMO_PASSWORD);
      await app.tap(app.byText('活动管理', { within: app.byClass('wb-queue__links') }));
      expectRoute(app, 'packages/workbench/pages/events/index');
      await app.tap(app.byClass('wb-events__new'));
      expectRoute(app, 'packages/workbench/pages/event-edit/index');
      await app.trigger(app.byClass('wb-event-edit__kind-picker'), 'change', { value: '2' });
      expect(app.text(app.byClass('wb-event-edit__kind'))).toContain('政策宣讲（轻骑兵）');
      expect(app.has('出席领导及部门')).toBe(true);
      await app.input(app.byClass('wb-event-edit__title'), title);
      await app.input(app.byClass('wb-event-edit__speakers'), '市营商中心、市工信局');
      await app.trigger(app.byClass('wb-event-edit__startsAt-day'), 'change', { value: day });
      await app.trigger(app.byClass('wb-event-edit__startsAt-time'), 'change', { value: '09:30' });
      await app.trigger(app.byClass('wb-event-edit__endsAt-day'), 'change', { value: day });
      await app.trigger(app.byClass('wb-event-edit__endsAt-time'), 'change', { value: '11:30' });
      await app.trigger(app.byClass('wb-event-edit__signupDeadline-day'), 'change', { value: day });
      await app.trigger(app.byClass('wb-event-edit__signupDeadline-time'), 'change', { value: '08:00' });
      await app.input(app.byClass('wb-event-edit__capacity'), '30');
      await app.input(app.byClass('wb-event-edit__place'), '九华经开区企业服务中心');
      await app.input(app.byClass('wb-event-edit__latitude'), '27.9');
      await app.input(app.byClass('wb-event-edit__longitude'), '112.85');
      await app.tap(app.byText('选择', { within: app.byClass('wb-event-edit__districts') }));
      await app.tap(app.byText(district, { within: app.byClass('wb-event-edit__districts') }));
      await app.tap(app.byClass('wb-event-edit__material-add'));
      await app.input(app.byClass('wb-event-edit__material-name'), '宣讲提纲');
      await app.input(app.byClass('wb-event-edit__material-url'), 'https://example.com/outline.pdf');
      await app.tap(app.byClass('wb-event-edit__save'));
      await app.waitFor(() => !app.has('有未保存的修改'), { what: 'the save' });

      const admin = await demoStaff(j.t, 'admin');
      const drafts = (await j.t.http.get('/api/v1/admin/events?status=draft').set(admin.auth)).body
        .items as AdminEventItem[];
      const draft = drafts.find((e) => e.title === title)!;
      const saved = (await j.t.http.get(`/api/v1/admin/events/${draft.id}`).set(admin.auth)).body as EventDetail;
      expect(saved).toMatchObject({
        kind: 'policy_tour',
        status: 'draft',
        capacity: 30,
        latitude: 27.9,
        longitude: 112.85,
        audienceDistricts: [district],
        materials: [{ name: '宣讲提纲', url: 'https://example.com/outline.pdf' }],
        startsAt: new Date(`${day}T09:30:00+08:00`).toISOString(),
        endsAt: new Date(`${day}T11:30:00+08:00`).toISOString(),
        signupDeadline: new Date(`${day}T08:00:00+08:00`).toISOString(),
      });

      await app.tap(app.byClass('wb-event-edit__publish'));
      await app.tap(app.byClass('wb-event-edit__publish-confirm'));
      expect(app.text(app.byClass('event-status', app.byClass('wb-event-edit__top')))).toBe('已发布');
      const listed = (await j.t.http.get('/api/v1/events?when=upcoming&limit=50')).body.items as EventCard[];
      expect(listed.find((e) => e.title === title)).toMatchObject({ id: draft.id, status: 'published' });

      // Two sign-ups; then a capacity of 1 is refused at the field, in the server's words.
      for (const name of ['ev-weapp-cap-a', 'ev-weapp-cap-b']) {
        const owner = await boundOwner(j.t, name, `湘潭名额测试${name.slice(-1)}有限公司`);
        await signUp(j.t, owner, draft.id);
      }
      await app.input(app.byClass('wb-event-edit__capacity'), '1');
      await app.tap(app.byClass('wb-event-edit__save'));
      const message = '已有 2 人报名成功，名额不能少于 2 人；如需减少名额，请先与报名企业沟通取消报名';
      await app.waitFor(() => app.has(message), { what: 'the refusal' });
      const field = app.allByClass('qs-field').find((n) => app.allByClass('wb-event-edit__capacity', n).length)!;
      expect(app.text(app.byClass('qs-field__error', field)).trim()).toBe(message);
      const after = (await j.t.http.get(`/api/v1/admin/events/${draft.id}`).set(admin.auth)).body as EventDetail;
      expect(after.capacity).toBe(30);
      app.assertClean();
    },
  );
});
