import type { CaseHistoryEntry, WorkingCalendar } from '@qsgj/shared/rules';
import { fromStoredClock, ledgerColumns } from '../src/modules/cases/case-record';
import ExcelJS from 'exceljs';
import type { LedgerResponse, LedgerRow, PublicStatsResponse } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { createDepartment, makeCreditCode, type SignedIn, signInWechat, staffSession } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

/**
 * 工作台账 and the public figures (docs/cases.md "Ledger"). A small set of cases is written directly with known
 * states, instants, clocks and ratings (all in September 2026, so "now" is after every deadline), and every count
 * and rate is asserted exactly.
 */

const LEDGER = '/api/v1/stats/ledger';
const WEEK = { from: '2026-09-07', to: '2026-09-13' };

/** A Shanghai wall-clock instant. */
const sh = (local: string) => new Date(`${local}+08:00`);

interface CaseSpec {
  dept: string;
  butler?: string | null;
  type: string;
  source: string;
  state: string;
  created: string;
  accepted?: string;
  resolved?: string;
  /** Accept clock: started at `created`, limit 1, stopped at `acceptStop` (accept or reject). */
  acceptStop?: string;
  /** Resolve clock: started at `created` with this limit, stopped at `resolveStop` (null: running). */
  resolveLimit?: number;
  resolveStop?: string | null;
  acceptDueAt?: string;
  resolveDueAt?: string;
  rating?: { level: number; voided?: boolean };
}

