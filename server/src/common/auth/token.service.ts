import { createHash, createHmac, createSecretKey, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@qsgj/shared/enums';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AppException } from '../errors/app-exception';

export const ACCESS_TOKEN_TTL_SECONDS = 2 * 60 * 60;

export interface AccessClaims {
  sub: string;
  sid: string;
  role: Role;
}

/** Signs and checks access JWTs (HS256); makes and hashes opaque refresh tokens. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;
  /** The key of successorRefreshToken, derived from JWT_SECRET for that one use. */
  private readonly successorKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.successorKey = createHmac('sha256', config.JWT_SECRET).update('qsgj/refresh-token-successor/v1').digest();
    this.jwt = new JwtService({
      // A KeyObject, made once: given a string, jsonwebtoken first tries to parse it as a PEM public key
      // (and throws) on every verify — the costliest step of an authenticated request.
      secret: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')),
      signOptions: { algorithm: 'HS256', issuer: 'qsgj', audience: 'qsgj-api', expiresIn: ACCESS_TOKEN_TTL_SECONDS },
      verifyOptions: { algorithms: ['HS256'], issuer: 'qsgj', audience: 'qsgj-api' },
    });
  }

  /** `issuedAt` (seconds): sign as of that time (the token then ends 2 h after it), so that one pair can be re-issued identically. */
  signAccess(claims: AccessClaims, issuedAt?: number): string {
    const payload = { sid: claims.sid, role: claims.role, ...(issuedAt === undefined ? {} : { iat: issuedAt }) };
    return this.jwt.sign(payload, { subject: claims.sub });
  }

  verifyAccess(token: string): AccessClaims {
    try {
      const payload = this.jwt.verify<{ sub: string; sid: string; role: Role }>(token);
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw new Error('claims');
      return { sub: payload.sub, sid: payload.sid, role: payload.role };
    } catch (e) {
      if ((e as Error).name === 'TokenExpiredError') throw new AppException('TOKEN_EXPIRED');
      throw new AppException('UNAUTHENTICATED');
    }
  }

  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: TokenService.hashRefresh(token) };
  }

  /**
   * The refresh token that follows `previous` when it is rotated: HMAC-SHA256 of it under a key derived
   * from JWT_SECRET. Deterministic, so a refresh racing the one that rotated `previous` can be handed the
   * very same successor although only its hash is stored; unguessable without the secret, even by someone
   * who holds `previous` (the server gives it out only within the grace window, see AuthService.refresh).
   */
  successorRefreshToken(previous: string): { token: string; hash: string } {
    const token = createHmac('sha256', this.successorKey).update(previous).digest('base64url');
    return { token, hash: TokenService.hashRefresh(token) };
  }

  static hashRefresh(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
