import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditAction, isStaffRole, type Role } from '@qsgj/shared/enums';
import type { Actor } from '../../common/auth/actor';
import {
  ALLOW_PENDING_PASSWORD_KEY,
  type AuthedRequest,
  IDENTIFIES_CALLER_KEY,
  NO_CONSENT_NEEDED_KEY,
  PUBLIC_KEY,
  requestMeta,
  ROLES_KEY,
} from '../../common/auth/decorators';
import { TokenService } from '../../common/auth/token.service';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../../common/errors/app-exception';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { UsersService } from '../users/users.service';
import { judgeSession, TOUCH_EVERY_MS } from './session-policy';
import { SessionsRepository } from './sessions.repository';

/** Methods that write nothing: never refused for want of consent. */
const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard: every route needs a valid access token and a live session unless marked @Public();
 * @Roles() narrows who may call it. Denials are audited. An enterprise user's writes (every method but
 * GET, HEAD, OPTIONS) also need their consent to the current privacy notice unless the route is marked
 * @NoConsentNeeded().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    // A public route ignores whatever Authorization header comes with it (a stale token must not turn
    // /health, /auth/config or /auth/refresh into a 401), and serves no one in particular: no actor, so
    // nothing it answers (a refresh's new tokens) is kept in the idempotency store either.
    const header = req.headers.authorization;
    // The scheme is case-insensitive (RFC 9110 §11.1): `bearer x` and `BEARER x` are `Bearer x`.
    const bearer = typeof header === 'string' ? (/^bearer +(.*)$/i.exec(header)?.[1].trim() ?? null) : null;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      // @PublicIdentified() reads (GET only): a valid token still says who asks; anything else reads anonymously.
      if (
        bearer &&
        READ_METHODS.has(req.method) &&
        this.reflector.getAllAndOverride<boolean>(IDENTIFIES_CALLER_KEY, targets)
      ) {
        const found = await this.authenticate(bearer).catch(() => null);
        if (found) {
          const { mustChangePassword, ...actor } = found;
          if (!mustChangePassword) req.actor = actor;
        }
      }
      return true;
    }
    if (!bearer) throw new AppException('UNAUTHENTICATED');
    const { mustChangePassword, ...actor } = await this.authenticate(bearer);
    req.actor = actor;
    const allowPending = this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_PASSWORD_KEY, targets) ?? false;
    if (mustChangePassword && !allowPending) {
      throw new AppException('PASSWORD_CHANGE_REQUIRED');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(actor.role)) {
      await this.audit.record({
        action: AuditAction.ACCESS_DENIED,
        actor,
        outcome: 'denied',
        ...requestMeta(req),
        details: { method: req.method, route: req.routeOptions?.url ?? req.url },
      });
      throw new AppException('FORBIDDEN');
    }
    if (await this.lacksConsent(req, actor, targets)) throw new AppException('CONSENT_REQUIRED');
    return true;
  }

  /**
   * PIPL art. 13–14: an enterprise user's personal data (binding, profile, phone, subscribe grants, every
   * later form) is written only after they agreed to the privacy notice, and to its current version: a
   * new CONSENT_VERSION asks everyone again. Declared once here, so a new write route cannot forget it.
   * Staff are not asked: they sign in with accounts an admin created for their work, their data is
   * processed for employment (art. 13 (2)), and the mini-program's notice is not addressed to them.
   */
  private async lacksConsent(req: AuthedRequest, actor: Actor, targets: Parameters<Reflector['get']>[1][]) {
    if (isStaffRole(actor.role) || READ_METHODS.has(req.method)) return false;
    if (this.reflector.getAllAndOverride<boolean>(NO_CONSENT_NEEDED_KEY, targets)) return false;
    const user = await this.users.findActiveById(actor.id);
    return user?.consentVersion !== this.config.CONSENT_VERSION;
  }

  private async authenticate(bearer: string): Promise<Actor & { mustChangePassword: boolean }> {
    const claims = this.tokens.verifyAccess(bearer);
    const session = await this.sessions.findWithUser(claims.sid);
    const user = session?.user;
    if (!session || !user || session.userId !== claims.sub) throw new AppException('SESSION_REVOKED');
    const now = Date.now();
    const verdict = judgeSession(session, user.role, now);
    if (verdict === 'idle') {
      await this.sessions.revoke(session.id, 'idle');
      throw new AppException('SESSION_IDLE_TIMEOUT');
    }
    if (verdict !== 'ok') throw new AppException(verdict === 'expired' ? 'TOKEN_EXPIRED' : 'SESSION_REVOKED');
    if (user.deletedAt) throw new AppException('ACCOUNT_DELETED');
    if (!user.active) throw new AppException('STAFF_INACTIVE');
    if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await this.sessions.touch(session.id);
    return {
      id: session.userId,
      role: user.role,
      sessionId: session.id,
      departmentId: user.departmentId,
      mustChangePassword: isStaffRole(user.role) && user.mustChangePassword,
    };
  }
}
