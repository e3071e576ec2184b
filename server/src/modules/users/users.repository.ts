import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { Role, STAFF_ROLES } from '@qsgj/shared/enums';
import { type Cursor, likeEscape } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { DepartmentEntity } from '../departments/department.entity';
import { UserEntity } from './user.entity';

/** The staff list's order: by username (unique among staff), then id. */
export const STAFF_ORDER: KeysetOrder = {
  table: 'users',
  alias: 'u',
  keys: [(a) => `${a}.username`],
  direction: 'ASC',
  idType: 'uuid',
};

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

/** A user's lock as the database reports it: until when, and how many seconds that is from its now(). */
interface LockRow {
  locked_until: Date | string | null;
  retry_after: number | null;
}

function lockOf(row: LockRow): { lockedUntil: Date | null; retryAfterSeconds: number } {
  if (row.locked_until === null) return { lockedUntil: null, retryAfterSeconds: 0 };
  return { lockedUntil: new Date(row.locked_until), retryAfterSeconds: Math.max(1, Number(row.retry_after)) };
}

/** An UPDATE … RETURNING answers `[rows, count]` on PostgreSQL (node-pg) and the rows alone elsewhere. */
function rowsOf<T>(result: [T[], number] | T[]): T[] {
  return Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}

@Injectable()
export class UsersRepository {
  private byId?: { text: string; hydrate(row: Record<string, unknown>): UserEntity };

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(UserEntity);
  }

  /** With the department (null when none), as `findOne({ relations: { department: true } })` answers. */
  async findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    const query = this.byIdQuery();
    const rows = (await (manager ?? this.dataSource.manager).query(query.text, [id])) as Record<string, unknown>[];
    return rows[0] ? query.hydrate(rows[0]) : null;
  }

  /**
   * findById as one statement. It runs on most signed-in requests (/me, my butler, staff pages), and
   * TypeORM's `findOne` with a relation sends two (a DISTINCT sub-select for its LIMIT 1, then the
   * row) and spends more CPU building and hydrating them than the database spends answering. The
   * columns and each value's conversion still come from the entities' metadata, as in TypeORM's own
   * hydration, so a new column is read without touching this.
   */
  private byIdQuery(): { text: string; hydrate(row: Record<string, unknown>): UserEntity } {
    if (this.byId) return this.byId;
    const driver = this.dataSource.driver;
    const part = <T extends object>(target: new () => T, alias: string) => {
      const metadata = this.dataSource.getMetadata(target);
      const columns = metadata.columns.map((column, i) => ({ column, key: `${alias}_${i}` }));
      return {
        select: columns.map(({ column, key }) => `${alias}."${column.databaseName}" AS "${key}"`),
        idKey: columns.find(({ column }) => column.isPrimary)!.key,
        hydrate(row: Record<string, unknown>): T {
          const entity = metadata.create() as T;
          for (const { column, key } of columns) {
            column.setEntityValue(entity, driver.prepareHydratedValue(row[key], column));
          }
          return entity;
        },
      };
    };
    const user = part(UserEntity, 'u');
    const department = part(DepartmentEntity, 'd');
    this.byId = {
      text: `SELECT ${[...user.select, ...department.select].join(', ')}
FROM "users" u LEFT JOIN "departments" d ON d."id" = u."department_id"
WHERE u."id" = $1`,
      hydrate(row) {
        const entity = user.hydrate(row);
        entity.department = row[department.idKey] === null ? null : department.hydrate(row);
        return entity;
      },
    };
    return this.byId;
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

  /**
   * Claims one password check for a staff account, atomically, before the password is verified: one
   * conditional UPDATE, so however many requests race, at most `max` checks are claimed per lock
   * window. A claim is refused while the account is locked; the `max`-th claim locks it for `lockMs`
   * in the same statement (the counter restarts once that lock has passed). Time is the database's.
   * Returns whether a check was claimed and, when the account is locked (by this claim or before),
   * until when and for how many more seconds.
   */
  async claimSignInAttempt(
    id: string,
    max: number,
    lockMs: number,
  ): Promise<{ claimed: boolean; lockedUntil: Date | null; retryAfterSeconds: number }> {
    const claimed = (await this.dataSource.query(
      `UPDATE users SET
  failed_attempts = (CASE WHEN locked_until IS NOT NULL THEN 0 ELSE failed_attempts END) + 1,
  locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL THEN 0 ELSE failed_attempts END) + 1 >= $2
    THEN now() + make_interval(secs => $3::float8 / 1000) END
WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
RETURNING locked_until, ceil(extract(epoch FROM locked_until - now()))::int AS retry_after`,
      [id, max, lockMs],
    )) as [LockRow[], number] | LockRow[];
    const claim = rowsOf(claimed)[0];
    if (claim) return { claimed: true, ...lockOf(claim) };
    // Refused: the account is locked. Read the lock in a statement of its own, so that it sees the
    // claim that set it even when that claim committed while this one waited for the row.
    const [row] = (await this.dataSource.query(
      `SELECT locked_until, ceil(extract(epoch FROM locked_until - now()))::int AS retry_after FROM users WHERE id = $1`,
      [id],
    )) as LockRow[];
    return { claimed: false, ...(row ? lockOf(row) : { lockedUntil: null, retryAfterSeconds: 0 }) };
  }

  /** The right password: the failure count and any lock are cleared. */
  async clearSignInAttempts(id: string): Promise<void> {
    await this.repo().update({ id }, { failedAttempts: 0, lockedUntil: null });
  }

  /** Staff accounts (never enterprise users, never deleted ones), with their department, by username, after the cursor. */
  listStaff(filter: StaffFilter, after: Cursor | undefined, limit: number): Promise<UserEntity[]> {
    const qb = this.repo()
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.department', 'd')
      .where('u.role IN (:...roles)', { roles: filter.role ? [filter.role] : [...STAFF_ROLES] })
      .andWhere('u.deleted_at IS NULL');
    if (filter.departmentId) qb.andWhere('u.department_id = :departmentId', { departmentId: filter.departmentId });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    if (filter.q) qb.andWhere('(u.username ILIKE :q OR u.name ILIKE :q)', { q: `%${likeEscape(filter.q)}%` });
    return keyset(qb, STAFF_ORDER, after, limit).getMany();
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
    // FOR NO KEY UPDATE: serialises every change to this user, yet lets another transaction insert a row
    // that references them (a notification, a membership), which FOR UPDATE would block — an owner's
    // deletion telling the successor who is deleting their own account at that moment deadlocked on it.
    await this.repo(manager).findOne({ select: { id: true }, where: { id }, lock: { mode: 'for_no_key_update' } });
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
