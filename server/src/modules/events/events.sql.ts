import { EXAMPLE, reviewedSql } from '../../database/reviewed.sql';

/*
 * EventsRepository's statements. Printed with their plans in server/test/sql/events.repository.sql.
 *
 * Seats: every statement that changes an event's counters holds the event's row locked (FOR UPDATE) while it
 * reads and writes them — `signUp` within itself, cancellations and capacity changes in a transaction that first
 * took it with `lockEvent` — so sign-ups, cancellations and capacity changes of one event queue on that lock, and
 * the count each reads is the count it writes. `ck_events_seats` refuses any write that would store more confirmed
 * seats than the capacity, whatever the code does.
 */

const REGISTRATION_COLUMNS = `r.id, r.event_id, r.user_id, r.enterprise_id, r.status, r.seq, r.topic, r.case_id,
  r.checked_in_at, r.created_at`;

/** Reminders: `$1` now, `$2` batch. */
const claimReminders = (column: 'reminded_day_at' | 'reminded_hour_at', from: string, to: string) => `WITH due AS (
  SELECT r.id FROM events e
  JOIN event_registrations r ON r.event_id = e.id AND r.status = 'confirmed' AND r.${column} IS NULL
  WHERE e.status = 'published' AND e.starts_at > ${from} AND e.starts_at <= ${to}
  ORDER BY e.starts_at, r.id
  LIMIT $2
  FOR UPDATE OF r SKIP LOCKED)
UPDATE event_registrations r SET ${column} = $1${
  column === 'reminded_hour_at' ? ', reminded_day_at = COALESCE(r.reminded_day_at, $1)' : ''
}
FROM due, events e
WHERE r.id = due.id AND e.id = r.event_id AND r.${column} IS NULL
RETURNING r.id, r.user_id, e.id AS event_id, e.title, e.starts_at, e.place, e.online_url`;