describe('stats: 工作台账 and public figures', () => {
  let t: TestApp;
  let deptA: string;
  let deptB: string;
  let supervisorA: SignedIn;
  let butlerA: SignedIn;
  let butlerB: SignedIn;
  let admin: SignedIn;
  let enterprise: SignedIn;
  const ENTERPRISE_NAME = '星河精密制造有限公司';
  let n = 0;

  async function insertCase(enterpriseId: string, c: CaseSpec): Promise<string> {
    n += 1;
    const clock = (limit: number, stop: string | null | undefined) => ({
      startedAt: sh(c.created).toISOString(),
      limitDays: limit,
      extensionDays: 0,
      pauses: [],
      stoppedAt: stop ? sh(stop).toISOString() : null,
    });
    const [{ id }] = await t.ds.query(
      `INSERT INTO cases (number, type, source, state, content, enterprise_id, department_id, butler_id,
        resolve_limit_days, accept_clock, resolve_clock, accept_due_at, resolve_due_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, '内容', $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
      [
        `QS20260900-${String(n).padStart(4, '0')}`,
        c.type,
        c.source,
        c.state,
        enterpriseId,
        c.dept,
        c.butler ?? null,
        c.resolveLimit ?? 3,
        JSON.stringify(clock(1, c.acceptStop)),
        c.resolveLimit ? JSON.stringify(clock(c.resolveLimit, c.resolveStop)) : null,
        c.acceptDueAt ? sh(c.acceptDueAt) : null,
        c.resolveDueAt ? sh(c.resolveDueAt) : null,
        sh(c.created),
      ],
    );
    let seq = 0;
    for (const [action, at, to] of [
      ['accept', c.accepted, 'accepted'],
      ['resolve', c.resolved, 'resolved'],
    ] as const) {
      if (!at) continue;
      seq += 1;
      await t.ds.query(
        `INSERT INTO case_events (case_id, seq, actor_kind, action, to_state, at) VALUES ($1, $2, 'butler', $3, $4, $5)`,
        [id, seq, action, to, sh(at)],
      );
    }
    // The ledger's facts, as every change writes them (`recordColumns` → `ledgerColumns`).
    const calendar = (await t.ds.query(
      `SELECT year, holidays, workdays FROM working_calendar ORDER BY year`,
    )) as WorkingCalendar;
    const facts = ledgerColumns(
      {
        acceptClock: fromStoredClock(clock(1, c.acceptStop)),
        resolveClock: c.resolveLimit ? fromStoredClock(clock(c.resolveLimit, c.resolveStop)) : null,
        history: [
          ...(c.accepted
            ? [
                {
                  seq: 1,
                  at: sh(c.accepted),
                  action: 'accept',
                  actor: 'butler',
                  actorId: null,
                  from: null,
                  to: 'accepted',
                  payload: {},
                },
              ]
            : []),
          ...(c.resolved
            ? [
                {
                  seq: 2,
                  at: sh(c.resolved),
                  action: 'resolve',
                  actor: 'butler',
                  actorId: null,
                  from: null,
                  to: 'resolved',
                  payload: {},
                },
              ]
            : []),
        ] as CaseHistoryEntry[],
      },
      calendar,
    );
    await t.ds.query(
      `UPDATE cases SET accepted_at = $2, resolved_at = $3, accept_on_time = $4, resolve_late = $5 WHERE id = $1`,
      [id, facts.acceptedAt, facts.resolvedAt, facts.acceptOnTime, facts.resolveLate],
    );
    if (c.rating) {
      await t.ds.query(
        `INSERT INTO case_ratings (case_id, level, butler_id, department_id, voided) VALUES ($1, $2, $3, $4, $5)`,
        [id, c.rating.level, c.butler ?? null, c.dept, c.rating.voided ?? false],
      );
    }
    return id as string;
  }

  beforeAll(async () => {
    t = await startTestApp();
    deptA = (await createDepartment(t.ds, '甲区营商办')).id;
    // A department name a spreadsheet would run as a formula: the exports must neutralise it.
    deptB = (await createDepartment(t.ds, '=SUM(1+1)乙区')).id;
    supervisorA = await staffSession(t, Role.SUPERVISOR, deptA);
    butlerA = await staffSession(t, Role.BUTLER, deptA);
    butlerB = await staffSession(t, Role.BUTLER, deptB);
    admin = await staffSession(t, Role.ADMIN);
    enterprise = await signInWechat(t);
    await t.ds.query(`UPDATE users SET name = '管家甲', phone = '13900001111' WHERE id = $1`, [butlerA.user.id]);
    await t.ds.query(`UPDATE users SET name = '@管家乙' WHERE id = $1`, [butlerB.user.id]);
    const [{ id: ent }] = await t.ds.query(
      `INSERT INTO enterprises (credit_code, name, contact_phone) VALUES ($1, $2, '13800002222') RETURNING id`,
      [makeCreditCode(), ENTERPRISE_NAME],
    );
    const a = butlerA.user.id;
    // 1: accepted and resolved on time, closed, rated 5.
    await insertCase(ent, {
      dept: deptA,
      butler: a,
      type: 'consult',
      source: 'miniapp',
      state: 'closed',
      created: '2026-09-07T10:00:00',
      accepted: '2026-09-07T15:00:00',
      acceptStop: '2026-09-07T15:00:00',
      resolveLimit: 3,
      resolveStop: '2026-09-09T10:00:00',
      resolved: '2026-09-09T10:00:00',
      rating: { level: 5 },
    });
    // 2: accepted late (due 8 Sep), resolved late (limit 5: due 14 Sep; resolved 16 Sep), rated 2.
    await insertCase(ent, {
      dept: deptA,
      butler: a,
      type: 'complaint',
      source: 'hotline_12345',
      state: 'resolved',
      created: '2026-09-07T11:00:00',
      accepted: '2026-09-09T09:00:00',
      acceptStop: '2026-09-09T09:00:00',
      resolveLimit: 5,
      resolveStop: '2026-09-16T10:00:00',
      resolved: '2026-09-16T10:00:00',
      rating: { level: 2 },
    });
    // 3: on time, closed, rated 4 but the rating was voided on appeal: neither satisfied nor rated.
    await insertCase(ent, {
      dept: deptA,
      butler: a,
      type: 'complaint',
      source: 'miniapp',
      state: 'closed',
      created: '2026-09-08T09:00:00',
      accepted: '2026-09-08T10:00:00',
      acceptStop: '2026-09-08T10:00:00',
      resolveLimit: 5,
      resolveStop: '2026-09-10T09:00:00',
      resolved: '2026-09-10T09:00:00',
      rating: { level: 4, voided: true },
    });
    // 4: rejected, no butler.
    await insertCase(ent, {
      dept: deptA,
      butler: null,
      type: 'consult',
      source: 'miniapp',
      state: 'rejected',
      created: '2026-09-10T09:00:00',
      acceptStop: '2026-09-10T11:00:00',
    });
    // 5: accepted on time, still being handled, resolve deadline (18 Sep) passed: overdue now.
    await insertCase(ent, {
      dept: deptA,
      butler: a,
      type: 'appeal',
      source: 'reception_day',
      state: 'accepted',
      created: '2026-09-11T09:00:00',
      accepted: '2026-09-11T10:00:00',
      acceptStop: '2026-09-11T10:00:00',
      resolveLimit: 5,
      resolveStop: null,
      resolveDueAt: '2026-09-18T23:59:59.999',
    });
    // 6: received Friday, accepted Monday (due that Monday: on time, 1 working day), long-term.
    await insertCase(ent, {
      dept: deptA,
      butler: a,
      type: 'consult',
      source: 'miniapp',
      state: 'long_term',
      created: '2026-09-11T16:00:00',
      accepted: '2026-09-14T09:00:00',
      acceptStop: '2026-09-14T09:00:00',
      resolveLimit: 3,
      resolveStop: '2026-09-15T09:00:00',
    });
    // 7: received at the very end of `to` (Sunday 23:59:59 +08:00): counts. Rated 3 (基本满意: satisfied).
    await insertCase(ent, {
      dept: deptA,
      butler: a,
      type: 'consult',
      source: 'miniapp',
      state: 'closed',
      created: '2026-09-13T23:59:59',
      accepted: '2026-09-14T10:00:00',
      acceptStop: '2026-09-14T10:00:00',
      resolveLimit: 3,
      resolveStop: '2026-09-15T10:00:00',
      resolved: '2026-09-15T10:00:00',
      rating: { level: 3 },
    });
    // 8: received at 00:00 of the next day: not in the week; accept deadline passed.
    await insertCase(ent, {
      dept: deptA,
      butler: a,
      type: 'consult',
      source: 'miniapp',
      state: 'submitted',
      created: '2026-09-14T00:00:00',
      acceptDueAt: '2026-09-15T23:59:59.999',
    });
    // 9: department B, never accepted, overdue.
    await insertCase(ent, {
      dept: deptB,
      butler: butlerB.user.id,
      type: 'consult',
      source: 'miniapp',
      state: 'submitted',
      created: '2026-09-08T12:00:00',
      acceptDueAt: '2026-09-09T23:59:59.999',
    });
    // 10: the last instant before `from`: not in the week.
    await insertCase(ent, {
      dept: deptA,
      butler: a,
      type: 'consult',
      source: 'miniapp',
      state: 'rejected',
      created: '2026-09-06T23:59:59.999',
      acceptStop: '2026-09-07T09:00:00',
    });
    // 11: held by the content check: counted nowhere.
    await insertCase(ent, {
      dept: deptA,
      butler: a,
      type: 'consult',
      source: 'miniapp',
      state: 'pending_check',
      created: '2026-09-09T09:00:00',
    });
  }, 90_000);

  afterAll(() => t.close());

  const get = (who: SignedIn, query: Record<string, string>, path = LEDGER) =>
    t.http.get(path).query(query).set(who.auth);
  const row = (rows: LedgerRow[], key: string | null) => rows.find((r) => r.key === key)!;

  it('a supervisor: every count and rate of their department, exactly (boundaries of from and to included)', async () => {
    const res = await get(supervisorA, WEEK).expect(200);
    const body = res.body as LedgerResponse;
    expect(body.total).toEqual({
      received: 7,
      accepted: 6,
      resolved: 4,
      closed: 3,
      rejected: 1,
      longTerm: 1,
      overdue: 2,
      overdueOpen: 1,
      resolvedLate: 1,
      acceptedOnTime: 5,
      rated: 3,
      satisfied: 2,
      // accept: 0, 2, 0, 0, 1, 1 working days; resolve: 2, 7, 2, 2.
      avgAcceptDays: 0.67,
      avgResolveDays: 3.25,
      responseRate: 0.8333, // 5 on time / 6 accepted
      resolutionRate: 0.6667, // 4 resolved or closed / (7 received − 1 rejected)
      satisfactionRate: 0.6667, // levels 5 and 3 / 3 valid ratings (the voided 4 excluded)
    });
    expect(body.byDepartment.map((r) => [r.label, r.received])).toEqual([['甲区营商办', 7]]);
    expect(body.byButler.map((r) => [r.label, r.received])).toEqual([
      ['管家甲', 6],
      ['未指派管家', 1],
    ]);
    expect(row(body.byButler, butlerA.user.id)).toMatchObject({ rejected: 0, rated: 3, satisfied: 2 });
    expect(row(body.byType, 'consult')).toMatchObject({ label: '咨询', received: 4, rejected: 1, longTerm: 1 });
    expect(row(body.byType, 'complaint')).toMatchObject({ label: '投诉', received: 2, resolvedLate: 1, rated: 1 });
    expect(row(body.byType, 'appeal')).toMatchObject({ received: 1, overdueOpen: 1, resolutionRate: 0 });
    expect(row(body.bySource, 'hotline_12345')).toMatchObject({ label: '12345热线', received: 1, satisfactionRate: 0 });
    expect(row(body.bySource, 'reception_day')).toMatchObject({ received: 1, satisfactionRate: null });
    expect(body.byWeek.map((r) => [r.key, r.received])).toEqual([['2026-09-07', 7]]);
  });

  it('the day after `to` starts at 00:00 +08:00: widening to Monday adds case 8 in a new week', async () => {
    const body = (await get(supervisorA, { from: '2026-09-07', to: '2026-09-14' }).expect(200)).body as LedgerResponse;
    expect(body.total.received).toBe(8);
    expect(body.total.overdueOpen).toBe(2);
    expect(body.byWeek.map((r) => [r.key, r.received])).toEqual([
      ['2026-09-07', 7],
      ['2026-09-14', 1],
    ]);
    const before = (await get(supervisorA, { from: '2026-09-06', to: '2026-09-06' }).expect(200))
      .body as LedgerResponse;
    expect(before.total).toMatchObject({ received: 1, rejected: 1, resolutionRate: null });
  });

  it('admins see every department; filters narrow', async () => {
    const body = (await get(admin, WEEK).expect(200)).body as LedgerResponse;
    expect(body.total).toMatchObject({ received: 8, accepted: 6, overdue: 3, overdueOpen: 2, resolutionRate: 0.5714 });
    expect(body.byDepartment.map((r) => [r.key, r.received])).toEqual(
      expect.arrayContaining([
        [deptA, 7],
        [deptB, 1],
      ]),
    );
    const onlyB = (await get(admin, { ...WEEK, department: deptB }).expect(200)).body as LedgerResponse;
    expect(onlyB.total.received).toBe(1);
    const complaints = (await get(admin, { ...WEEK, type: 'complaint' }).expect(200)).body as LedgerResponse;
    expect(complaints.total).toMatchObject({ received: 2, resolved: 2, rated: 1, satisfied: 0 });
    const hotline = (await get(admin, { ...WEEK, source: 'hotline_12345', butler: butlerA.user.id }).expect(200))
      .body as LedgerResponse;
    expect(hotline.total.received).toBe(1);
  });

  it('a butler of another department sees only their department; a filter cannot widen it', async () => {
    const body = (await get(butlerB, WEEK).expect(200)).body as LedgerResponse;
    expect(body.total).toMatchObject({ received: 1, overdueOpen: 1 });
    expect(body.byDepartment.map((r) => r.key)).toEqual([deptB]);
    const widened = (await get(butlerB, { ...WEEK, department: deptA }).expect(200)).body as LedgerResponse;
    expect(widened.total.received).toBe(0);
    expect(widened.byDepartment).toEqual([]);
    const own = (await get(butlerA, WEEK).expect(200)).body as LedgerResponse;
    expect(own.total.received).toBe(7);
  });

  it.each([LEDGER, `${LEDGER}.xlsx`, `${LEDGER}.csv`])('%s: enterprise 403, signed out 401', async (path) => {
    await get(enterprise, WEEK, path).expect(403);
    const res = await t.http.get(path).query(WEEK).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401 });
  });

  it.each([
    [{ from: '2026-02-30', to: '2026-03-01' }, 'from', '开始日期不是有效的日期'],
    [{ from: '2026-09-07T00:00:00Z', to: '2026-09-13' }, 'from', '开始日期格式错误（YYYY-MM-DD）'],
    [{ from: '2026-09-07' }, 'to', '结束日期不是有效的日期'],
    // A year the working-day rules cannot count was a 500 (the fuzzer found 0001-01-01).
    [{ from: '1970-01-01', to: '0001-01-01' }, 'to', '结束日期不是有效的日期'],
    [{ from: '2026-09-08', to: '2026-09-07' }, 'to', '结束日期不能早于开始日期'],
    [{ from: '2025-12-30', to: '2026-12-31' }, 'to', '统计区间不能超过366天'],
    [{ ...WEEK, type: 'praise' }, 'type', '诉求类型无效'],
    [{ ...WEEK, department: 'x' }, 'department', '部门编号格式错误'],
  ])('bad query %j → 400 on %s', async (query, field, message) => {
    const res = await get(admin, query as Record<string, string>).expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.body.details).toEqual(expect.arrayContaining([{ field, message }]));
  });

  it('366 days is the longest period allowed', async () => {
    await get(admin, { from: '2025-12-31', to: '2026-12-31' }).expect(200);
  });

  it('xlsx: opens with exceljs, one sheet per breakdown with Chinese headers; the export is audited', async () => {
    const res = await get(supervisorA, WEEK, `${LEDGER}.xlsx`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="ledger-2026-09-07-2026-09-13.xlsx"; filename*=UTF-8''${encodeURIComponent('工作台账_2026-09-07_2026-09-13.xlsx')}`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(['合计', '按部门', '按管家', '按类型', '按来源', '按周']);
    const total = book.getWorksheet('合计')!;
    expect(total.getRow(2).getCell(2).value).toBe('受理量');
    expect(total.getRow(3).getCell(2).value).toBe(7);
    expect(total.getRow(2).getCell(15).value).toBe('满意率');
    expect(total.getRow(3).getCell(15).value).toBe('66.67%');
    expect(book.getWorksheet('按部门')!.getRow(3).getCell(1).value).toBe('甲区营商办');
    const [audit] = await t.ds.query(
      `SELECT details FROM audit_log WHERE action = 'stats.ledger_exported' AND actor_id = $1`,
      [supervisorA.user.id],
    );
    expect(audit.details).toMatchObject({ format: 'xlsx', from: '2026-09-07', to: '2026-09-13', received: 7 });
  });

  it("csv: UTF-8 with BOM, formula-like cells prefixed with ', attachment name in UTF-8", async () => {
    const res = await get(admin, WEEK, `${LEDGER}.csv`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('工作台账_')}`);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines).toContain(`'=SUM(1+1)乙区,1,0,0,0,0,0,1,1,0,,,,0.00%,,0,0`);
    expect(lines).toContain(`'@管家乙,1,0,0,0,0,0,1,1,0,,,,0.00%,,0,0`);
    expect(lines.some((l) => l.startsWith('=') || l.startsWith('@'))).toBe(false);
    expect(lines).toContain(
      '范围,受理量,已受理,已办结,已完结,不予受理,长期推进,超期,在办超期,超期办结,平均受理用时（工作日）,平均办结用时（工作日）,响应率,解决率,满意率,有效评价数,满意数',
    );
    const [{ count }] = await t.ds.query(
      `SELECT count(*)::int AS count FROM audit_log WHERE action = 'stats.ledger_exported' AND actor_id = $1`,
      [admin.user.id],
    );
    expect(count).toBe(1);
  });

  it('public figures: city and departments, counts only, no personal data, signed out', async () => {
    const res = await t.http.get('/api/v1/stats/public').expect(200);
    const body = res.body as PublicStatsResponse;
    // A: cases 1–8 and 10 (11 is held by the content check); B: case 9.
    expect(body.city).toEqual({
      received: 10,
      resolved: 4,
      longTerm: 1,
      rated: 3,
      satisfied: 2,
      satisfactionRate: 0.6667,
    });
    expect(body.departments).toEqual(
      expect.arrayContaining([
        { name: '甲区营商办', received: 9, resolved: 4, longTerm: 1, rated: 3, satisfied: 2, satisfactionRate: 0.6667 },
        {
          name: '=SUM(1+1)乙区',
          received: 1,
          resolved: 0,
          longTerm: 0,
          rated: 0,
          satisfied: 0,
          satisfactionRate: null,
        },
      ]),
    );
    const json = JSON.stringify(body);
    for (const secret of [ENTERPRISE_NAME, '管家甲', '管家乙', '1390000', '1380000', butlerA.user.id, deptA]) {
      expect(json).not.toContain(secret);
    }
  });
});
