/**
 * What a database failure means for the client, read from the error PostgreSQL (through `pg`) or
 * PGlite raised. Both put the SQLSTATE in `code`; TypeORM's QueryFailedError copies it and keeps the
 * original as `driverError`.
 *
 * - `data`: SQLSTATE class 22 (data exception: a value the column cannot hold, out of range, bad
 *   date, NUL byte …), and `23502` (null in a NOT NULL column) and `23514` (a CHECK failed). The
 *   request was wrong in a way validation did not catch → 400.
 * - `conflict`: a unique (`23505`) or foreign-key (`23503`) violation, a serialization failure
 *   (`40001`) or a deadlock (`40P01`) that the service did not answer itself: another request changed
 *   the same data at the same moment → 409, and a retry after a refresh is right. A service that can
 *   say more (「该企业已被绑定」) still catches its own case first.
 * - `unavailable`: the connection is gone or cannot be made — class 08, `57P01` admin shutdown,
 *   `57P02` crash shutdown, `57P03` cannot connect now, pg's "Connection terminated …", a refused or
 *   reset socket, a closed PGlite. Nothing is wrong with the request → 503 with Retry-After.
 */
export type DatabaseFailure = 'data' | 'unavailable' | 'conflict';

const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03']);
/** Integrity violations that only a bad value causes: a null where a value is required, a failed CHECK. */
const DATA_INTEGRITY_CODES = new Set(['23502', '23514']);
/** Another transaction got there first: the request may be right, and right again after a refresh. */
const CONFLICT_CODES = new Set(['23505', '23503', '40001', '40P01']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);
/** `pg`'s own errors for a lost or unobtainable connection carry no SQLSTATE: their messages are stable. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/i, // unexpectedly · due to connection timeout
  /^timeout exceeded when trying to connect/i, // pg-pool's connectionTimeoutMillis
  /Client has encountered a connection error and is not queryable/i,
  /^Client was closed and is not queryable/i,
  /^PGlite is closed/i,
];

/** Seconds a client should wait before retrying after a lost database connection. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

function candidates(error: unknown): Array<{ code?: unknown; message?: unknown }> {
  const out: Array<{ code?: unknown; message?: unknown }> = [];
  let current: unknown = error;
  // The error itself, TypeORM's driverError, and a cause chain (bounded).
  for (let i = 0; i < 5 && current && typeof current === 'object'; i++) {
    const e = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    out.push(e);
    if (e.driverError && typeof e.driverError === 'object') out.push(e.driverError as typeof e);
    current = e.cause;
  }
  return out;
}

export function classifyDatabaseError(error: unknown): DatabaseFailure | null {
  for (const e of candidates(error)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (/^22[0-9A-Z]{3}$/.test(code) || DATA_INTEGRITY_CODES.has(code)) return 'data';
    if (/^08[0-9A-Z]{3}$/.test(code) || UNAVAILABLE_CODES.has(code) || SOCKET_CODES.has(code)) return 'unavailable';
    if (CONFLICT_CODES.has(code)) return 'conflict';
    const message = typeof e.message === 'string' ? e.message : '';
    if (!code && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return 'unavailable';
  }
  return null;
}
