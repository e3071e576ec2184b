import type { TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { RedisModule } from '../../src/common/redis/redis.module';
import { AuditModule } from '../../src/modules/audit/audit.module';
import { EventClock } from '../../src/modules/events/event-clock';
import { REMINDER_BATCH, EventRemindersService } from '../../src/modules/events/event-reminders.service';
import { EventsModule } from '../../src/modules/events/events.module';
import { WechatModule } from '../../src/modules/wechat/wechat.module';
import { makeCreditCode } from '../utils/factories';
import { type MediumDatabase, mediumDatabase, mediumModule, onPostgres, SETUP_TIMEOUT_MS } from './medium';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Event reminders on a real database: each confirmed registrant is told once the day before and once the hour before,
 * more than a batch of them, whoever polls; on PostgreSQL two app instances poll one database at once (the claim in
 * the database decides who sends each).
 */
describe('event reminders (medium)', () => {
  let db: MediumDatabase;
  let ds: DataSource;
  let module: TestingModule;
  let reminders: EventRemindersService;
  let at = new Date();

  const options = () => ({
    imports: [EventsModule, AuditModule, WechatModule, RedisModule],
    fake: [{ provide: EventClock, useValue: { now: () => Promise.resolve(at) } }],
  });

  const q = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await ds.query(sql, params)) as T[];

  /** An event starting at `start` with `n` confirmed registrants and one cancelled; its id and the confirmed users. */
  async function eventWith(n: number, start: Date): Promise<{ id: string; users: string[] }> {
    const [{ id }] = await q<{ id: string }>(
      `INSERT INTO events (kind, title, starts_at, ends_at, signup_deadline, place, capacity, status, confirmed_count, signup_seq)
       VALUES ('lecture', '提醒测试讲座', $1, $1::timestamptz + interval '2 hours', $1::timestamptz - interval '1 day',
         '湘潭市民之家', $2, 'published', $2, $2 + 1) RETURNING id`,
      [start, n],
    );
    const users = await q<{ id: string }>(
      `INSERT INTO users (role, openid) SELECT 'enterprise', 'remind-' || gen_random_uuid() FROM generate_series(1, $1) RETURNING id`,
      [n + 1],
    );
    const codes = users.map(() => makeCreditCode());
    const enterprises = await q<{ id: string }>(
      `INSERT INTO enterprises (credit_code, name) SELECT c, '提醒测试企业' FROM unnest($1::text[]) AS c RETURNING id`,
      [codes],
    );
    await q(
      `INSERT INTO event_registrations (event_id, user_id, enterprise_id, status, seq)
       SELECT $1, u, e, CASE WHEN i = $4 + 1 THEN 'cancelled' ELSE 'confirmed' END, i
       FROM unnest($2::uuid[], $3::uuid[]) WITH ORDINALITY AS x(u, e, i)`,
      [id, users.map((u) => u.id), enterprises.map((e) => e.id), n],
    );
    return { id, users: users.slice(0, n).map((u) => u.id) };
  }

  /** Reminders each user of `users` received about the test event, by kind. */
  async function received(users: string[]): Promise<Map<string, string[]>> {
    const rows = await q<{ user_id: string; body: string }>(
      `SELECT user_id, body FROM notifications WHERE kind = 'lecture' AND user_id = ANY ($1::uuid[]) ORDER BY created_at`,
      [users],
    );
    const by = new Map<string, string[]>();
    for (const r of rows) by.set(r.user_id, [...(by.get(r.user_id) ?? []), r.body.includes('明天') ? 'day' : 'hour']);
    return by;
  }

  beforeAll(async () => {
    db = await mediumDatabase();
    ds = db.ds;
    module = await mediumModule(db, options());
    reminders = module.get(EventRemindersService);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await module?.close();
    await db?.close();
  });

  it('tells every confirmed registrant once the day before and once the hour before, not the cancelled one', async () => {
    const start = new Date(Date.now() + 10 * DAY);
    const n = REMINDER_BATCH + 7;
    const e = await eventWith(n, start);
    at = new Date(start.getTime() - DAY - 1000);
    expect(await reminders.sendDue()).toEqual({ day: 0, hour: 0 });
    at = new Date(start.getTime() - DAY);
    expect(await reminders.sendDue()).toEqual({ day: n, hour: 0 });
    expect(await reminders.sendDue()).toEqual({ day: 0, hour: 0 });
    at = new Date(start.getTime() - HOUR - 1000);
    expect(await reminders.sendDue()).toEqual({ day: 0, hour: 0 });
    at = new Date(start.getTime() - HOUR);
    expect(await reminders.sendDue()).toEqual({ day: 0, hour: n });
    expect(await reminders.sendDue()).toEqual({ day: 0, hour: 0 });
    const by = await received(e.users);
    expect(by.size).toBe(n);
    expect([...by.values()].every((kinds) => kinds.join() === 'day,hour')).toBe(true);
    const [cancelled] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications n JOIN event_registrations r ON r.user_id = n.user_id
       WHERE r.event_id = $1 AND r.status = 'cancelled'`,
      [e.id],
    );
    expect(cancelled.n).toBe(0);
  });

  it('a registration made within the hour gets the hour reminder only', async () => {
    const start = new Date(Date.now() + 20 * DAY);
    const e = await eventWith(2, start);
    at = new Date(start.getTime() - 30 * 60_000);
    expect(await reminders.sendDue()).toEqual({ day: 0, hour: 2 });
    at = new Date(start.getTime() - 10 * 60_000);
    expect(await reminders.sendDue()).toEqual({ day: 0, hour: 0 });
    const by = await received(e.users);
    expect([...by.values()].map((k) => k.join())).toEqual(['hour', 'hour']);
  });

  onPostgres(
    'two app instances polling one database at once: each reminder sent exactly once',
    async () => {
      const start = new Date(Date.now() + 30 * DAY);
      const n = 2 * REMINDER_BATCH + 50;
      const e = await eventWith(n, start);
      const other = await db.connect();
      const second = await mediumModule({ ...db, ds: other }, options());
      try {
        const remindersB = second.get(EventRemindersService);
        at = new Date(start.getTime() - DAY);
        const dayRuns = await Promise.all([
          reminders.sendDue(),
          remindersB.sendDue(),
          reminders.sendDue(),
          remindersB.sendDue(),
        ]);
        expect(dayRuns.reduce((s, r) => s + r.day, 0)).toBe(n);
        at = new Date(start.getTime() - HOUR);
        const hourRuns = await Promise.all([reminders.sendDue(), remindersB.sendDue(), remindersB.sendDue()]);
        expect(hourRuns.reduce((s, r) => s + r.hour, 0)).toBe(n);
      } finally {
        await second.close();
      }
      const by = await received(e.users);
      expect(by.size).toBe(n);
      expect([...by.values()].filter((kinds) => kinds.join() !== 'day,hour')).toEqual([]);
    },
    60_000,
  );
});
