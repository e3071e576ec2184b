import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import {
  addCalendarDays,
  addWorkingDays,
  type CaseHistoryEntry,
  type CaseRecord,
  calendarDaysBetween,
  readClock,
  shanghaiDay,
  startOfShanghaiDay,
  type WorkingCalendar,
  workingDaysBetween,
} from '@qsgj/shared/rules';
import { type MediumDatabase, mediumDatabase, SETUP_TIMEOUT_MS } from '../../../test/medium/medium';
import { makeCreditCode } from '../../../test/utils/factories';
import type { StoredClock } from '../cases/case.entity';
import { fromStoredClock, recordColumns } from '../cases/case-record';
import {
  caseFacts,
  countFacts,
  type LedgerCounts,
  type LedgerFactRow,
  type LedgerGroup,
  SATISFIED_MIN_LEVEL,
  weekOf,
  workingDayIndex,
} from './ledger';
import { StatsRepository } from './stats.repository';

/**
 * The ledger is counted in SQL (`STATS_SQL.ledgerFigures`); `caseFacts` says the same thing case by case with the
 * shared rules (`readClock`, `workingDaysBetween`). Random cases — received around Spring Festival and National Day
 * 2026 (make-up Saturdays included) and at the end of 2026 (deadlines running into 2027, a year without official
 * data), with transfers (a clock started after receipt), pauses (before the start, after the deadline, still open
 * when the clock stopped, several in a row), extensions, repeated 受理 and 办结, voided ratings — must give every
 * group of every breakdown the same counts both ways. The ledger's facts on the row (first 受理, last 办结, on time)
 * are written by `recordColumns`, as production writes them. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */

const HOUR = 3_600_000;
const NOW = new Date('2026-10-20T12:00:00+08:00');
/** Around Spring Festival (15–23 Feb, make-up days 14 and 28 Feb), National Day (1–8 Oct, 28 Sep and 10 Oct), New Year. */
const ANCHORS = ['2026-02-09T08:00:00+08:00', '2026-09-24T08:00:00+08:00', '2026-12-22T08:00:00+08:00'].map((s) =>
  new Date(s).getTime(),
);
const STATES = [
  'pending_check',
  'submitted',
  'accepted',
  'awaiting_enterprise',
  'long_term',
  'resolved',
  'closed',
  'rejected',
] as const;

const instant = (anchor: number, hours: number) => new Date(anchor + hours * HOUR);

const arbPause = fc.record({
  fromHours: fc.integer({ min: -24, max: 200 }),
  lengthHours: fc.option(fc.integer({ min: 0, max: 200 }), { freq: 5 }),
});

/** A clock; its stop drawn near its deadline (`stopHours`), where on time and late meet. */
const arbClock = (limits: { min: number; max: number }, stopHours: number) =>
  fc.option(
    fc.record({
      startHours: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120 })),
      limitDays: fc.integer(limits),
      extensionDays: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 })),
      pauses: fc.oneof(
        fc.constant<Array<{ fromHours: number; lengthHours: number | null }>>([]),
        fc.array(arbPause, { minLength: 1, maxLength: 3 }),
      ),
      stopHours: fc.option(fc.integer({ min: 0, max: stopHours }), { freq: 6 }),
    }),
    { freq: 8 },
  );

/** Mostly one or two instants (hours after receipt), sometimes none. */
const arbInstants = (maxHours: number) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<number[]>([]) },
    { weight: 4, arbitrary: fc.array(fc.integer({ min: 0, max: maxHours }), { minLength: 1, maxLength: 2 }) },
  );

const arbCase = fc.record({
  anchor: fc.constantFrom(...ANCHORS),
  createdHours: fc.integer({ min: 0, max: 12 * 24 }),
  department: fc.constantFrom(0, 1, null),
  butler: fc.constantFrom(0, 1, null),
  type: fc.constantFrom('consult', 'complaint', 'service', 'appeal'),
  source: fc.constantFrom('miniapp', 'reception_day', 'hotline_12345', 'entrepreneur_group', 'staff'),
  state: fc.constantFrom(...STATES),
  accepts: arbInstants(150),
  resolves: arbInstants(600),
  acceptClock: arbClock({ min: 1, max: 2 }, 150),
  resolveClock: arbClock({ min: 1, max: 10 }, 600),
  acceptDueHours: fc.option(fc.integer({ min: -2000, max: 2000 })),
  resolveDueHours: fc.option(fc.integer({ min: -2000, max: 2000 })),
  rating: fc.option(fc.record({ level: fc.integer({ min: 1, max: 5 }), voided: fc.boolean() })),
});
type CaseSpec = typeof arbCase extends fc.Arbitrary<infer T> ? T : never;

