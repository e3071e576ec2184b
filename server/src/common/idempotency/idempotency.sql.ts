import { EXAMPLE, reviewedSql } from '../../database/reviewed.sql';

/** How long a retry waits for the same key's request in flight before it is told 409 (ADR 008). */
export const KEY_LOCK_WAIT = '5s';

/** The idempotency store's hand-written statements (the rest is built by TypeORM). */
export const IDEMPOTENCY_SQL = reviewedSql({
  /**
   * Bounds the wait of the next lock in this transaction ($1, e.g. '5s'); `DEFAULT` after it puts back
   * the server's setting for the rest of the request's transaction.
   */
  lockWait: {
    text: `SELECT set_config('lock_timeout', $1, true) AS lock_timeout`,
    example: [KEY_LOCK_WAIT],
  },
  /**
   * Holds a key for the rest of the caller's transaction, waiting (up to the lock timeout) while
   * another transaction holds it: a retry sent while the first request runs then finds its answer.
   * PostgreSQL lets go when the transaction ends — commit, rollback, or the connection dying with its
   * process. $1 is `<user id> <key>`, hashed to 64 bits.
   */
  lock: {
    text: `SELECT pg_advisory_xact_lock(hashtextextended($1, 0)) AS locked`,
    example: [`${EXAMPLE.UUID} submit-0001`],
  },
});
