import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { Role } from '@qsgj/shared/enums';
import type { AuthedRequest } from '../../src/common/auth/decorators';
import { TokenService } from '../../src/common/auth/token.service';
import { AuthGuard } from '../../src/modules/auth/auth.guard';
import { sessionLifetimeMs } from '../../src/modules/auth/session-policy';
import { SessionsRepository } from '../../src/modules/auth/sessions.repository';
import { AuditService } from '../../src/modules/audit/audit.service';
import { UsersService } from '../../src/modules/users/users.service';
import { newEnterpriseUser, newStaff } from './factories';
import { type MediumDatabase, mediumDatabase, mediumModule, SETUP_TIMEOUT_MS } from './medium';

const MIN = 60_000;
/** A route without @Public() or @Roles(): any signed-in user. */
class SomeController {}
function handler(): void {}
const SEC = 1000;

/**
 * The session rules where they are enforced — the global AuthGuard reading a real `sessions` row —
 * at their edges: a staff session idle for 29:59 lives (and is renewed), one idle for 30:01 ends and
 * stays ended; enterprise sessions have no idle limit; every session has an absolute end.
 */
describe('session policy (medium)', () => {
  let db: MediumDatabase;
  let ds: DataSource;
  let module: TestingModule;
  let guard: AuthGuard;
  let tokens: TokenService;
  let sessions: SessionsRepository;

  beforeAll(async () => {
    db = await mediumDatabase();
    ds = db.ds;
    module = await mediumModule(db, {
      real: [AuthGuard, SessionsRepository, TokenService, Reflector],
      fake: [
        // Only refusals by role are audited; none happens here.
        { provide: AuditService, useValue: { record: jest.fn() } },
        // Asked for consent on an enterprise user's writes only; these are reads.
        { provide: UsersService, useValue: { findActiveById: jest.fn() } },
      ],
    });
    guard = module.get(AuthGuard);
    tokens = module.get(TokenService);
    sessions = module.get(SessionsRepository);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await module?.close();
    await db?.close();
  });

  /** A session last seen `idleMs` ago that ends in `endsInMs`; the access token naming it. */
  async function session(userId: string, role: Role, idleMs: number, endsInMs = 12 * 60 * MIN) {
    const now = Date.now();
    const [row] = (await ds.query(
      `INSERT INTO sessions (user_id, last_seen_at, expires_at) VALUES ($1, $2, $3) RETURNING id`,
      [userId, new Date(now - idleMs), new Date(now + endsInMs)],
    )) as Array<{ id: string }>;
    return { id: row.id, token: tokens.signAccess({ sub: userId, sid: row.id, role }) };
  }

  /** The guard on a request to a signed-in route carrying the token. */
  async function call(token: string): Promise<AuthedRequest> {
    const req = { headers: { authorization: `Bearer ${token}` }, method: 'GET', url: '/api/v1/me' } as AuthedRequest;
    const context = {
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => req }),
      getHandler: () => handler,
      getClass: () => SomeController,
    } as unknown as ExecutionContext;
    if ((await guard.canActivate(context)) !== true) throw new Error('the guard answered false');
    return req;
  }

  async function refused(token: string): Promise<string> {
    try {
      await call(token);
    } catch (e) {
      return (e as { code?: string }).code ?? String(e);
    }
    throw new Error('the guard let the request through');
  }

  async function row(id: string) {
    const [r] = (await ds.query(
      `SELECT revoked_at IS NOT NULL AS revoked, revoke_reason, (extract(epoch FROM now() - last_seen_at) * 1000)::float8 AS idle_ms
       FROM sessions WHERE id = $1`,
      [id],
    )) as Array<{ revoked: boolean; revoke_reason: string | null; idle_ms: number }>;
    return { ...r, idle_ms: Number(r.idle_ms) };
  }

  it('staff idle for 29:59: alive, and the use renews it', async () => {
    const staff = await newStaff(ds);
    const s = await session(staff, Role.BUTLER, 29 * MIN + 59 * SEC);
    const req = await call(s.token);
    expect(req.actor).toMatchObject({ id: staff, role: Role.BUTLER, sessionId: s.id });
    const after = await row(s.id);
    expect(after).toMatchObject({ revoked: false, revoke_reason: null });
    expect(after.idle_ms).toBeLessThan(10 * SEC); // last seen: just now
    // Renewed: another 29:59 from now would still be fine; the next call goes through.
    await call(s.token);
  });

  it('staff idle for 30:01: SESSION_IDLE_TIMEOUT, the session is revoked for good (idle)', async () => {
    const staff = await newStaff(ds);
    const s = await session(staff, Role.BUTLER, 30 * MIN + 1 * SEC);
    expect(await refused(s.token)).toBe('SESSION_IDLE_TIMEOUT');
    expect(await row(s.id)).toMatchObject({ revoked: true, revoke_reason: 'idle' });
    // Activity afterwards does not bring it back.
    await ds.query(`UPDATE sessions SET last_seen_at = now() WHERE id = $1`, [s.id]);
    expect(await refused(s.token)).toBe('SESSION_REVOKED');
  });

  it('an enterprise user idle for 29 days: alive (no idle limit, only the 30-day end)', async () => {
    const user = await newEnterpriseUser(ds);
    const s = await session(user, Role.ENTERPRISE, 29 * 24 * 60 * MIN, 24 * 60 * MIN);
    expect((await call(s.token)).actor?.id).toBe(user);
  });

  it('past its absolute end (12 h for staff), a recently used session is over: TOKEN_EXPIRED', async () => {
    const staff = await newStaff(ds);
    const s = await session(staff, Role.BUTLER, 1 * SEC, -1 * SEC);
    expect(await refused(s.token)).toBe('TOKEN_EXPIRED');
  });

  describe("lifetimes at their edges (time passing = the session's end moved back by as much)", () => {
    /** A session opened now, as sign-in opens it, for a user of `role`; used a moment ago. */
    async function signedIn(userId: string, role: Role) {
      const opened = await sessions.open(userId, sessionLifetimeMs(role));
      return { id: opened.id, token: tokens.signAccess({ sub: userId, sid: opened.id, role }) };
    }
    /** `interval` has passed since sign-in, the session was in use all along (never idle). */
    async function passes(id: string, interval: string) {
      await ds.query(`UPDATE sessions SET expires_at = expires_at - $2::interval, last_seen_at = now() WHERE id = $1`, [
        id,
        interval,
      ]);
    }

    it('staff: open 11:59:59 after sign-in, over at 12:00:01 (TOKEN_EXPIRED)', async () => {
      const staff = await newStaff(ds);
      const s = await signedIn(staff, Role.BUTLER);
      await passes(s.id, '11 hours 59 minutes 59 seconds');
      expect((await call(s.token)).actor?.id).toBe(staff);
      await passes(s.id, '2 seconds');
      expect(await refused(s.token)).toBe('TOKEN_EXPIRED');
    });

    it('enterprise user: open 29 days 23:59:59 after sign-in, over at 30 days 00:00:01', async () => {
      const user = await newEnterpriseUser(ds);
      const s = await signedIn(user, Role.ENTERPRISE);
      await passes(s.id, '29 days 23 hours 59 minutes 59 seconds');
      expect((await call(s.token)).actor?.id).toBe(user);
      await passes(s.id, '2 seconds');
      expect(await refused(s.token)).toBe('TOKEN_EXPIRED');
    });

    it('an access token: accepted 1:59:59 after it was issued, TOKEN_EXPIRED at 2:00:01 (its session alive)', async () => {
      const user = await newEnterpriseUser(ds);
      const s = await signedIn(user, Role.ENTERPRISE);
      const { iat } = JSON.parse(Buffer.from(s.token.split('.')[1], 'base64url').toString()) as { iat: number };
      // The process's clock moves on (the token's expiry is checked against it); the session lives 30 days.
      const clock = jest.spyOn(Date, 'now');
      try {
        clock.mockReturnValue((iat + 2 * 3600 - 1) * SEC);
        expect((await call(s.token)).actor?.id).toBe(user);
        clock.mockReturnValue((iat + 2 * 3600 + 1) * SEC);
        expect(await refused(s.token)).toBe('TOKEN_EXPIRED');
      } finally {
        clock.mockRestore();
      }
      // The token's expiry alone: the session itself was not ended.
      expect(await row(s.id)).toMatchObject({ revoked: false });
    });
  });
});
