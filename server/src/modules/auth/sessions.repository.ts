import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity';
import { SessionEntity } from './session.entity';
import type { UserEntity } from '../users/user.entity';

/** What the auth guard needs of a session and its user on every signed-in request. */
export interface GuardSession {
  id: string;
  userId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  user: Pick<UserEntity, 'role' | 'active' | 'deletedAt' | 'departmentId' | 'mustChangePassword'>;
}

/*
 * The guard's statements, hand-written: it runs on every signed-in request, and TypeORM's
 * `findOne({ relations })` sends two queries (a DISTINCT sub-select, then the rows) and hydrates
 * every column of both entities.
 */
const GUARD_SQL = {
  /** $1 session id. The session with the few user columns the guard checks. */
  findWithUser: `SELECT s."id", s."user_id", s."last_seen_at", s."expires_at", s."revoked_at",
  u."role", u."active", u."deleted_at", u."department_id", u."must_change_password"
FROM "sessions" s JOIN "users" u ON u."id" = s."user_id"
WHERE s."id" = $1`,
  /** $1 session id, $2 the time seen (the process's clock, which the idle rule compares it with). */
  touch: `UPDATE "sessions" SET "last_seen_at" = $2 WHERE "id" = $1`,
} as const;

interface GuardRow {
  id: string;
  user_id: string;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  role: UserEntity['role'];
  active: boolean;
  deleted_at: Date | null;
  department_id: string | null;
  must_change_password: boolean;
}

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

  /** The auth guard's lookup: one round trip, only the columns it checks. */
  async findWithUser(id: string): Promise<GuardSession | null> {
    const rows = (await this.dataSource.query(GUARD_SQL.findWithUser, [id])) as GuardRow[];
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      userId: r.user_id,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
      revokedAt: r.revoked_at,
      user: {
        role: r.role,
        active: r.active,
        deletedAt: r.deleted_at,
        departmentId: r.department_id,
        mustChangePassword: r.must_change_password,
      },
    };
  }

  async touch(id: string): Promise<void> {
    await this.dataSource.query(GUARD_SQL.touch, [id, new Date()]);
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

  /**
   * Rotation, in one transaction: marks the presented token used at `usedAt` — only if still unused —
   * stores its successor's hash and renews the session. False when another request used it first.
   * A refresh racing this one waits on the token's row lock, so once it sees the token used it also
   * sees the successor.
   */
  async rotateRefreshToken(
    usedId: string,
    usedAt: Date,
    successor: { sessionId: string; hash: string; expiresAt: Date },
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const used = await this.tokens(manager).update({ id: usedId, usedAt: IsNull() }, { usedAt });
      if ((used.affected ?? 0) !== 1) return false;
      await this.tokens(manager).insert({
        sessionId: successor.sessionId,
        tokenHash: successor.hash,
        expiresAt: successor.expiresAt,
      });
      await this.sessions(manager).update({ id: successor.sessionId }, { lastSeenAt: usedAt });
      return true;
    });
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
