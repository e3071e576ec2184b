import { Role } from '@qsgj/shared/enums';
import { ERROR_MESSAGES } from '@qsgj/shared/errors';
import { TokenService } from '../src/common/auth/token.service';
import { REFRESH_GRACE_MS } from '../src/modules/auth/session-policy';
import { hashedUsername } from '../src/modules/auth/auth.service';
import { WechatClient } from '../src/modules/wechat/wechat.client';
import { createStaff, signInStaff, signInWechat, STAFF_PASSWORD } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const rows: Array<{ n: string | number }> = await t.ds.query(sql, params);
  return Number(rows[0].n);
}

/** The session an access token names. */
function sessionOf(accessToken: string): string {
  return (JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as { sid: string }).sid;
}

/** Time passes after a refresh token was rotated: it was used `ms` ago (by the database's clock). */
async function rotatedAgo(t: TestApp, refreshToken: string, ms: number): Promise<void> {
  await t.ds.query(
    `UPDATE refresh_tokens SET used_at = now() - make_interval(secs => $2::float8 / 1000) WHERE token_hash = $1`,
    [TokenService.hashRefresh(refreshToken), ms],
  );
}

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());
  beforeEach(() => t.fake.reset());

  describe('POST /api/v1/auth/wechat', () => {
    it('creates the user on first sign-in, finds them afterwards, and never returns the session_key', async () => {
      const first = await t.http.post('/api/v1/auth/wechat').send({ code: 'mock:first-user' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ expiresIn: 7200, user: { role: 'enterprise' }, consentRequired: true });
      expect(first.body.accessToken).toEqual(expect.any(String));
      expect(first.body.refreshToken).toEqual(expect.any(String));
      expect(JSON.stringify(first.body)).not.toMatch(/session_?key/i);
      const again = await t.http.post('/api/v1/auth/wechat').send({ code: 'mock:first-user' });
      expect(again.body.user.id).toBe(first.body.user.id);
      expect(await count(t, 'SELECT count(*) n FROM users WHERE openid = $1', ['first-user'])).toBe(1);
      expect(
        await count(t, `SELECT count(*) n FROM audit_log WHERE action = 'auth.wechat.sign_in' AND actor_id = $1`, [
          first.body.user.id,
        ]),
      ).toBe(2);
    });

    it.each([
      ['an unknown code (40029)', () => undefined, 'not-a-mock-code'],
      ['a used code (40163)', (t: TestApp) => t.fake.failNext('/sns/jscode2session', 40163), 'mock:used-code'],
    ])('answers 401 in Chinese for %s', async (_label, arrange, code) => {
      arrange(t);
      const res = await t.http.post('/api/v1/auth/wechat').send({ code });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({
        statusCode: 401,
        code: 'WECHAT_CODE_INVALID',
        message: ERROR_MESSAGES.WECHAT_CODE_INVALID,
      });
      expect(res.body.requestId).toEqual(expect.any(String));
    });

    it('answers 429 with Retry-After when WeChat rate-limits (45011)', async () => {
      t.fake.failNext('/sns/jscode2session', 45011);
      const res = await t.http.post('/api/v1/auth/wechat').send({ code: 'mock:busy' });
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('60');
      expect(res.body.code).toBe('WECHAT_RATE_LIMITED');
    });

    it('answers 503 and creates no user when WeChat is unreachable', async () => {
      const before = await count(t, 'SELECT count(*) n FROM users');
      t.fake.dropNext('/sns/jscode2session');
      const res = await t.http.post('/api/v1/auth/wechat').send({ code: 'mock:unreachable-user' });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'WECHAT_UNAVAILABLE', message: ERROR_MESSAGES.WECHAT_UNAVAILABLE });
      expect(await count(t, 'SELECT count(*) n FROM users')).toBe(before);
      expect(
        await count(t, `SELECT count(*) n FROM audit_log WHERE action = 'auth.wechat.sign_in_failed'`),
      ).toBeGreaterThan(0);
    });

    it('answers 503 when WeChat is slower than the timeout', async () => {
      t.fake.setLatency(t.config.WECHAT_TIMEOUT_MS + 500);
      const res = await t.http.post('/api/v1/auth/wechat').send({ code: 'mock:slow-user' });
      expect(res.status).toBe(503);
      expect(await count(t, 'SELECT count(*) n FROM users WHERE openid = $1', ['slow-user'])).toBe(0);
    });

    it('refuses an empty or missing code with a Chinese validation message', async () => {
      const res = await t.http.post('/api/v1/auth/wechat').send({});
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'code', message: '缺少微信登录凭证' })]),
      );
    });
  });

  describe('refresh tokens', () => {
    it('rotate: each refresh token works once and yields a new pair', async () => {
      const s = await signInWechat(t);
      const r1 = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
      expect(r1.status).toBe(200);
      expect(r1.body.refreshToken).not.toBe(s.refreshToken);
      const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${r1.body.accessToken}`);
      expect(me.status).toBe(200);
      const r2 = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: r1.body.refreshToken });
      expect(r2.status).toBe(200);
    });

    it('a reused refresh token revokes the whole family', async () => {
      const s = await signInWechat(t);
      const rotated = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
      expect(rotated.status).toBe(200);
      await rotatedAgo(t, s.refreshToken, REFRESH_GRACE_MS + 1000);
      const reuse = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
      expect(reuse.status).toBe(401);
      expect(reuse.body).toMatchObject({ code: 'REFRESH_TOKEN_REUSED', message: ERROR_MESSAGES.REFRESH_TOKEN_REUSED });
      // The thief's and the owner's newer tokens are dead too.
      const newer = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken });
      expect(newer.status).toBe(401);
      const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${rotated.body.accessToken}`);
      expect(me.status).toBe(401);
      expect(me.body.code).toBe('SESSION_REVOKED');
      expect(
        await count(
          t,
          `SELECT count(*) n FROM audit_log WHERE action = 'auth.refresh.reuse_detected' AND actor_id = $1`,
          [s.user.id],
        ),
      ).toBe(1);
    });

    it('an unknown refresh token is refused', async () => {
      const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: 'nope' });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('REFRESH_TOKEN_INVALID');
    });

    it('ignores a stale Authorization header on public routes (issue 8, item 4)', async () => {
      const s = await signInWechat(t);
      await t.http.post('/api/v1/auth/logout').set(s.auth).send({});
      const stale = { Authorization: `Bearer ${s.accessToken}` };
      const garbage = { Authorization: 'Bearer not-a-jwt' };
      for (const headers of [stale, garbage]) {
        expect((await t.http.get('/health').set(headers)).status).toBe(200);
        expect((await t.http.get('/api/v1/auth/config').set(headers)).status).toBe(200);
      }
      // The app refreshes exactly when its access token has gone stale: the refresh must not answer 401 for it.
      const fresh = await signInWechat(t);
      const refreshed = await t.http
        .post('/api/v1/auth/refresh')
        .set('Authorization', 'Bearer expired.or.revoked')
        .send({ refreshToken: fresh.refreshToken });
      expect(refreshed.status).toBe(200);
      // Protected routes still refuse the same header.
      expect((await t.http.get('/api/v1/me').set(garbage)).status).toBe(401);
    });

    it('never replays a refresh from the idempotency store: a retry after the grace window is a reuse (issue 8, item 4)', async () => {
      const s = await signInWechat(t);
      const send = () =>
        t.http
          .post('/api/v1/auth/refresh')
          .set(s.auth)
          .set('Idempotency-Key', 'refresh-retry-0001')
          .send({ refreshToken: s.refreshToken });
      const first = await send();
      expect(first.status).toBe(200);
      // Within the grace window the retry gets the same pair from the refresh rule, not from the store.
      const soon = await send();
      expect(soon.status).toBe(200);
      expect(soon.headers['idempotent-replayed']).toBeUndefined();
      expect(soon.body.refreshToken).toBe(first.body.refreshToken);
      await rotatedAgo(t, s.refreshToken, REFRESH_GRACE_MS + 1000);
      const again = await send();
      expect(again.headers['idempotent-replayed']).toBeUndefined();
      expect(again.status).toBe(401);
      expect(again.body.code).toBe('REFRESH_TOKEN_REUSED');
      expect(await count(t, `SELECT count(*) n FROM idempotency_keys WHERE key = 'refresh-retry-0001'`, [])).toBe(0);
    });

    describe(`the grace window (${REFRESH_GRACE_MS / 1000} s): a refresh racing another gets the same pair`, () => {
      async function tokensOf(sid: string) {
        return (await t.ds.query(
          `SELECT token_hash, used_at IS NOT NULL AS used FROM refresh_tokens WHERE session_id = $1 ORDER BY created_at`,
          [sid],
        )) as Array<{ token_hash: string; used: boolean }>;
      }

      it('5 parallel refreshes of one token: all 200 with the same new pair, one session, one successor', async () => {
        const s = await signInWechat(t);
        const sid = sessionOf(s.accessToken);
        const answers = await Promise.all(
          Array.from({ length: 5 }, () => t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken })),
        );
        expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
        const pairs = new Set(answers.map((r) => `${r.body.accessToken} ${r.body.refreshToken}`));
        expect(pairs.size).toBe(1);
        const [{ accessToken, refreshToken }] = answers.map(
          (r) => r.body as { accessToken: string; refreshToken: string },
        );
        expect(refreshToken).not.toBe(s.refreshToken);
        expect(sessionOf(accessToken)).toBe(sid);
        // One session, alive; the old token used, exactly one successor — stored as its hash only.
        expect(await count(t, 'SELECT count(*) n FROM sessions WHERE user_id = $1', [s.user.id])).toBe(1);
        expect(await count(t, 'SELECT count(*) n FROM sessions WHERE id = $1 AND revoked_at IS NULL', [sid])).toBe(1);
        expect(await tokensOf(sid)).toEqual([
          { token_hash: TokenService.hashRefresh(s.refreshToken), used: true },
          { token_hash: TokenService.hashRefresh(refreshToken), used: false },
        ]);
        expect(await count(t, 'SELECT count(*) n FROM refresh_tokens WHERE token_hash = $1', [refreshToken])).toBe(0);
        expect(
          await count(
            t,
            `SELECT count(*) n FROM audit_log WHERE action = 'auth.refresh.reuse_detected' AND actor_id = $1`,
            [s.user.id],
          ),
        ).toBe(0);
        // The pair works: the access token, and the successor rotates once more.
        expect((await t.http.get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`)).status).toBe(200);
        const next = await t.http.post('/api/v1/auth/refresh').send({ refreshToken });
        expect(next.status).toBe(200);
        expect(next.body.refreshToken).not.toBe(refreshToken);
      });

      // The window's length, pinned here in seconds (not read from the constant, so changing it fails a test).
      it('again 19 s after the rotation: the same pair; 21 s after: 401 and the session revoked', async () => {
        const s = await signInWechat(t);
        const sid = sessionOf(s.accessToken);
        const first = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
        expect(first.status).toBe(200);

        await rotatedAgo(t, s.refreshToken, 19_000);
        const inside = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
        expect(inside.status).toBe(200);
        expect(inside.body.refreshToken).toBe(first.body.refreshToken);
        expect(sessionOf(inside.body.accessToken)).toBe(sid);
        // Signed as of the rotation: what is left of the access token's life, not a fresh 2 h.
        expect(inside.body.expiresIn).toBeLessThanOrEqual(7200 - 19);
        expect(inside.body.expiresIn).toBeGreaterThan(7200 - 25);
        expect((await tokensOf(sid)).length).toBe(2);

        await rotatedAgo(t, s.refreshToken, 21_000);
        const outside = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
        expect(outside.status).toBe(401);
        expect(outside.body.code).toBe('REFRESH_TOKEN_REUSED');
        const [session] = (await t.ds.query('SELECT revoke_reason FROM sessions WHERE id = $1', [sid])) as Array<{
          revoke_reason: string | null;
        }>;
        expect(session.revoke_reason).toBe('refresh_reuse');
        expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken })).status).toBe(
          401,
        );
        expect((await tokensOf(sid)).length).toBe(2);
      });

      it('within the window, once the successor has itself been used, the old token is a reuse', async () => {
        const s = await signInWechat(t);
        const first = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
        expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken })).status).toBe(
          200,
        );
        const replay = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
        expect(replay.status).toBe(401);
        expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');
        expect(
          await count(t, 'SELECT count(*) n FROM sessions WHERE id = $1 AND revoked_at IS NOT NULL', [
            sessionOf(s.accessToken),
          ]),
        ).toBe(1);
      });

      it('within the window, a session ended meanwhile (logout) gives no pair', async () => {
        const s = await signInWechat(t);
        const first = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
        await t.http.post('/api/v1/auth/logout').set('Authorization', `Bearer ${first.body.accessToken}`).send({});
        const again = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
        expect(again.status).toBe(401);
        expect(again.body.code).toBe('REFRESH_TOKEN_INVALID');
      });
    });

    it('stores only hashes of refresh tokens', async () => {
      const s = await signInWechat(t);
      expect(await count(t, 'SELECT count(*) n FROM refresh_tokens WHERE token_hash = $1', [s.refreshToken])).toBe(0);
    });
  });

  describe('access tokens and sessions', () => {
    it('refuses requests without a token, with a bad token, and after logout', async () => {
      expect((await t.http.get('/api/v1/me')).body.code).toBe('UNAUTHENTICATED');
      expect((await t.http.get('/api/v1/me').set('Authorization', 'Bearer garbage')).status).toBe(401);
      const s = await signInWechat(t);
      expect((await t.http.post('/api/v1/auth/logout').set(s.auth)).status).toBe(204);
      const after = await t.http.get('/api/v1/me').set(s.auth);
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('SESSION_REVOKED');
    });

    it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])('accepts the %s scheme, case-insensitively', async (scheme) => {
      const s = await signInWechat(t);
      const res = await t.http.get('/api/v1/me').set('Authorization', `${scheme} ${s.accessToken}`);
      expect(res.status).toBe(200);
    });

    it('ends a staff session after 30 minutes idle', async () => {
      const staff = await createStaff(t.ds, { role: Role.BUTLER });
      const s = await signInStaff(t, staff.username!);
      const sid = JSON.parse(Buffer.from(s.accessToken.split('.')[1], 'base64url').toString()).sid as string;
      await t.ds.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`, [sid]);
      const res = await t.http.get('/api/v1/me').set(s.auth);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'SESSION_IDLE_TIMEOUT', message: ERROR_MESSAGES.SESSION_IDLE_TIMEOUT });
      expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken })).status).toBe(401);
    });

    it('ends a staff session 12 hours after sign-in whatever the activity', async () => {
      const staff = await createStaff(t.ds, { role: Role.BUTLER });
      const s = await signInStaff(t, staff.username!);
      const [{ expires_at, created_at }] = await t.ds.query(
        'SELECT expires_at, created_at FROM sessions WHERE user_id = $1',
        [staff.id],
      );
      expect(new Date(expires_at).getTime() - new Date(created_at).getTime()).toBeCloseTo(12 * 3600 * 1000, -4);
      await t.ds.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [staff.id]);
      expect((await t.http.get('/api/v1/me').set(s.auth)).status).toBe(401);
    });
  });

  describe('POST /api/v1/auth/staff', () => {
    it('signs staff in and audits it', async () => {
      const staff = await createStaff(t.ds, { role: Role.SUPERVISOR, username: 'Sup.One' });
      const res = await t.http.post('/api/v1/auth/staff').send({ username: 'SUP.ONE', password: STAFF_PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ id: staff.id, role: 'supervisor', mustChangePassword: false });
      expect(res.body.consentRequired).toBe(false);
      expect(
        await count(t, `SELECT count(*) n FROM audit_log WHERE action = 'auth.staff.sign_in' AND actor_id = $1`, [
          staff.id,
        ]),
      ).toBe(1);
    });

    it('gives the same answer for an unknown user and a wrong password, and audits both', async () => {
      const staff = await createStaff(t.ds);
      const unknown = await t.http.post('/api/v1/auth/staff').send({ username: 'nobody-here', password: 'Whatever#1' });
      const wrong = await t.http.post('/api/v1/auth/staff').send({ username: staff.username, password: 'Wrong#Pass1' });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(unknown.body.message).toBe(ERROR_MESSAGES.STAFF_CREDENTIALS_INVALID);
      // The whole answer, not only the message: no attempts left or any other detail tells them apart.
      const { requestId: unknownId, ...unknownBody } = unknown.body as Record<string, unknown>;
      const { requestId: wrongId, ...wrongBody } = wrong.body as Record<string, unknown>;
      expect(unknownId).not.toBe(wrongId);
      expect(wrongBody).toEqual(unknownBody);
      expect(wrongBody).toEqual({ statusCode: 401, code: 'STAFF_CREDENTIALS_INVALID', message: unknown.body.message });
      expect(wrong.headers['retry-after']).toBeUndefined();
      expect(
        await count(
          t,
          `SELECT count(*) n FROM audit_log WHERE action = 'auth.staff.sign_in_failed' AND details->>'usernameHash' = $1`,
          [hashedUsername(t.config.JWT_SECRET, 'nobody-here')],
        ),
      ).toBe(1);
      expect(
        await count(
          t,
          `SELECT count(*) n FROM audit_log WHERE action = 'auth.staff.sign_in_failed' AND actor_id = $1`,
          [staff.id],
        ),
      ).toBe(1);
    });

    it('locks the account for 30 minutes after 5 failures, even for the right password, then unlocks', async () => {
      const staff = await createStaff(t.ds);
      for (let i = 1; i <= 4; i++) {
        const res = await t.http
          .post('/api/v1/auth/staff')
          .send({ username: staff.username, password: `Wrong#${i}abc` });
        expect(res.status).toBe(401);
        // The attempts left are not told (they would tell a known username from an unknown one).
        expect(res.body.details).toBeUndefined();
      }
      const fifth = await t.http.post('/api/v1/auth/staff').send({ username: staff.username, password: 'Wrong#5abc' });
      expect(fifth.status).toBe(423);
      expect(fifth.body).toMatchObject({ code: 'STAFF_LOCKED', message: ERROR_MESSAGES.STAFF_LOCKED });
      expect(fifth.body.details).toEqual({ lockedUntil: expect.any(String) });
      // Exactly 30 minutes, by the database's clock (a lock of 24 h, or of 29 min, fails here).
      const retryAfter = Number(fifth.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(30 * 60 - 10);
      expect(retryAfter).toBeLessThanOrEqual(30 * 60);
      const [{ left }] = await t.ds.query(
        'SELECT extract(epoch FROM locked_until - now())::float8 AS left FROM users WHERE id = $1',
        [staff.id],
      );
      expect(Number(left)).toBeGreaterThan(30 * 60 - 10);
      expect(Number(left)).toBeLessThanOrEqual(30 * 60);
      const right = await t.http
        .post('/api/v1/auth/staff')
        .send({ username: staff.username, password: STAFF_PASSWORD });
      expect(right.status).toBe(423);
      expect(
        await count(t, `SELECT count(*) n FROM audit_log WHERE action = 'auth.staff.locked' AND actor_id = $1`, [
          staff.id,
        ]),
      ).toBe(1);
      expect(
        await count(
          t,
          `SELECT count(*) n FROM audit_log WHERE action = 'auth.staff.sign_in_failed' AND actor_id = $1`,
          [staff.id],
        ),
      ).toBe(6);
      // 29:59 after the lock: still locked, even for the right password.
      await t.ds.query(`UPDATE users SET locked_until = now() + interval '1 second' WHERE id = $1`, [staff.id]);
      const at2959 = await t.http
        .post('/api/v1/auth/staff')
        .send({ username: staff.username, password: STAFF_PASSWORD });
      expect(at2959.status).toBe(423);
      // 30:01 after the lock: open.
      await t.ds.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`, [staff.id]);
      const at3001 = await t.http
        .post('/api/v1/auth/staff')
        .send({ username: staff.username, password: STAFF_PASSWORD });
      expect(at3001.status).toBe(200);
    });

    it('starts a new window of 5 guesses once a lock has passed', async () => {
      const staff = await createStaff(t.ds);
      for (let i = 1; i <= 5; i++) {
        await t.http.post('/api/v1/auth/staff').send({ username: staff.username, password: `Wrong#${i}abc` });
      }
      await t.ds.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`, [staff.id]);
      const statuses: number[] = [];
      for (let i = 1; i <= 6; i++) {
        const res = await t.http.post('/api/v1/auth/staff').send({ username: staff.username, password: `Bad#${i}abc` });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 423, 423]);
    });

    it('checks at most 5 of 40 parallel guesses, and the right password sent after them is refused', async () => {
      const staff = await createStaff(t.ds);
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          t.http.post('/api/v1/auth/staff').send({ username: staff.username, password: `Wrong#${i}guess` }),
        ),
      );
      expect(answers.every((res) => res.status === 401 || res.status === 423)).toBe(true);
      expect(answers.filter((res) => res.status === 401)).toHaveLength(4);
      // Every refusal by the lock tells the whole time left, also to a request that raced the locking one.
      for (const res of answers.filter((r) => r.status === 423)) {
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(29 * 60);
      }
      const bad = await count(
        t,
        `SELECT count(*) n FROM audit_log
         WHERE action = 'auth.staff.sign_in_failed' AND actor_id = $1 AND details->>'reason' = 'bad_password'`,
        [staff.id],
      );
      expect(bad).toBe(5);
      expect(
        await count(t, `SELECT count(*) n FROM audit_log WHERE action = 'auth.staff.locked' AND actor_id = $1`, [
          staff.id,
        ]),
      ).toBe(1);
      const right = await t.http
        .post('/api/v1/auth/staff')
        .send({ username: staff.username, password: STAFF_PASSWORD });
      expect(right.status).toBe(423);
      expect(right.body.details).toEqual({ lockedUntil: expect.any(String) });
    });

    it('makes a new account change its password first, enforcing the policy', async () => {
      const staff = await createStaff(t.ds, { username: 'newbie', mustChangePassword: true });
      const s = await signInStaff(t, 'newbie');
      expect(s.user.mustChangePassword).toBe(true);
      expect((await t.http.get('/api/v1/me').set(s.auth)).status).toBe(200);
      const blocked = await t.http.get('/api/v1/admin/departments').set(s.auth);
      expect(blocked.status).toBe(403);
      expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      const weak = await t.http
        .post('/api/v1/auth/password')
        .set(s.auth)
        .send({ currentPassword: STAFF_PASSWORD, newPassword: 'newbie12345' });
      expect(weak.status).toBe(400);
      expect(weak.body.code).toBe('PASSWORD_TOO_WEAK');
      const wrongCurrent = await t.http
        .post('/api/v1/auth/password')
        .set(s.auth)
        .send({ currentPassword: 'Nope#12345', newPassword: 'Better#Pass9' });
      expect(wrongCurrent.body.code).toBe('PASSWORD_INCORRECT');
      const ok = await t.http
        .post('/api/v1/auth/password')
        .set(s.auth)
        .send({ currentPassword: STAFF_PASSWORD, newPassword: 'Better#Pass9' });
      expect(ok.status).toBe(204);
      // Changing the password ends every session; the new password works.
      expect((await t.http.get('/api/v1/me').set(s.auth)).status).toBe(401);
      const again = await signInStaff(t, 'newbie', 'Better#Pass9');
      expect(again.user.mustChangePassword).toBe(false);
      expect(
        await count(t, `SELECT count(*) n FROM audit_log WHERE action = 'auth.password.changed' AND actor_id = $1`, [
          staff.id,
        ]),
      ).toBe(1);
    });

    it('refuses a deactivated account', async () => {
      const staff = await createStaff(t.ds);
      await t.ds.query('UPDATE users SET active = false WHERE id = $1', [staff.id]);
      const res = await t.http.post('/api/v1/auth/staff').send({ username: staff.username, password: STAFF_PASSWORD });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('STAFF_INACTIVE');
    });
  });

  describe('WeChat access token', () => {
    it('is fetched once for 50 concurrent callers and reused', async () => {
      const client = t.app.get(WechatClient);
      await t.fake.invalidateAccessToken();
      const before = t.fake.tokenFetches;
      const tokens = await Promise.all(Array.from({ length: 50 }, () => client.accessToken(true)));
      expect(new Set(tokens).size).toBe(1);
      expect(t.fake.tokenFetches - before).toBe(1);
      await client.accessToken();
      expect(t.fake.tokenFetches - before).toBe(1);
    });

    it('on 40001 refreshes the token once and retries once', async () => {
      const client = t.app.get(WechatClient);
      await client.accessToken();
      t.fake.invalidateAccessToken();
      const before = t.fake.tokenFetches;
      await expect(client.phoneNumber('phone:13812345678')).resolves.toBe('13812345678');
      expect(t.fake.tokenFetches - before).toBe(1);
    });
  });
});