export const EVENTS_SQL = reviewedSql({
  /** The database's clock: what every process compares deadlines with. */
  now: { text: `SELECT now() AS now`, example: [] },

  /** $1 event. Its row, locked until the transaction ends: the seat counters are this transaction's to change. */
  lockEvent: {
    text: `SELECT id, kind, title, status, starts_at, ends_at, signup_deadline, place, online_url, capacity,
  confirmed_count, waitlist_count, signup_seq, audience_districts, audience_industries
FROM events WHERE id = $1 FOR UPDATE`,
    example: [EXAMPLE.UUID],
  },

  /** $1 event, $2 user. The user's registration of the event (locked: a cancellation or a repeat reads it). */
  registrationOf: {
    text: `SELECT ${REGISTRATION_COLUMNS} FROM event_registrations r WHERE r.event_id = $1 AND r.user_id = $2 FOR UPDATE`,
    example: [EXAMPLE.UUID, EXAMPLE.UUID],
  },

  /**
   * A sign-up in one statement (its own transaction, or a savepoint of the request's): $1 event, $2 user,
   * $3 enterprise, $4 topic, $5 now. It locks the event's row (`FOR UPDATE`: concurrent sign-ups of one event queue
   * here, each reading the counters the one before it wrote), takes a seat while confirmed < capacity or else the next
   * place in the waitlist with the next arrival number, and moves the counters — all before the lock is let go, with
   * no round trip to the application in between. A new row, or a cancelled one signed up again; no row when the event
   * is no longer open at $5, or the user already holds a live registration (the unique index, which sees rows
   * committed while this statement waited for the lock).
   */
  signUp: {
    text: `WITH e AS (
  SELECT id, capacity, confirmed_count, signup_seq FROM events
  WHERE id = $1 AND status = 'published' AND signup_deadline >= $5 AND starts_at > $5
  FOR UPDATE),
reg AS (
  INSERT INTO event_registrations (event_id, user_id, enterprise_id, status, seq, topic)
  SELECT e.id, $2, $3, CASE WHEN e.confirmed_count < e.capacity THEN 'confirmed' ELSE 'waitlisted' END,
    e.signup_seq + 1, $4
  FROM e
  ON CONFLICT (event_id, user_id) DO UPDATE SET status = EXCLUDED.status, seq = EXCLUDED.seq,
    enterprise_id = EXCLUDED.enterprise_id, topic = EXCLUDED.topic, cancelled_at = NULL, promoted_at = NULL,
    checked_in_at = NULL, checked_in_by = NULL, reminded_day_at = NULL, reminded_hour_at = NULL,
    created_at = now(), updated_at = now()
  WHERE event_registrations.status = 'cancelled'
  RETURNING id, event_id, user_id, enterprise_id, status, seq, topic, case_id, checked_in_at, created_at),
ev AS (
  UPDATE events SET signup_seq = reg.seq,
    confirmed_count = events.confirmed_count + CASE WHEN reg.status = 'confirmed' THEN 1 ELSE 0 END,
    waitlist_count = events.waitlist_count + CASE WHEN reg.status = 'waitlisted' THEN 1 ELSE 0 END
  FROM reg WHERE events.id = reg.event_id
  RETURNING events.capacity, events.confirmed_count, events.waitlist_count)
SELECT reg.*, ev.capacity AS event_capacity, ev.confirmed_count AS event_confirmed,
  ev.waitlist_count AS event_waitlisted
FROM reg, ev`,
    example: [EXAMPLE.UUID, EXAMPLE.UUID, EXAMPLE.UUID, null, EXAMPLE.DATE],
  },

  /** $1 registration. Given up (its seat or its place in the waitlist). */
  cancelRegistration: {
    text: `UPDATE event_registrations SET status = 'cancelled', cancelled_at = now(), updated_at = now()
WHERE id = $1 AND status <> 'cancelled' RETURNING id`,
    example: [EXAMPLE.UUID],
  },

  /** $1 event, $2 free seats. The first waitlisted by arrival get them (under the event's lock). */
  promote: {
    text: `WITH next AS (
  SELECT id FROM event_registrations
  WHERE event_id = $1 AND status = 'waitlisted'
  ORDER BY seq LIMIT $2
  FOR UPDATE)
UPDATE event_registrations r SET status = 'confirmed', promoted_at = now(), updated_at = now()
FROM next WHERE r.id = next.id
RETURNING r.id, r.user_id, r.seq`,
    example: [EXAMPLE.UUID, 1],
  },

  /** $1 event. Its counters recounted from its registrations (after a cancellation or a promotion). */
  recount: {
    text: `UPDATE events e SET
  confirmed_count = (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'confirmed'),
  waitlist_count = (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted')
WHERE e.id = $1
RETURNING e.confirmed_count, e.waitlist_count`,
    example: [EXAMPLE.UUID],
  },

  /** $1 event, $2 arrival number. A waitlisted registration's place (1: next to get a seat). */
  waitlistPosition: {
    text: `SELECT count(*)::int AS position FROM event_registrations
WHERE event_id = $1 AND status = 'waitlisted' AND seq <= $2`,
    example: [EXAMPLE.UUID, 10],
  },

  /** $1 event. Registrations by status, and how many confirmed were checked in. */
  attendance: {
    text: `SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
  count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted,
  count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
  count(*) FILTER (WHERE status = 'confirmed' AND checked_in_at IS NOT NULL)::int AS checked_in
FROM event_registrations WHERE event_id = $1`,
    example: [EXAMPLE.UUID],
  },

  /** $1 event, $2 statuses. The users holding a registration in one of them (a cancelled event tells them). */
  registrantsOf: {
    text: `SELECT user_id FROM event_registrations WHERE event_id = $1 AND status = ANY ($2::varchar[]) ORDER BY seq`,
    example: [EXAMPLE.UUID, ['confirmed', 'waitlisted']],
  },

  /**
   * $1 registration, $2 event, $3 staff member. The check-in, once: only a confirmed registration of that event
   * not checked in yet (no row otherwise: the caller reads why).
   */
  checkIn: {
    text: `UPDATE event_registrations SET checked_in_at = now(), checked_in_by = $3, updated_at = now()
WHERE id = $1 AND event_id = $2 AND status = 'confirmed' AND checked_in_at IS NULL
RETURNING checked_in_at`,
    example: [EXAMPLE.UUID, EXAMPLE.UUID, EXAMPLE.UUID],
  },

  /** $1 registration, $2 event. A registration of the event, with who made it (check-in and the staff list). */
  registrationWithNames: {
    text: `SELECT ${REGISTRATION_COLUMNS}, en.name AS enterprise_name, m.contact_name
FROM event_registrations r
JOIN enterprises en ON en.id = r.enterprise_id
LEFT JOIN enterprise_members m ON m.user_id = r.user_id AND m.enterprise_id = r.enterprise_id
WHERE r.id = $1 AND r.event_id = $2`,
    example: [EXAMPLE.UUID, EXAMPLE.UUID],
  },

  /** $1 registration, $2 event, $3 case. The registration's topic became this case. */
  linkCase: {
    text: `UPDATE event_registrations SET case_id = $3, updated_at = now() WHERE id = $1 AND event_id = $2 AND case_id IS NULL RETURNING id`,
    example: [EXAMPLE.UUID, EXAMPLE.UUID, EXAMPLE.UUID],
  },

  /** $1 registration, $2 event. Locked for turning its topic into a case (a second call waits, then reads the case). */
  lockRegistration: {
    text: `SELECT ${REGISTRATION_COLUMNS} FROM event_registrations r WHERE r.id = $1 AND r.event_id = $2 FOR UPDATE`,
    example: [EXAMPLE.UUID, EXAMPLE.UUID],
  },

  /** $1 event. Its start moved: the reminders are due again for the new time. */
  resetReminders: {
    text: `UPDATE event_registrations SET reminded_day_at = NULL, reminded_hour_at = NULL
WHERE event_id = $1 AND (reminded_day_at IS NOT NULL OR reminded_hour_at IS NOT NULL) RETURNING id`,
    example: [EXAMPLE.UUID],
  },

  /** The day-before reminders due at $1 (starting in more than an hour and at most a day), claimed, $2 at most. */
  claimDayReminders: {
    text: claimReminders(
      'reminded_day_at',
      `$1::timestamptz + interval '1 hour'`,
      `$1::timestamptz + interval '1 day'`,
    ),
    example: [EXAMPLE.DATE, 100],
  },

  /** The hour-before reminders due at $1 (starting within the hour), claimed, $2 at most; the day's is then moot. */
  claimHourReminders: {
    text: claimReminders('reminded_hour_at', `$1::timestamptz`, `$1::timestamptz + interval '1 hour'`),
    example: [EXAMPLE.DATE, 100],
  },
});
