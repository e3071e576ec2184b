import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from './actor';

export const PUBLIC_KEY = 'qsgj:public';
export const ROLES_KEY = 'qsgj:roles';
export const ALLOW_PENDING_PASSWORD_KEY = 'qsgj:allow-pending-password';
export const NO_CONSENT_NEEDED_KEY = 'qsgj:no-consent-needed';

export const IDENTIFIES_CALLER_KEY = 'qsgj:identifies-caller';

/** The route needs no sign-in (a token sent with it is ignored: the caller is anonymous). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * A public read that answers a signed-in caller more (a draft to staff, favourites to an enterprise user): a
 * valid token identifies the caller; no token, or one that is no longer valid, reads anonymously.
 */
export const PublicIdentified = () =>
  applyDecorators(SetMetadata(PUBLIC_KEY, true), SetMetadata(IDENTIFIES_CALLER_KEY, true));

/** Only these roles may call the route; others get 403 and an audit row. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Staff who must change their password may still call this route. */
export const AllowPendingPasswordChange = () => SetMetadata(ALLOW_PENDING_PASSWORD_KEY, true);

/**
 * An enterprise user may call this write without having agreed to the current privacy notice. Every
 * other non-GET route refuses them (403 `CONSENT_REQUIRED`) until they agree: giving consent, signing
 * out and deleting the account are the only writes that must work without it (AuthGuard).
 */
export const NoConsentNeeded = () => SetMetadata(NO_CONSENT_NEEDED_KEY, true);

export type AuthedRequest = FastifyRequest & { actor?: Actor };

/** The signed-in actor (undefined on a public route called without a token). */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor | undefined => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().actor;
});

export function requestMeta(req: FastifyRequest): RequestMeta {
  return { ip: req.ip ?? null, requestId: String(req.id) };
}

/** IP and request id, for audit rows. */
export const ReqMeta = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta => {
  return requestMeta(ctx.switchToHttp().getRequest<FastifyRequest>());
});
