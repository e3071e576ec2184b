import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SessionEntity } from './session.entity';
import { SessionsRepository } from './sessions.repository';

/** Sessions, for the domains that end them (staff deactivation, account deletion) or export them. */
@Injectable()
export class SessionsService {
  constructor(private readonly sessions: SessionsRepository) {}

  /** Ends every live session of the user (their refresh tokens die with them). */
  revokeAllForUser(userId: string, reason: string, manager?: EntityManager): Promise<void> {
    return this.sessions.revokeAllForUser(userId, reason, manager);
  }

  /** A user's sessions, newest first, without refresh tokens (their PIPL data export). */
  listForUser(userId: string): Promise<SessionEntity[]> {
    return this.sessions.listForUser(userId);
  }
}
