import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Cursor } from '@qsgj/shared/rules';
import type { UserEntity } from './user.entity';
import { type NewStaff, type StaffFilter, UsersRepository } from './users.repository';

/**
 * The users table, for the other domains (auth, staff, enterprises, account): what they may read and
 * change of a user. The repository stays inside this module.
 */
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  /** With the department. */
  findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.users.findById(id, manager);
  }

  /** Not deleted. */
  findActiveById(id: string): Promise<UserEntity | null> {
    return this.users.findActiveById(id);
  }

  findStaffByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findStaffByUsername(username);
  }

  findOrCreateByOpenid(openid: string, unionid: string | undefined): Promise<{ user: UserEntity; created: boolean }> {
    return this.users.findOrCreateByOpenid(openid, unionid);
  }

  update(id: string, patch: Partial<UserEntity>, manager?: EntityManager): Promise<void> {
    return this.users.update(id, patch, manager);
  }

  /** Claims one password check before it is made (at most `max` per lock window, atomically); see the repository. */
  claimSignInAttempt(
    id: string,
    max: number,
    lockMs: number,
  ): Promise<{ claimed: boolean; lockedUntil: Date | null; retryAfterSeconds: number }> {
    return this.users.claimSignInAttempt(id, max, lockMs);
  }

  clearSignInAttempts(id: string): Promise<void> {
    return this.users.clearSignInAttempts(id);
  }

  /** One keyset page (by username) of staff accounts; asks for `limit + 1` rows. */
  listStaff(filter: StaffFilter, after: Cursor | undefined, limit: number): Promise<UserEntity[]> {
    return this.users.listStaff(filter, after, limit);
  }

  findStaffById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.users.findStaffById(id, manager);
  }

  lockStaffById(id: string, manager: EntityManager): Promise<UserEntity | null> {
    return this.users.lockStaffById(id, manager);
  }

  insertStaffIfUsernameFree(staff: NewStaff, manager?: EntityManager): Promise<string | null> {
    return this.users.insertStaffIfUsernameFree(staff, manager);
  }

  lockById(id: string, manager: EntityManager): Promise<void> {
    return this.users.lockById(id, manager);
  }

  setPhone(id: string, phone: string, manager?: EntityManager): Promise<void> {
    return this.users.setPhone(id, phone, manager);
  }

  updateProfile(id: string, patch: { nickname?: string; largeFont?: boolean }): Promise<void> {
    return this.users.updateProfile(id, patch);
  }

  recordConsent(id: string, version: string, at: Date, manager?: EntityManager): Promise<void> {
    return this.users.recordConsent(id, version, at, manager);
  }

  anonymise(id: string, at: Date, manager?: EntityManager): Promise<void> {
    return this.users.anonymise(id, at, manager);
  }
}
