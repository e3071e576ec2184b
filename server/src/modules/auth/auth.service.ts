import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthConfigResponse, SessionUser, TokenResponse } from '@qsgj/shared/contracts';
import { AuditAction, isStaffRole } from '@qsgj/shared/enums';
import { passwordProblems } from '@qsgj/shared/rules';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AuditService } from '../audit/audit.service';
import { Changes } from '../audit/changes';
import { ACCESS_TOKEN_TTL_SECONDS, TokenService } from '../../common/auth/token.service';
import { AppException } from '../../common/errors/app-exception';
import type { UserEntity } from '../users/user.entity';
import { PasswordHasher } from '../users/password-hasher';
import { UsersService } from '../users/users.service';
import { WechatClient } from '../wechat/wechat.client';
import { WECHAT_ERR, WechatError } from '../wechat/wechat.errors';
import type { RefreshTokenEntity } from './refresh-token.entity';
import type { SessionEntity } from './session.entity';
import { judgeSession, LOCK_MS, MAX_FAILED_ATTEMPTS, REFRESH_GRACE_MS, sessionLifetimeMs } from './session-policy';
import { SessionsRepository } from './sessions.repository';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsRepository,
    private readonly tokens: TokenService,
    private readonly wechat: WechatClient,
    private readonly audit: AuditService,
    private readonly changes: Changes,
  ) {}

  authConfig(): AuthConfigResponse {
    return {
      fakeWechat: this.config.fakeWechat && !this.config.isProduction,
      consentVersion: this.config.CONSENT_VERSION,
    };
  }

  /** `wx.login` code → tokens. The user is created on first sign-in; nothing is created when WeChat fails. */
  async signInWithWechat(code: string, meta: RequestMeta): Promise<TokenResponse> {
    let session;
    try {
      session = await this.wechat.code2Session(code);
    } catch (e) {
      await this.audit.record({
        action: AuditAction.WECHAT_SIGN_IN_FAILED,
        outcome: 'failure',
        ...meta,
        details: { errcode: e instanceof WechatError ? e.errcode : null },
      });
      throw this.mapLoginError(e);
    }
    const { user, created } = await this.users.findOrCreateByOpenid(session.openid, session.unionid);
    const tokens = await this.issue(user);
    await this.audit.record({
      action: AuditAction.WECHAT_SIGN_IN,
      actor: user,
      targetType: 'user',
      targetId: user.id,
      ...meta,
      details: { created },
    });
    return tokens;
  }

  private mapLoginError(e: unknown): AppException {
    if (!(e instanceof WechatError)) return new AppException('WECHAT_UNAVAILABLE');
    switch (e.errcode) {
      case WECHAT_ERR.INVALID_CODE:
      case WECHAT_ERR.CODE_USED:
        return new AppException('WECHAT_CODE_INVALID');
      case WECHAT_ERR.RATE_LIMITED:
        return new AppException('WECHAT_RATE_LIMITED', undefined, { 'retry-after': '60' });
      case WECHAT_ERR.RISKY_USER:
        // WeChat judges this account high-risk: only the user can clear it (security check in WeChat).
        return new AppException('WECHAT_RISKY_USER');
      case WECHAT_ERR.INVALID_APPSECRET:
      case WECHAT_ERR.APPSECRET_FROZEN:
      case WECHAT_ERR.INVALID_APPID:
        // Our configuration (WECHAT_SECRET / WECHAT_APPID): WechatClient logged the fix at error level.
        // Nothing the user can do; a retry helps only once the operator has fixed it.
        return new AppException('WECHAT_UNAVAILABLE', undefined, { 'retry-after': '60' });
      default:
        return new AppException('WECHAT_UNAVAILABLE', undefined, { 'retry-after': '5' });
    }
  }

  /**
   * Username + password. Five failures lock the account for 30 minutes; every attempt is audited.
   * Each check claims a slot first, atomically (UsersService.claimSignInAttempt), so at most five
   * guesses are ever checked per lock window, however many arrive at once. A wrong password and an
   * unknown username get the same answer after the same work (one hash verification); only a locked
   * account is told so, with the time left.
   */
  async signInStaff(username: string, password: string, meta: RequestMeta): Promise<TokenResponse> {
    const user = await this.users.findStaffByUsername(username);
    if (!user || !user.passwordHash || !isStaffRole(user.role)) {
      await this.passwords.verifyDummy(password);
      await this.audit.record({
        action: AuditAction.STAFF_SIGN_IN_FAILED,
        outcome: 'failure',
        ...meta,
        // Never in clear (it may be a mistyped password): a keyed hash still links repeated tries.
        details: { usernameHash: hashedUsername(this.config.JWT_SECRET, username), reason: 'unknown_user' },
      });
      throw new AppException('STAFF_CREDENTIALS_INVALID');
    }
    const fail = (reason: string) =>
      this.audit.record({
        action: AuditAction.STAFF_SIGN_IN_FAILED,
        actor: user,
        outcome: 'failure',
        targetType: 'user',
        targetId: user.id,
        ...meta,
        details: { reason },
      });
    const slot = await this.users.claimSignInAttempt(user.id, MAX_FAILED_ATTEMPTS, LOCK_MS);
    if (!slot.claimed) {
      await fail('locked');
      throw this.lockedError(slot.lockedUntil ?? new Date(Date.now() + LOCK_MS), slot.retryAfterSeconds);
    }
    if (!(await this.passwords.verify(user.passwordHash, password))) {
      await fail('bad_password');
      if (slot.lockedUntil) {
        // This was the last guess of the window: the claim locked the account.
        await this.audit.record({
          action: AuditAction.STAFF_LOCKED,
          actor: user,
          targetType: 'user',
          targetId: user.id,
          ...meta,
        });
        throw this.lockedError(slot.lockedUntil, slot.retryAfterSeconds);
      }
      throw new AppException('STAFF_CREDENTIALS_INVALID');
    }
    // The right password: the count (and a lock this very claim set) is cleared.
    await this.users.clearSignInAttempts(user.id);
    if (!user.active) {
      await fail('inactive');
      throw new AppException('STAFF_INACTIVE');
    }
    const tokens = await this.issue(user);
    await this.audit.record({
      action: AuditAction.STAFF_SIGN_IN,
      actor: user,
      targetType: 'user',
      targetId: user.id,
      ...meta,
    });
    return tokens;
  }

  private lockedError(until: Date, retryAfterSeconds: number): AppException {
    const seconds = Math.max(1, retryAfterSeconds);
    return new AppException('STAFF_LOCKED', { lockedUntil: until.toISOString() }, { 'retry-after': String(seconds) });
  }

  /**
   * Rotates a refresh token. A token used twice means it leaked: the whole session ends — except within
   * REFRESH_GRACE_MS of its rotation, when the second use gets the very same new pair (the app's requests
   * racing, or a retry whose answer was lost), not a third one.
   *
   * "The same pair" without keeping any token in clear: the successor is derived from the presented token
   * (TokenService.successorRefreshToken, an HMAC under a key from JWT_SECRET) and only its hash is stored,
   * so a duplicate re-derives it and finds it by hash; the access token is signed as of the rotation
   * (`iat` = the time the token was marked used), so it comes out identical too.
   */
  async refresh(refreshToken: string, meta: RequestMeta): Promise<TokenResponse> {
    const row = await this.sessions.findRefreshToken(TokenService.hashRefresh(refreshToken));
    const session = row?.session;
    const user = session?.user;
    if (!row || !session || !user) throw new AppException('REFRESH_TOKEN_INVALID');
    if (!row.usedAt) {
      await this.assertRefreshable(row, session, user);
      const successor = this.tokens.successorRefreshToken(refreshToken);
      const usedAt = new Date();
      const rotated = await this.sessions.rotateRefreshToken(row.id, usedAt, {
        sessionId: session.id,
        hash: successor.hash,
        expiresAt: session.expiresAt,
      });
      if (rotated) return this.pair(user, session.id, successor.token, usedAt);
    }
    return this.refreshAgain(refreshToken, meta);
  }

  /**
   * A refresh token that is already used (or was just used by a request racing this one): the same pair
   * within the grace window, provided its successor is still unused; otherwise a reuse, and the session ends.
   */
  private async refreshAgain(refreshToken: string, meta: RequestMeta): Promise<TokenResponse> {
    // Read again: a racing rotation has committed by now (its row lock made ours wait), successor included.
    const row = await this.sessions.findRefreshToken(TokenService.hashRefresh(refreshToken));
    const session = row?.session;
    const user = session?.user;
    if (!row?.usedAt || !session || !user) throw new AppException('REFRESH_TOKEN_INVALID');
    if (Date.now() - row.usedAt.getTime() <= REFRESH_GRACE_MS) {
      const successor = this.tokens.successorRefreshToken(refreshToken);
      const next = await this.sessions.findRefreshToken(successor.hash);
      if (next && next.sessionId === session.id && !next.usedAt) {
        await this.assertRefreshable(row, session, user);
        return this.pair(user, session.id, successor.token, row.usedAt);
      }
    }
    await this.sessions.revoke(session.id, 'refresh_reuse');
    await this.audit.record({
      action: AuditAction.REFRESH_REUSE_DETECTED,
      actor: user,
      outcome: 'denied',
      targetType: 'session',
      targetId: session.id,
      ...meta,
    });
    throw new AppException('REFRESH_TOKEN_REUSED');
  }

  /** The session and its user may still be refreshed (an idle staff session is ended for good). */
  private async assertRefreshable(row: RefreshTokenEntity, session: SessionEntity, user: UserEntity): Promise<void> {
    const verdict = judgeSession(session, user.role, Date.now());
    if (verdict !== 'ok' || row.expiresAt.getTime() <= Date.now() || user.deletedAt || !user.active) {
      if (verdict === 'idle') await this.sessions.revoke(session.id, 'idle');
      throw new AppException(verdict === 'idle' ? 'SESSION_IDLE_TIMEOUT' : 'REFRESH_TOKEN_INVALID');
    }
  }

  async signOut(actor: Actor, meta: RequestMeta): Promise<void> {
    await this.sessions.revoke(actor.sessionId, 'logout');
    await this.audit.record({
      action: AuditAction.SIGN_OUT,
      actor,
      targetType: 'session',
      targetId: actor.sessionId,
      ...meta,
    });
  }

  async changePassword(actor: Actor, current: string, next: string, meta: RequestMeta): Promise<void> {
    const user = await this.users.findActiveById(actor.id);
    if (!user?.passwordHash || !user.username) throw new AppException('FORBIDDEN');
    if (!(await this.passwords.verify(user.passwordHash, current))) throw new AppException('PASSWORD_INCORRECT');
    if (current === next) throw new AppException('PASSWORD_UNCHANGED');
    const problems = passwordProblems(next, user.username);
    if (problems.length)
      throw new AppException(
        'PASSWORD_TOO_WEAK',
        problems.map((message) => ({ field: 'newPassword', message })),
      );
    const passwordHash = await this.passwords.hash(next);
    await this.changes.run({ actor, meta }, async (change) => {
      await this.users.update(user.id, { passwordHash, mustChangePassword: false }, change.manager);
      await this.sessions.revokeAllForUser(user.id, 'password_changed', change.manager);
      await change.audit(AuditAction.PASSWORD_CHANGED, { type: 'user', id: user.id });
    });
  }

  /** Opens a session and returns its first tokens. */
  private async issue(user: UserEntity): Promise<TokenResponse> {
    const session = await this.sessions.open(user.id, sessionLifetimeMs(user.role));
    return this.tokensFor(user, session.id, session.expiresAt);
  }

  private async tokensFor(user: UserEntity, sessionId: string, expiresAt: Date): Promise<TokenResponse> {
    const refresh = this.tokens.newRefreshToken();
    await this.sessions.addRefreshToken(sessionId, refresh.hash, expiresAt);
    return this.pair(user, sessionId, refresh.token, new Date());
  }

  /** The answer with an access token signed as of `issuedAt` (whole seconds), and the refresh token given. */
  private pair(user: UserEntity, sessionId: string, refreshToken: string, issuedAt: Date): TokenResponse {
    const iat = Math.floor(issuedAt.getTime() / 1000);
    const sessionUser: SessionUser = {
      id: user.id,
      role: user.role,
      displayName: user.name ?? user.nickname ?? '微信用户',
      mustChangePassword: user.mustChangePassword,
    };
    return {
      accessToken: this.tokens.signAccess({ sub: user.id, sid: sessionId, role: user.role }, iat),
      // What is left of its life (all of it, but for a re-issue within the refresh grace window).
      expiresIn: ACCESS_TOKEN_TTL_SECONDS - Math.max(0, Math.floor((Date.now() - issuedAt.getTime()) / 1000)),
      refreshToken,
      user: sessionUser,
      consentRequired: !isStaffRole(user.role) && user.consentVersion !== this.config.CONSENT_VERSION,
    };
  }
}

/**
 * How an unknown username is written to the audit log: HMAC-SHA-256 under the server's secret, first
 * 32 hex digits. The same name always gives the same value (an admin sees one name tried 100 times,
 * or can check a name they know), but the log alone never reveals it — people type passwords there.
 */
export function hashedUsername(secret: string, username: string): string {
  return createHmac('sha256', secret)
    .update(`audit-username:${username.trim().toLowerCase()}`)
    .digest('hex')
    .slice(0, 32);
}
