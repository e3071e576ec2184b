import type { TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import type { CaseDetail } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { readClock, type WorkingCalendar } from '@qsgj/shared/rules';
import type { Actor } from '../../src/common/auth/actor';
import { RedisModule } from '../../src/common/redis/redis.module';
import { AuditModule } from '../../src/modules/audit/audit.module';
import type { StoredClock } from '../../src/modules/cases/case.entity';
import { CaseCalendarService } from '../../src/modules/cases/case-calendar.service';
import { fromStoredClock } from '../../src/modules/cases/case-record';
import { CaseTime } from '../../src/modules/cases/case-time';
import { CaseTransitionsService } from '../../src/modules/cases/case-transitions.service';
import { CasesModule } from '../../src/modules/cases/cases.module';
import { CasesService } from '../../src/modules/cases/cases.service';
import { WechatClient } from '../../src/modules/wechat/wechat.client';
import { WechatModule } from '../../src/modules/wechat/wechat.module';
import { makeCreditCode } from '../utils/factories';
import { newEnterpriseUser } from './factories';
import { type MediumDatabase, mediumDatabase, mediumModule, onPostgres, SETUP_TIMEOUT_MS } from './medium';

const META = { ip: null, requestId: 'cases-medium' };

interface CaseRow {
  number: string;
  state: string;
  accept_due_at: Date | null;
  resolve_due_at: Date | null;
  resolve_warn_at: Date | null;
  accept_clock: StoredClock | null;
  resolve_clock: StoredClock | null;
}

/**
 * The case engine on a real database at chosen moments (CaseTime stands in for the clock): the deadlines the
 * server stores are `readClock`'s across National Day 2026, pause and resume included; the per-day numbers
 * under concurrency (PostgreSQL).
 */
describe('cases (medium)', () => {
  let db: MediumDatabase;
  let ds: DataSource;
  let module: TestingModule;
  let cases: CasesService;
  let transitions: CaseTransitionsService;
  let calendar: WorkingCalendar;
  let now = new Date();
  let enterpriseUser: Actor;
  let butler: Actor;

  const row = async (id: string): Promise<CaseRow> =>
    ((await ds.query(`SELECT * FROM cases WHERE id = $1`, [id])) as CaseRow[])[0];
  const at = (iso: string) => (now = new Date(iso));

  beforeAll(async () => {
    db = await mediumDatabase();
    ds = db.ds;
    module = await mediumModule(db, {
      imports: [CasesModule, AuditModule, WechatModule, RedisModule],
      fake: [
        // WeChat's content check (msg_sec_check) passes every text here: cases go straight to the department.
        { provide: WechatClient, useValue: { msgSecCheck: () => Promise.resolve({ suggest: 'pass' }) } },
        { provide: CaseTime, useValue: { now: () => now } },
      ],
    });
    cases = module.get(CasesService);
    transitions = module.get(CaseTransitionsService);
    calendar = await module.get(CaseCalendarService).calendar();

    const [department] = (await ds.query(`INSERT INTO departments (name) VALUES ('测试部门') RETURNING id`)) as Array<{
      id: string;
    }>;
    const [staff] = (await ds.query(
      `INSERT INTO users (role, username, name, password_hash, department_id) VALUES ('butler', 'mediumbutler', '管家', 'x', $1) RETURNING id`,
      [department.id],
    )) as Array<{ id: string }>;
    butler = { id: staff.id, role: Role.BUTLER, sessionId: 's', departmentId: department.id };
    const userId = await newEnterpriseUser(ds);
    const [enterprise] = (await ds.query(
      `INSERT INTO enterprises (credit_code, name, butler_id) VALUES ($1, '湘潭期限测试有限公司', $2) RETURNING id`,
      [makeCreditCode(), staff.id],
    )) as Array<{ id: string }>;
    await ds.query(
      `INSERT INTO enterprise_members (enterprise_id, user_id, role, status) VALUES ($1, $2, 'owner', 'approved')`,
      [enterprise.id, userId],
    );
    enterpriseUser = { id: userId, role: Role.ENTERPRISE, sessionId: 's', departmentId: null };
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await module?.close();
    await db?.close();
  });

  it('stores readClock’s deadlines across National Day: submitted 30 Sep → accept by 8 Oct, a consultation by Sat 10 Oct (调休)', async () => {
    at('2026-09-30T10:00:00+08:00');
    const c = (await cases.submit(
      enterpriseUser,
      { type: 'consult', content: '国庆前提交的咨询' },
      META,
    )) as CaseDetail;
    expect(c.number).toBe('QS20260930-0001');
    const r = await row(c.id);
    expect(r.accept_due_at?.toISOString()).toBe(new Date('2026-10-08T23:59:59.999+08:00').toISOString());
    expect(r.resolve_due_at?.toISOString()).toBe(new Date('2026-10-10T23:59:59.999+08:00').toISOString());
    // The same as readClock on the stored facts with the stored calendar.
    const reading = readClock(fromStoredClock(r.resolve_clock)!, calendar, now);
    expect(r.resolve_due_at?.getTime()).toBe(reading.dueAt.getTime());
    expect(r.resolve_warn_at?.getTime()).toBe(reading.warnAt.getTime());
    expect(c.expectedBy).toBe(reading.dueAt.toISOString());
  });

  it('pauses the resolve clock while the enterprise supplies material, and moves the deadline by the paused working days', async () => {
    at('2026-09-30T10:00:00+08:00');
    const c = (await cases.submit(enterpriseUser, { type: 'complaint', content: '国庆前的投诉' }, META)) as CaseDetail;
    const before = (await row(c.id)).resolve_due_at!;
    expect(before.toISOString()).toBe(new Date('2026-10-13T23:59:59.999+08:00').toISOString());

    at('2026-10-08T09:00:00+08:00');
    await transitions.transition(butler, c.id, { action: 'accept', category: 'approval' }, META);
    expect((await row(c.id)).accept_due_at).toBeNull();
    at('2026-10-09T09:00:00+08:00');
    await transitions.transition(butler, c.id, { action: 'request_info', reason: '请补充合同' }, META);
    const paused = await row(c.id);
    expect(paused).toMatchObject({ state: 'awaiting_enterprise', resolve_due_at: null, resolve_warn_at: null });

    // Answered on Tuesday 13 Oct: the working days in (9 Oct, 13 Oct] are Sat 10 (调休), Mon 12, Tue 13 → +3.
    at('2026-10-13T15:00:00+08:00');
    await transitions.transition(enterpriseUser, c.id, { action: 'supplement', reason: '已补充' }, META);
    const after = await row(c.id);
    expect(after.state).toBe('accepted');
    expect(after.resolve_due_at?.toISOString()).toBe(new Date('2026-10-16T23:59:59.999+08:00').toISOString());
    expect(after.resolve_due_at!.getTime()).toBe(
      readClock(fromStoredClock(after.resolve_clock)!, calendar, now).dueAt.getTime(),
    );
    expect(after.resolve_clock?.pauses).toEqual([
      {
        from: new Date('2026-10-09T09:00:00+08:00').toISOString(),
        to: new Date('2026-10-13T15:00:00+08:00').toISOString(),
      },
    ]);
  });

  it('refuses an extension once the case is overdue (the stored clock decides, not the client)', async () => {
    at('2026-11-02T10:00:00+08:00');
    const c = (await cases.submit(enterpriseUser, { type: 'consult', content: '将要超期的咨询' }, META)) as CaseDetail;
    await transitions.transition(butler, c.id, { action: 'accept', category: 'x' }, META);
    at('2026-11-20T10:00:00+08:00');
    const lead: Actor = { ...butler, role: Role.SUPERVISOR };
    await expect(
      transitions.transition(lead, c.id, { action: 'extend', extensionDays: 3, reason: '需会商' }, META),
    ).rejects.toMatchObject({ code: 'CASE_ALREADY_OVERDUE' });
  });

  onPostgres(
    'numbers the day’s cases 0001, 0002 … without a gap or a repeat under 12 concurrent submissions',
    async () => {
      at('2026-12-07T09:30:00+08:00');
      const made = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          cases.submit(enterpriseUser, { type: 'consult', content: `并发编号 ${i}` }, META),
        ),
      );
      const numbers = made.map((c) => c.number).sort();
      expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `QS20261207-${String(i + 1).padStart(4, '0')}`));
      const [{ last_number }] = (await ds.query(
        `SELECT last_number FROM case_number_counters WHERE day = '2026-12-07'`,
      )) as Array<{
        last_number: number;
      }>;
      expect(Number(last_number)).toBe(12);
    },
    30_000,
  );
});