/** A clock as the server stores it: pauses oldest first, each ending before the next begins. */
function storedClock(
  spec: NonNullable<CaseSpec['acceptClock']>,
  created: Date,
): { clock: StoredClock; stoppedAt: Date | null } {
  const startedAt = new Date(created.getTime() + spec.startHours * HOUR);
  const stoppedAt = spec.stopHours === null ? null : new Date(startedAt.getTime() + spec.stopHours * HOUR);
  let previousEnd = startedAt.getTime();
  const pauses: StoredClock['pauses'] = [];
  for (const [i, p] of spec.pauses.entries()) {
    // The first may begin before the clock started (it is then counted from the start); the others follow.
    const from = i === 0 ? startedAt.getTime() + p.fromHours * HOUR : previousEnd + Math.abs(p.fromHours) * HOUR;
    const to = p.lengthHours === null ? null : from + p.lengthHours * HOUR;
    pauses.push({ from: new Date(from).toISOString(), to: to === null ? null : new Date(to).toISOString() });
    if (to === null) break; // an open pause is the last one
    previousEnd = to;
  }
  return {
    clock: {
      startedAt: startedAt.toISOString(),
      limitDays: spec.limitDays,
      extensionDays: spec.extensionDays,
      pauses,
      stoppedAt: stoppedAt?.toISOString() ?? null,
    },
    stoppedAt,
  };
}

interface Fixture {
  departments: string[];
  butlers: string[];
  enterprise: string;
}

