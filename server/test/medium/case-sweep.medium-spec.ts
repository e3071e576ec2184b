import type { TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import type { CaseDetail } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { type CaseClock, readClock, type WorkingCalendar } from '@qsgj/shared/rules';
import type { Actor } from '../../src/common/auth/actor';
import { RedisModule } from '../../src/common/redis/redis.module';
import { AuditModule } from '../../src/modules/audit/audit.module';
import type { StoredClock } from '../../src/modules/cases/case.entity';
import { CaseCalendarService } from '../../src/modules/cases/case-calendar.service';
import { fromStoredClock, runningDeadlines, toStoredClock } from '../../src/modules/cases/case-record';
import { CaseSweepRepository } from '../../src/modules/cases/case-sweep.repository';
import { CaseSweepClock, CaseSweepService } from '../../src/modules/cases/case-sweep.service';
import { CaseTime } from '../../src/modules/cases/case-time';
import { CaseTransitionsService } from '../../src/modules/cases/case-transitions.service';
import { CasesModule } from '../../src/modules/cases/cases.module';
import { CasesService } from '../../src/modules/cases/cases.service';
import { WechatClient } from '../../src/modules/wechat/wechat.client';
import { WechatModule } from '../../src/modules/wechat/wechat.module';
import { makeCreditCode } from '../utils/factories';
import { newEnterpriseUser } from './factories';
import { type MediumDatabase, mediumDatabase, mediumModule, onPostgres, SETUP_TIMEOUT_MS } from './medium';

const META = { ip: null, requestId: 'case-sweep-medium' };
const MINUTE = 60_000;
const DAY = 86_400_000;

interface Alert {
  clock: string;
  kind: string;
  recipients: number;
}

/**
 * The deadline sweep (docs/cases.md "Sweep") on a real database: the 80 % warning, the overdue escalation and the
 * auto-close at their boundaries (the sweep stood on chosen instants through CaseSweepClock), and — on PostgreSQL —
 * two app instances sweeping one database at once: each alert is sent exactly once.
 */
describe('case sweep (medium)', () => {
  let db: MediumDatabase;
  let ds: DataSource;
  let module: TestingModule;
  let cases: CasesService;
  let transitions: CaseTransitionsService;
  let sweep: CaseSweepService;
  let calendar: WorkingCalendar;
  let now = new Date();
  /** Where the sweep stands; null: the database's now(). */
  let sweepAt: Date | null = null;
  let enterpriseUser: Actor;
  let butler: Actor;
  let admin: Actor;
  let supervisors: string[];
  let otherDepartment: string;
  let otherSupervisor: string;

  const options = (source: DataSource) => ({
    imports: [CasesModule, AuditModule, WechatModule, RedisModule],
    fake: [
      // WeChat's content check (msg_sec_check) passes every text here: cases go straight to the department.
      { provide: WechatClient, useValue: { msgSecCheck: () => Promise.resolve({ suggest: 'pass' }) } },
      { provide: CaseTime, useValue: { now: () => now } },
      {
        provide: CaseSweepClock,
        useValue: { now: () => (sweepAt ? Promise.resolve(sweepAt) : new CaseSweepRepository(source).databaseNow()) },
      },
    ],
  });

  const q = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await ds.query(sql, params)) as T[];
  const alerts = (caseId: string) =>
    q<Alert>(`SELECT clock, kind, recipients FROM case_deadline_alerts WHERE case_id = $1 ORDER BY clock, kind`, [
      caseId,
    ]);
  /** The notices about the case (its number is in every title), by recipient. */
  const noticesAbout = (number: string) =>
    q<{ user_id: string; title: string }>(
      `SELECT user_id, title FROM notifications WHERE title LIKE '%' || $1 ORDER BY created_at, user_id`,
      [number],
    );
  const clockOf = async (id: string, which: 'accept_clock' | 'resolve_clock'): Promise<CaseClock> => {
    const [r] = await q<Record<string, StoredClock>>(`SELECT ${which} FROM cases WHERE id = $1`, [id]);
    return fromStoredClock(r[which])!;
  };

  /** A complaint submitted and accepted at `at` by the department's butler. */
  const acceptedComplaint = async (at: string): Promise<CaseDetail> => {
    now = new Date(at);
    const c = (await cases.submit(
      enterpriseUser,
      { type: 'complaint', content: '厂区道路积水问题' },
      META,
    )) as CaseDetail;
    await transitions.transition(butler, c.id, { action: 'accept', category: 'approval' }, META);
    return c;
  };

  beforeAll(async () => {
    db = await mediumDatabase();
    ds = db.ds;
    module = await mediumModule(db, options(ds));
    cases = module.get(CasesService);
    transitions = module.get(CaseTransitionsService);
    sweep = module.get(CaseSweepService);
    calendar = await module.get(CaseCalendarService).calendar();

    const [department] = await q<{ id: string }>(`INSERT INTO departments (name) VALUES ('督办测试部门') RETURNING id`);
    const [other] = await q<{ id: string }>(`INSERT INTO departments (name) VALUES ('转办测试部门') RETURNING id`);
    otherDepartment = other.id;
    const staff = async (role: string, username: string, departmentId: string) =>
      (
        await q<{ id: string }>(
          `INSERT INTO users (role, username, name, password_hash, department_id) VALUES ($1, $2, '测试', 'x', $3) RETURNING id`,
          [role, username, departmentId],
        )
      )[0].id;
    const butlerId = await staff('butler', 'sweepbutler', department.id);
    supervisors = [
      await staff('supervisor', 'sweepsup1', department.id),
      await staff('supervisor', 'sweepsup2', department.id),
    ].sort();
    otherSupervisor = await staff('supervisor', 'sweepsup3', other.id);
    const [adminRow] = await q<{ id: string }>(
      `INSERT INTO users (role, username, name, password_hash) VALUES ('admin', 'sweepadmin', '管理员', 'x') RETURNING id`,
    );
    admin = { id: adminRow.id, role: Role.ADMIN, sessionId: 's', departmentId: null };
    butler = { id: butlerId, role: Role.BUTLER, sessionId: 's', departmentId: department.id };
    const userId = await newEnterpriseUser(ds);
    const [enterprise] = await q<{ id: string }>(
      `INSERT INTO enterprises (credit_code, name, butler_id) VALUES ($1, '湘潭督办测试有限公司', $2) RETURNING id`,
      [makeCreditCode(), butlerId],
    );
    await q(
      `INSERT INTO enterprise_members (enterprise_id, user_id, role, status) VALUES ($1, $2, 'owner', 'approved')`,
      [enterprise.id, userId],
    );
    enterpriseUser = { id: userId, role: Role.ENTERPRISE, sessionId: 's', departmentId: null };
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await module?.close();
    await db?.close();
  });

  afterEach(() => {
    sweepAt = null;
  });

  it('80 % warning of the resolve clock: not 1 ms before its point, once at it, to the assigned butler', async () => {
    const c = await acceptedComplaint('2026-11-02T10:00:00+08:00');
    const reading = readClock(await clockOf(c.id, 'resolve_clock'), calendar, now);
    // A complaint: 5 working days; warned at 00:00 of the 5th working day after Mon 2 Nov → Mon 9 Nov.
    expect(reading.warnAt.toISOString()).toBe(new Date('2026-11-09T00:00:00+08:00').toISOString());

    sweepAt = new Date(reading.warnAt.getTime() - 1);
    await sweep.sweepOnce();
    expect(await alerts(c.id)).toEqual([]);
    expect((await noticesAbout(c.number)).filter((n) => n.title.includes('即将超期'))).toEqual([]);

    sweepAt = reading.warnAt;
    await sweep.sweepOnce();
    await sweep.sweepOnce();
    expect(await alerts(c.id)).toEqual([{ clock: 'resolve', kind: 'warning', recipients: 1 }]);
    expect((await noticesAbout(c.number)).filter((n) => n.title.includes('即将超期'))).toEqual([
      { user_id: butler.id, title: `诉求即将超期：投诉 ${c.number}` },
    ]);
  });

  it('overdue: not at the due instant, flagged +1 ms and both supervisors told once', async () => {
    const c = await acceptedComplaint('2026-11-03T10:00:00+08:00');
    const reading = readClock(await clockOf(c.id, 'resolve_clock'), calendar, now);
    expect(reading.dueAt.toISOString()).toBe(new Date('2026-11-10T23:59:59.999+08:00').toISOString());

    sweepAt = reading.dueAt;
    await sweep.sweepOnce();
    expect((await alerts(c.id)).filter((a) => a.kind === 'overdue')).toEqual([]);

    sweepAt = new Date(reading.dueAt.getTime() + 1);
    await sweep.sweepOnce();
    await sweep.sweepOnce();
    // At the due instant it was still due soon (warned); past it, escalated once.
    expect(await alerts(c.id)).toEqual([
      { clock: 'resolve', kind: 'overdue', recipients: 2 },
      { clock: 'resolve', kind: 'warning', recipients: 1 },
    ]);
    const told = (await noticesAbout(c.number)).filter((n) => n.title.includes('已超期'));
    expect(told.map((n) => n.user_id).sort()).toEqual(supervisors);
    // The queue's overdue flag: the stored due instant before now.
    const [flag] = await q<{ overdue: boolean }>(`SELECT resolve_due_at < $2 AS overdue FROM cases WHERE id = $1`, [
      c.id,
      sweepAt,
    ]);
    expect(flag.overdue).toBe(true);
  });

  it('a paused clock (补充材料) is neither warned nor escalated', async () => {
    const c = await acceptedComplaint('2026-11-04T10:00:00+08:00');
    now = new Date('2026-11-05T10:00:00+08:00');
    await transitions.transition(butler, c.id, { action: 'request_info', reason: '请补充照片' }, META);
    sweepAt = new Date('2026-12-31T10:00:00+08:00');
    await sweep.sweepOnce();
    expect(await alerts(c.id)).toEqual([]);
  });

  it('accept clock: an unassigned case transferred to another department warns that department’s supervisor at 00:00 of the due day', async () => {
    now = new Date('2026-11-05T15:00:00+08:00');
    const c = (await cases.submit(enterpriseUser, { type: 'consult', content: '转办测试' }, META)) as CaseDetail;
    await transitions.transition(
      admin,
      c.id,
      { action: 'transfer', departmentId: otherDepartment, reason: '职能' },
      META,
    );
    const reading = readClock(await clockOf(c.id, 'accept_clock'), calendar, now);
    expect(reading.warnAt.toISOString()).toBe(new Date('2026-11-06T00:00:00+08:00').toISOString());
    sweepAt = new Date(reading.warnAt.getTime() - 1);
    await sweep.sweepOnce();
    expect(await alerts(c.id)).toEqual([]);
    sweepAt = reading.warnAt;
    await sweep.sweepOnce();
    expect(await alerts(c.id)).toEqual([{ clock: 'accept', kind: 'warning', recipients: 1 }]);
    expect((await noticesAbout(c.number)).filter((n) => n.title.includes('即将超期'))).toEqual([
      { user_id: otherSupervisor, title: `诉求即将超期：咨询 ${c.number}` },
    ]);
  });

  it('auto-close: unrated 7 days − 1 minute after 办结 stays resolved; + 1 minute closes by system, counted as unrated', async () => {
    now = new Date('2026-11-06T09:00:00+08:00');
    const c = (await cases.submit(enterpriseUser, { type: 'consult', content: '自动完结测试' }, META)) as CaseDetail;
    await transitions.transition(butler, c.id, { action: 'accept', category: 'approval' }, META);
    const resolvedAt = new Date('2026-11-06T11:00:00+08:00');
    now = resolvedAt;
    await transitions.transition(butler, c.id, { action: 'resolve' }, META);

    sweepAt = new Date(resolvedAt.getTime() + 7 * DAY - MINUTE);
    await sweep.sweepOnce();
    expect((await q<{ state: string }>(`SELECT state FROM cases WHERE id = $1`, [c.id]))[0].state).toBe('resolved');

    sweepAt = new Date(resolvedAt.getTime() + 7 * DAY + MINUTE);
    expect((await sweep.sweepOnce()).closed).toBe(1);
    expect((await sweep.sweepOnce()).closed).toBe(0);
    expect((await q<{ state: string }>(`SELECT state FROM cases WHERE id = $1`, [c.id]))[0].state).toBe('closed');
    const events = await q<{ seq: number; action: string; actor_kind: string; actor_id: string | null; at: Date }>(
      `SELECT seq, action, actor_kind, actor_id, at, payload FROM case_events WHERE case_id = $1 ORDER BY seq`,
      [c.id],
    );
    expect(events.at(-1)).toMatchObject({
      action: 'close',
      actor_kind: 'system',
      actor_id: null,
      at: sweepAt,
      payload: { reason: '办结后7日内未评价，系统自动完结（计为未评价）' },
    });
    const audit = await q<{ actor_id: string | null; details: Record<string, unknown> }>(
      `SELECT actor_id, details FROM audit_log WHERE action = 'case.transition' AND target_id = $1 ORDER BY id DESC LIMIT 1`,
      [c.id],
    );
    expect(audit[0]).toMatchObject({
      actor_id: null,
      details: { action: 'close', from: 'resolved', to: 'closed', unrated: true },
    });
    expect((await noticesAbout(c.number)).filter((n) => n.user_id === enterpriseUser.id).at(-1)?.title).toBe(
      `诉求关闭：咨询 ${c.number}`,
    );
  });

  onPostgres(
    'two app instances sweeping one database at once (the database’s now()): the warning and the escalation each sent once',
    async () => {
      const [{ now: dbNow }] = await q<{ now: Date }>(`SELECT now() AS now`);
      const warned = await acceptedComplaint(new Date(dbNow.getTime() - 30 * DAY).toISOString());
      const late = await acceptedComplaint(new Date(dbNow.getTime() - 30 * DAY).toISOString());
      // Stand `warned`'s resolve clock so the database's now is past its 80 % point but not its due instant:
      // a start some days back with a 5 + 10 day limit (its warning window always spans at least a whole working day).
      let placed: CaseClock | null = null;
      for (let d = 1; d < 60 && !placed; d++) {
        const clock: CaseClock = {
          startedAt: new Date(dbNow.getTime() - d * DAY),
          limitDays: 5,
          extensionDays: 10,
          pauses: [],
          stoppedAt: null,
        };
        const r = readClock(clock, calendar, dbNow);
        if (r.dueSoon && r.dueAt.getTime() - dbNow.getTime() > 10 * MINUTE && dbNow.getTime() - r.warnAt.getTime() > 0)
          placed = clock;
      }
      expect(placed).not.toBeNull();
      const d = runningDeadlines({ acceptClock: null, resolveClock: placed }, calendar, dbNow);
      await q(`UPDATE cases SET resolve_clock = $2, resolve_due_at = $3, resolve_warn_at = $4 WHERE id = $1`, [
        warned.id,
        JSON.stringify(toStoredClock(placed)),
        d.resolveDueAt,
        d.resolveWarnAt,
      ]);

      const other = await db.connect();
      const second = await mediumModule({ ...db, ds: other }, options(other));
      try {
        const sweepB = second.get(CaseSweepService);
        await Promise.all([sweep.sweepOnce(), sweepB.sweepOnce(), sweep.sweepOnce(), sweepB.sweepOnce()]);
        await Promise.all([sweep.sweepOnce(), sweepB.sweepOnce()]);
      } finally {
        await second.close();
      }
      expect(await alerts(warned.id)).toEqual([{ clock: 'resolve', kind: 'warning', recipients: 1 }]);
      expect(await alerts(late.id)).toEqual([{ clock: 'resolve', kind: 'overdue', recipients: 2 }]);
      expect((await noticesAbout(warned.number)).filter((n) => n.title.includes('超期'))).toEqual([
        { user_id: butler.id, title: `诉求即将超期：投诉 ${warned.number}` },
      ]);
      const lateNotices = (await noticesAbout(late.number)).filter((n) => n.title.includes('超期'));
      expect(lateNotices.map((n) => n.user_id).sort()).toEqual(supervisors);
    },
    60_000,
  );
});
