import { createHash, createSecretKey, randomBytes } from 'node:crypto';
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

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.jwt = new JwtService({
      // A KeyObject, made once: given a string, jsonwebtoken first tries to parse it as a PEM public key
      // (and throws) on every verify — the costliest step of an authenticated request.
      secret: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')),
      signOptions: { algorithm: 'HS256', issuer: 'qsgj', audience: 'qsgj-api', expiresIn: ACCESS_TOKEN_TTL_SECONDS },
      verifyOptions: { algorithms: ['HS256'], issuer: 'qsgj', audience: 'qsgj-api' },
    });
  }

  signAccess(claims: AccessClaims): string {
    return this.jwt.sign({ sid: claims.sid, role: claims.role }, { subject: claims.sub });
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

  static hashRefresh(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