describe('the ledger statement counts what caseFacts counts', () => {
  let db: MediumDatabase;
  let ds: DataSource;
  let fixture: Fixture;
  let calendar: WorkingCalendar;
  let repo: StatsRepository;

  beforeAll(async () => {
    db = await mediumDatabase();
    ds = db.ds;
    repo = new StatsRepository(ds);
    const departments: string[] = [];
    for (const name of ['甲区营商办', '乙区营商办']) {
      const [{ id }] = await ds.query(`INSERT INTO departments (name) VALUES ($1) RETURNING id`, [name]);
      departments.push(id as string);
    }
    const butlers: string[] = [];
    for (const [i, name] of ['管家甲', '管家乙'].entries()) {
      const [{ id }] = await ds.query(
        `INSERT INTO users (role, username, name, department_id) VALUES ('butler', $1, $2, $3) RETURNING id`,
        [`ledger-butler-${i}`, name, departments[i]],
      );
      butlers.push(id as string);
    }
    const [{ id: enterprise }] = await ds.query(
      `INSERT INTO enterprises (credit_code, name) VALUES ($1, '星河精密制造有限公司') RETURNING id`,
      [makeCreditCode()],
    );
    fixture = { departments, butlers, enterprise: enterprise as string };
    calendar = (await ds.query(
      `SELECT year, holidays, workdays FROM working_calendar ORDER BY year`,
    )) as WorkingCalendar;
  }, SETUP_TIMEOUT_MS);

  afterAll(() => db?.close());

  /** The row's ledger facts as production writes them: `recordColumns` of the case's record. */
  function ledgerFactsOf(
    c: Pick<CaseSpec, 'type' | 'state'>,
    clocks: { accept: StoredClock | null; resolve: StoredClock | null },
    events: Array<{ action: string; at: Date }>,
  ) {
    const history = events.map((e, i): CaseHistoryEntry => ({
      seq: i + 1,
      at: e.at,
      action: e.action as CaseHistoryEntry['action'],
      actor: 'butler',
      actorId: null,
      from: null,
      to: 'accepted',
      payload: {},
    }));
    const record: CaseRecord = {
      type: c.type as CaseRecord['type'],
      state: c.state as CaseRecord['state'],
      category: null,
      departmentId: null,
      butlerId: null,
      resolveLimitDays: 3,
      acceptClock: fromStoredClock(clocks.accept),
      resolveClock: fromStoredClock(clocks.resolve),
      nextReviewOn: null,
      history,
    };
    const columns = recordColumns(record, calendar, NOW);
    return [columns.acceptedAt, columns.resolvedAt, columns.acceptOnTime, columns.resolveLate];
  }

  /** Writes the cases; returns each as the rules read it. */
  async function insert(specs: CaseSpec[]): Promise<LedgerFactRow[]> {
    await ds.query(`DELETE FROM cases`);
    const rows: LedgerFactRow[] = [];
    for (const [n, c] of specs.entries()) {
      const created = instant(c.anchor, c.createdHours);
      const accept = c.acceptClock && storedClock(c.acceptClock, created);
      const resolve = c.resolveClock && storedClock(c.resolveClock, created);
      const departmentId = c.department === null ? null : fixture.departments[c.department];
      const butlerId = c.butler === null ? null : fixture.butlers[c.butler];
      const acceptDue = c.acceptDueHours === null ? null : new Date(NOW.getTime() + c.acceptDueHours * HOUR);
      const resolveDue = c.resolveDueHours === null ? null : new Date(NOW.getTime() + c.resolveDueHours * HOUR);
      const events = [
        ...c.accepts.map((h) => ({ action: 'accept', at: new Date(created.getTime() + h * HOUR) })),
        ...c.resolves.map((h) => ({ action: 'resolve', at: new Date(created.getTime() + h * HOUR) })),
      ];
      const [{ id }] = await ds.query(
        `INSERT INTO cases (number, type, source, state, content, enterprise_id, department_id, butler_id,
           resolve_limit_days, accept_clock, resolve_clock, accept_due_at, resolve_due_at, created_at, updated_at,
           accepted_at, resolved_at, accept_on_time, resolve_late)
         VALUES ($1, $2, $3, $4, '内容', $5, $6, $7, 3, $8, $9, $10, $11, $12, $12, $13, $14, $15, $16) RETURNING id`,
        [
          `QS20260000-${String(n + 1).padStart(4, '0')}`,
          c.type,
          c.source,
          c.state,
          fixture.enterprise,
          departmentId,
          butlerId,
          accept ? JSON.stringify(accept.clock) : null,
          resolve ? JSON.stringify(resolve.clock) : null,
          acceptDue,
          resolveDue,
          created,
          ...ledgerFactsOf(c, { accept: accept?.clock ?? null, resolve: resolve?.clock ?? null }, events),
        ],
      );
      for (const [seq, e] of events.entries()) {
        await ds.query(
          `INSERT INTO case_events (case_id, seq, actor_kind, action, to_state, at) VALUES ($1, $2, 'butler', $3, 'accepted', $4)`,
          [id, seq + 1, e.action, e.at],
        );
      }
      if (c.rating) {
        await ds.query(`INSERT INTO case_ratings (case_id, level, voided) VALUES ($1, $2, $3)`, [
          id,
          c.rating.level,
          c.rating.voided,
        ]);
      }
      const times = (action: string) => events.filter((e) => e.action === action).map((e) => e.at.getTime());
      rows.push({
        type: c.type,
        source: c.source,
        state: c.state,
        created_at: created,
        department_id: departmentId,
        butler_id: butlerId,
        accept_clock: accept?.clock ?? null,
        resolve_clock: resolve?.clock ?? null,
        accept_due_at: acceptDue,
        resolve_due_at: resolveDue,
        accepted_at: times('accept').length ? new Date(Math.min(...times('accept'))) : null,
        resolved_at: times('resolve').length ? new Date(Math.max(...times('resolve'))) : null,
        rating_level: c.rating && !c.rating.voided ? c.rating.level : null,
      });
    }
    return rows;
  }

  /** Every group of the oracle: breakdown and key → counts. */
  function expected(rows: LedgerFactRow[], from: string, to: string): Map<string, LedgerCounts> {
    const cohort = rows.filter(
      (r) =>
        r.state !== 'pending_check' &&
        r.created_at.getTime() >= startOfShanghaiDay(from).getTime() &&
        r.created_at.getTime() < startOfShanghaiDay(addCalendarDays(to, 1)).getTime(),
    );
    const facts = cohort.map((r) => caseFacts(r, calendar, NOW));
    const out = new Map<string, LedgerCounts>([['total:', countFacts(facts)]]);
    const keys: Array<[LedgerGroup['breakdown'], (r: LedgerFactRow) => string | null]> = [
      ['department', (r) => r.department_id],
      ['butler', (r) => r.butler_id],
      ['type', (r) => r.type],
      ['source', (r) => r.source],
      ['week', (r) => weekOf(r.created_at)],
    ];
    for (const [kind, keyOf] of keys) {
      const groups = new Map<string | null, number[]>();
      cohort.forEach((r, i) => groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), i])); // a few dozen cases
      for (const [key, members] of groups) out.set(`${kind}:${key}`, countFacts(members.map((i) => facts[i])));
    }
    return out;
  }

  async function actual(from: string, to: string): Promise<Map<string, LedgerCounts>> {
    const first = addCalendarDays(from, -2);
    const { groups, lastOffset } = await repo.ledgerGroups(
      {
        from: startOfShanghaiDay(from),
        toExclusive: startOfShanghaiDay(addCalendarDays(to, 1)),
        seesAll: true,
        scopeDepartmentId: null,
        departmentId: null,
        butlerId: null,
        type: null,
        source: null,
      },
      NOW,
      workingDayIndex(first, '2027-12-31', calendar),
      SATISFIED_MIN_LEVEL,
    );
    if (lastOffset !== null) expect(lastOffset).toBeLessThan(calendarDaysBetween(first, '2027-12-31'));
    const out = new Map<string, LedgerCounts>();
    for (const g of groups) {
      const { breakdown, key, name, ...counts } = g;
      expect(typeof name === 'string' || name === null).toBe(true);
      if (breakdown === 'total' && counts.received === 0) continue;
      out.set(`${breakdown}:${breakdown === 'total' ? '' : key}`, counts);
    }
    return out;
  }

  it('every group of every breakdown, on random cases', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbCase, { minLength: 10, maxLength: 30 }),
        fc.constantFrom<[string, string]>(
          ['2026-01-01', '2026-12-31'],
          ['2026-01-01', '2026-12-31'],
          ['2026-02-12', '2026-02-24'],
          ['2026-09-28', '2026-10-09'],
        ),
        async (specs, [from, to]) => {
          const rows = await insert(specs);
          const want = expected(rows, from, to);
          if (want.get('total:')!.received === 0) want.delete('total:');
          expect(Object.fromEntries(await actual(from, to))).toEqual(Object.fromEntries(want));
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  /**
   * One case, its clock stopped on each day of a stretch: SQL and the rules agree on every day, and both on-time
   * and late are seen (the boundary is crossed).
   */
  async function sweep(kind: 'accept' | 'resolve', clockFor: (stoppedAt: string) => StoredClock, firstStop: string) {
    const created = new Date('2026-09-25T10:00:00+08:00');
    const [row] = await insert([
      {
        anchor: created.getTime(),
        createdHours: 0,
        department: 0,
        butler: 0,
        type: 'complaint',
        source: 'miniapp',
        state: 'resolved',
        accepts: [1],
        resolves: [30 * 24],
        acceptClock: null,
        resolveClock: null,
        acceptDueHours: null,
        resolveDueHours: null,
        rating: null,
      },
    ]);
    const seen = new Set<boolean>();
    for (let d = 0; d <= 24; d++) {
      const stoppedAt = new Date(startOfShanghaiDay(addCalendarDays(firstStop, d)).getTime() + 20 * HOUR).toISOString();
      const clock = clockFor(stoppedAt);
      const clocks = { accept: row.accept_clock, resolve: row.resolve_clock, [kind]: clock };
      const events = [
        { action: 'accept', at: row.accepted_at! },
        { action: 'resolve', at: row.resolved_at! },
      ];
      await ds.query(
        `UPDATE cases SET ${kind}_clock = $1, accepted_at = $2, resolved_at = $3, accept_on_time = $4, resolve_late = $5`,
        [JSON.stringify(clock), ...ledgerFactsOf(row as Pick<CaseSpec, 'type' | 'state'>, clocks, events)],
      );
      const facts = caseFacts({ ...row, [`${kind}_clock`]: clock }, calendar, NOW);
      const met = kind === 'accept' ? facts.acceptedOnTime : !facts.resolvedLate;
      seen.add(met);
      const total = (await actual('2026-09-01', '2026-09-30')).get('total:')!;
      const counted = kind === 'accept' ? total.acceptedOnTime : total.resolved - total.resolvedLate;
      expect([stoppedAt, counted]).toEqual([stoppedAt, met ? 1 : 0]);
    }
    expect([...seen].sort()).toEqual([false, true]);
  }

  it('the accept clock: on time up to the end of its due day, across National Day and its make-up days', async () => {
    // Received Friday 25 Sep 2026; transferred on Wednesday 30 Sep (a fresh clock), limit 1, extended by 1.
    await sweep(
      'accept',
      (stoppedAt) => ({
        startedAt: '2026-09-30T03:00:00.000Z',
        limitDays: 1,
        extensionDays: 1,
        pauses: [],
        stoppedAt,
      }),
      '2026-09-30',
    );
  });

  it('the resolve clock with pauses: before its start, counted, begun the day after the deadline (adds nothing)', async () => {
    const start = '2026-09-25T02:00:00.000Z';
    const counted: StoredClock['pauses'] = [
      { from: '2026-09-24T09:00:00.000Z', to: '2026-09-29T02:00:00.000Z' },
      { from: '2026-10-09T02:00:00.000Z', to: '2026-10-12T02:00:00.000Z' },
    ];
    const base = { startedAt: start, limitDays: 5, extensionDays: 0 };
    // The deadline after the two pauses, by the rules; a third pause from the next morning, answered four days
    // later, began after it and adds nothing.
    const dueOn = readClock(fromStoredClock({ ...base, pauses: counted, stoppedAt: null })!, calendar, NOW).dueOn;
    const morning = (day: string) => new Date(startOfShanghaiDay(day).getTime() + 9 * HOUR).toISOString();
    const late: StoredClock['pauses'] = [
      ...counted,
      { from: morning(addCalendarDays(dueOn, 1)), to: morning(addCalendarDays(dueOn, 5)) },
    ];
    const reading = (pauses: StoredClock['pauses']) =>
      readClock(fromStoredClock({ ...base, pauses, stoppedAt: '2026-11-20T02:00:00.000Z' })!, calendar, NOW);
    expect(reading(counted).pausedWorkingDays).toBeGreaterThan(1);
    expect(reading(late).pausedWorkingDays).toBe(reading(counted).pausedWorkingDays);
    await sweep('resolve', (stoppedAt) => ({ ...base, pauses: late, stoppedAt }), addCalendarDays(dueOn, -12));
    // A pause begun on the due day itself counts (here answered two days later).
    const onDue: StoredClock['pauses'] = [...counted, { from: morning(dueOn), to: morning(addCalendarDays(dueOn, 2)) }];
    expect(reading(onDue).pausedWorkingDays).toBeGreaterThan(reading(counted).pausedWorkingDays);
    await sweep('resolve', (stoppedAt) => ({ ...base, pauses: onDue, stoppedAt }), addCalendarDays(dueOn, -12));
  });

  it('the working-day index: subtraction gives workingDaysBetween, and the deadline comparison addWorkingDays', () => {
    const first = '2025-12-28';
    const { index } = workingDayIndex(first, '2027-06-30', calendar);
    const at = (day: string) => calendarDaysBetween(first, day);
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 420 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 15 }),
        (a, span, limit) => {
          const from = addCalendarDays(first, a);
          const to = addCalendarDays(from, span);
          expect(index[at(to)] - index[at(from)]).toBe(workingDaysBetween(from, to, calendar));
          // A day d is on or before addWorkingDays(from, limit) exactly when its working days before it are fewer
          // than those up to `from` plus the limit.
          const due = addWorkingDays(from, limit, calendar);
          expect(index[at(to) - 1] < index[at(from)] + limit).toBe(to <= due);
        },
      ),
      { numRuns: 500 },
    );
    expect(shanghaiDay(new Date('2026-02-14T12:00:00+08:00'))).toBe('2026-02-14');
  });
});
