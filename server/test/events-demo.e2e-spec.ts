import 'reflect-metadata';
import type { EventCard, EventDetail, Page } from '@qsgj/shared/contracts';
import { seedDemo } from '../src/database/seeds/demo';
import { DEMO_EVENTS, seedDemoEvents } from '../src/database/seeds/demo-events';
import { startTestApp, type TestApp } from './utils/test-app';

interface Row {
  title: string;
  kind: string;
  capacity: number;
  confirmed_count: number;
  waitlist_count: number;
  updated_at: Date;
}

/**
 * The demo 潭商讲堂 for 湘潭: past events with replays, upcoming ones with few seats left, one full with a waitlist,
 * a 企业接待日; counters equal to the registrations stored; the public list shows them; a second run adds nothing
 * and changes nothing.
 */
describe('demo events (e2e)', () => {
  let t: TestApp;
  const rows = async () =>
    (await t.ds.query(
      `SELECT title, kind, capacity, confirmed_count, waitlist_count, updated_at FROM events WHERE title = ANY($1) ORDER BY title`,
      [DEMO_EVENTS.map((e) => e.title)],
    )) as Row[];

  beforeAll(async () => {
    t = await startTestApp();
    await t.ds.transaction((m) => seedDemo(m, () => Promise.resolve('x')));
  }, 90_000);
  afterAll(() => t?.close());

  it('seeds the demo city’s events, with counters that match their registrations', async () => {
    const seeded = await rows();
    expect(seeded).toHaveLength(DEMO_EVENTS.length);
    expect(new Set(seeded.map((r) => r.kind))).toEqual(
      new Set(['lecture', 'training', 'policy_tour', 'reception_day']),
    );
    const counts = (await t.ds.query(
      `SELECT e.title,
         count(r.*) FILTER (WHERE r.status = 'confirmed')::int AS confirmed,
         count(r.*) FILTER (WHERE r.status = 'waitlisted')::int AS waitlisted
       FROM events e LEFT JOIN event_registrations r ON r.event_id = e.id
       WHERE e.title = ANY($1) GROUP BY e.title ORDER BY e.title`,
      [DEMO_EVENTS.map((e) => e.title)],
    )) as Array<{ title: string; confirmed: number; waitlisted: number }>;
    for (const [i, r] of seeded.entries()) {
      expect([r.title, r.confirmed_count, r.waitlist_count]).toEqual([
        counts[i].title,
        counts[i].confirmed,
        counts[i].waitlisted,
      ]);
      expect(r.confirmed_count).toBeLessThanOrEqual(r.capacity);
    }
    // A full one with a waitlist, one with a seat left, a 接待日 with a topic.
    expect(seeded.some((r) => r.confirmed_count === r.capacity && r.waitlist_count > 0)).toBe(true);
    expect(seeded.some((r) => r.capacity - r.confirmed_count === 1)).toBe(true);
    const [topic] = (await t.ds.query(
      `SELECT r.topic FROM event_registrations r JOIN events e ON e.id = r.event_id WHERE e.kind = 'reception_day'`,
    )) as Array<{ topic: string }>;
    expect(topic.topic).toContain('消防验收');
  });

  it('shows upcoming events soonest first and past ones with their replays', async () => {
    const upcoming = (await t.http.get('/api/v1/events')).body as Page<EventCard>;
    const starts = upcoming.items.map((e) => e.startsAt);
    expect(starts).toEqual([...starts].sort());
    expect(upcoming.items.length).toBeGreaterThanOrEqual(5);
    const past = (await t.http.get('/api/v1/events?when=past')).body as Page<EventCard>;
    expect(past.items.filter((e) => e.hasReplay).length).toBeGreaterThanOrEqual(2);
    const detail = (await t.http.get(`/api/v1/events/${past.items[0].id}`)).body as EventDetail;
    expect(detail.ended).toBe(true);
  });

  it('a second run adds nothing and changes nothing', async () => {
    const before = await rows();
    expect(await t.ds.transaction((m) => seedDemoEvents(m, null))).toBe(0);
    expect(await rows()).toEqual(before);
  });
});
