import type { DataSource } from 'typeorm';
import { LOCK_MS, MAX_FAILED_ATTEMPTS } from '../../src/modules/auth/session-policy';
import { UsersRepository } from '../../src/modules/users/users.repository';
import { newStaff } from './factories';
import { type MediumDatabase, mediumDatabase, onPostgres, SETUP_TIMEOUT_MS } from './medium';

/**
 * The staff lockout's counter where it is enforced: `claimSignInAttempt`, one conditional UPDATE.
 * However many checks race (from two pools, like two API instances), at most five are claimed per
 * lock window; the fifth locks for exactly LOCK_MS by the database's clock.
 */
describe('staff lockout (medium)', () => {
  let db: MediumDatabase;
  let ds: DataSource;
  let users: UsersRepository;

  beforeAll(async () => {
    db = await mediumDatabase();
    ds = db.ds;
    users = new UsersRepository(ds);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await db?.close();
  });

  async function secondsLocked(id: string): Promise<number | null> {
    const [row] = (await ds.query(
      'SELECT extract(epoch FROM locked_until - now())::float8 AS left FROM users WHERE id = $1',
      [id],
    )) as Array<{ left: number | null }>;
    return row.left === null ? null : Number(row.left);
  }

  it('claims five checks one after another; the fifth locks for 30 minutes; then none', async () => {
    const id = await newStaff(ds);
    const claims = [];
    for (let i = 0; i < 7; i++) claims.push(await users.claimSignInAttempt(id, MAX_FAILED_ATTEMPTS, LOCK_MS));
    expect(claims.map((c) => c.claimed)).toEqual([true, true, true, true, true, false, false]);
    expect(claims.slice(0, 4).every((c) => c.lockedUntil === null)).toBe(true);
    expect(claims[4].lockedUntil).toEqual(claims[6].lockedUntil);
    expect(claims[4].retryAfterSeconds).toBeGreaterThan(30 * 60 - 10);
    expect(claims[4].retryAfterSeconds).toBeLessThanOrEqual(30 * 60);
    const left = await secondsLocked(id);
    expect(left).toBeGreaterThan(30 * 60 - 10);
    expect(left).toBeLessThanOrEqual(30 * 60);
  });

  it('is still locked 29:59 after the lock, and open with a fresh count at 30:01', async () => {
    const id = await newStaff(ds);
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await users.claimSignInAttempt(id, MAX_FAILED_ATTEMPTS, LOCK_MS);
    // Time passes, by the clock the lock is kept in: the lock's end moves back as far (its length is what the claim set).
    const passes = (interval: string) =>
      ds.query(`UPDATE users SET locked_until = locked_until - $2::interval WHERE id = $1`, [id, interval]);
    await passes('29 minutes 59 seconds');
    const during = await users.claimSignInAttempt(id, MAX_FAILED_ATTEMPTS, LOCK_MS);
    expect(during.claimed).toBe(false);
    expect(during.retryAfterSeconds).toBeGreaterThan(0);
    expect(during.retryAfterSeconds).toBeLessThanOrEqual(1);
    await passes('2 seconds'); // 30:01 after the lock
    const after = await users.claimSignInAttempt(id, MAX_FAILED_ATTEMPTS, LOCK_MS);
    expect(after).toEqual({ claimed: true, lockedUntil: null, retryAfterSeconds: 0 });
    const [{ failed_attempts }] = (await ds.query('SELECT failed_attempts FROM users WHERE id = $1', [id])) as Array<{
      failed_attempts: number;
    }>;
    expect(failed_attempts).toBe(1);
  });

  it('starts over after the right password clears the count', async () => {
    const id = await newStaff(ds);
    for (let i = 0; i < 4; i++) await users.claimSignInAttempt(id, MAX_FAILED_ATTEMPTS, LOCK_MS);
    await users.clearSignInAttempts(id);
    for (let i = 0; i < 4; i++) {
      expect((await users.claimSignInAttempt(id, MAX_FAILED_ATTEMPTS, LOCK_MS)).lockedUntil).toBeNull();
    }
  });

  onPostgres('claims at most five of 40 racing checks from two pools, and locks once', async () => {
    const id = await newStaff(ds);
    const other = new UsersRepository(await db.connect());
    const claims = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? users : other).claimSignInAttempt(id, MAX_FAILED_ATTEMPTS, LOCK_MS),
      ),
    );
    expect(claims.filter((c) => c.claimed)).toHaveLength(MAX_FAILED_ATTEMPTS);
    expect(claims.filter((c) => c.claimed && c.lockedUntil)).toHaveLength(1);
    expect(claims.filter((c) => !c.claimed).every((c) => c.lockedUntil !== null)).toBe(true);
    expect(await secondsLocked(id)).toBeGreaterThan(30 * 60 - 10);
  });
});
