import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { Role, STAFF_ROLES } from '@qsgj/shared/enums';
import { UserEntity } from './user.entity';

/** Filters of the admin's staff list; `q` matches username or name. */
export interface StaffFilter {
  role?: Role;
  departmentId?: string;
  q?: string;
  active?: boolean;
}

/** What a new staff account is made of. */
export interface NewStaff {
  username: string;
  name: string;
  role: Role;
  departmentId: string | null;
  passwordHash: string;
  phone: string | null;
  specialties: string[];
}

/** `%`, `_` and `\` match themselves in a LIKE pattern. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(UserEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.repo(manager).findOne({ where: { id }, relations: { department: true } });
  }

  findActiveById(id: string): Promise<UserEntity | null> {
    return this.repo().findOne({ where: { id, deletedAt: IsNull() } });
  }

  findStaffByUsername(username: string): Promise<UserEntity | null> {
    return this.repo().findOne({ where: { username: username.toLowerCase() } });
  }

  /** Finds the WeChat user or creates it; safe when two sign-ins race for the same openid. */
  async findOrCreateByOpenid(
    openid: string,
    unionid: string | undefined,
  ): Promise<{ user: UserEntity; created: boolean }> {
    const inserted = await this.repo()
      .createQueryBuilder()
      .insert()
      .values({ role: Role.ENTERPRISE, openid, unionid: unionid ?? null })
      .orIgnore()
      .returning('id')
      .execute();
    const created = inserted.identifiers.length > 0 && Boolean(inserted.identifiers[0]?.id);
    const user = await this.repo().findOneOrFail({ where: { openid } });
    return { user, created };
  }

  async save(user: UserEntity, manager?: EntityManager): Promise<UserEntity> {
    return this.repo(manager).save(user);
  }

  async update(id: string, patch: Partial<UserEntity>, manager?: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, patch);
  }

  /** Counts a failed password; returns the new count. */
  async recordFailedAttempt(id: string): Promise<number> {
    const result = await this.repo()
      .createQueryBuilder()
      .update()
      .set({ failedAttempts: () => 'failed_attempts + 1' })
      .where('id = :id', { id })
      .returning('failed_attempts')
      .execute();
    return Number((result.raw as Array<{ failed_attempts: number }>)[0].failed_attempts);
  }

  /** Staff accounts (never enterprise users, never deleted ones), with their department, by username. */
  listStaff(filter: StaffFilter): Promise<UserEntity[]> {
    const qb = this.repo()
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.department', 'd')
      .where('u.role IN (:...roles)', { roles: filter.role ? [filter.role] : [...STAFF_ROLES] })
      .andWhere('u.deleted_at IS NULL');
    if (filter.departmentId) qb.andWhere('u.department_id = :departmentId', { departmentId: filter.departmentId });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    if (filter.q) qb.andWhere('(u.username ILIKE :q OR u.name ILIKE :q)', { q: `%${likeEscape(filter.q)}%` });
    return qb.orderBy('u.username', 'ASC').getMany();
  }

  /** A staff account by id, with its department; null for enterprise users and deleted accounts. */
  findStaffById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.repo(manager).findOne({
      where: { id, role: In([...STAFF_ROLES]), deletedAt: IsNull() },
      relations: { department: true },
    });
  }

  /** Like findStaffById (without the department), locking the row until the transaction ends. */
  lockStaffById(id: string, manager: EntityManager): Promise<UserEntity | null> {
    return this.repo(manager).findOne({
      where: { id, role: In([...STAFF_ROLES]), deletedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Creates a staff account that must change its password at first sign-in; null when the username is taken. */
  async insertStaffIfUsernameFree(staff: NewStaff, manager?: EntityManager): Promise<string | null> {
    const result = await this.repo(manager)
      .createQueryBuilder()
      .insert()
      .values({ ...staff, mustChangePassword: true, active: true })
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as Array<{ id: string }>)[0]?.id ?? null;
  }

  /** Locks the user's row for the rest of the transaction, so one user's binding or deletion runs one at a time. */
  async lockById(id: string, manager: EntityManager): Promise<void> {
    await this.repo(manager).findOne({ select: { id: true }, where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The number WeChat's phone exchange returned. */
  async setPhone(id: string, phone: string, manager?: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, { phone });
  }

  async updateProfile(id: string, patch: { nickname?: string; largeFont?: boolean }): Promise<void> {
    if (patch.nickname === undefined && patch.largeFont === undefined) return;
    await this.repo().update({ id }, patch);
  }

  async recordConsent(id: string, version: string, at: Date, manager?: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, { consentVersion: version, consentAt: at });
  }

  /** Account deletion: personal data and WeChat identifiers go; the row stays (audit rows and statistics point at it). */
  async anonymise(id: string, at: Date, manager?: EntityManager): Promise<void> {
    await this.repo(manager).update(
      { id },
      { nickname: null, phone: null, openid: null, unionid: null, deletedAt: at },
    );
  }
}
