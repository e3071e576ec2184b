import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity';
import { SessionEntity } from './session.entity';

@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private sessions(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(SessionEntity);
  }

  private tokens(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(RefreshTokenEntity);
  }

  async open(userId: string, lifetimeMs: number, manager?: EntityManager): Promise<SessionEntity> {
    const now = new Date();
    return this.sessions(manager).save({ userId, lastSeenAt: now, expiresAt: new Date(now.getTime() + lifetimeMs) });
  }

  findWithUser(id: string): Promise<SessionEntity | null> {
    return this.sessions().findOne({ where: { id }, relations: { user: true } });
  }

  async touch(id: string): Promise<void> {
    await this.sessions().update({ id }, { lastSeenAt: new Date() });
  }

  async revoke(id: string, reason: string, manager?: EntityManager): Promise<void> {
    await this.sessions(manager).update({ id, revokedAt: IsNull() }, { revokedAt: new Date(), revokeReason: reason });
  }

  async revokeAllForUser(userId: string, reason: string, manager?: EntityManager): Promise<void> {
    await this.sessions(manager).update(
      { userId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokeReason: reason },
    );
  }

  async addRefreshToken(sessionId: string, hash: string, expiresAt: Date, manager?: EntityManager): Promise<void> {
    await this.tokens(manager).insert({ sessionId, tokenHash: hash, expiresAt });
  }

  findRefreshToken(hash: string): Promise<RefreshTokenEntity | null> {
    return this.tokens().findOne({ where: { tokenHash: hash }, relations: { session: { user: true } } });
  }

  /** Marks a refresh token used. False when another request used it first (so this use is a reuse). */
  async markUsed(id: string, manager?: EntityManager): Promise<boolean> {
    const result = await this.tokens(manager).update({ id, usedAt: IsNull() }, { usedAt: new Date() });
    return (result.affected ?? 0) === 1;
  }

  /** A user's sessions, newest first, for their data export (no refresh tokens). */
  listForUser(userId: string): Promise<SessionEntity[]> {
    return this.sessions().find({
      select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, revokedAt: true, revokeReason: true },
      where: { userId },
      order: { createdAt: 'DESC' },
    });
  }
}
