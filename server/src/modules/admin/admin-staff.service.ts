import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CreateStaffDto, StaffItem, StaffQueryDto, UpdateStaffDto } from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import { passwordProblems } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { type AuditEntry, AuditService } from '../../common/audit/audit.service';
import { AppException, notFound } from '../../common/errors/app-exception';
import { hashPassword } from '../auth/auth.service';
import { SessionsRepository } from '../auth/sessions.repository';
import { DepartmentsRepository } from '../departments/departments.repository';
import type { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { toStaffItem } from './admin.mapper';
import { newStaffProblem, staffChangeProblem } from './staff.policy';

/** The profile fields an admin edits. */
type ProfileField = 'name' | 'role' | 'departmentId' | 'specialties' | 'active';
type ProfileChanges = Partial<Record<ProfileField, { from: unknown; to: unknown }>>;

@Injectable()
export class AdminStaffService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly departments: DepartmentsRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: StaffQueryDto): Promise<StaffItem[]> {
    const now = Date.now();
    return (await this.users.listStaff(query)).map((u) => toStaffItem(u, now));
  }

  /** A new butler, supervisor or admin, who must change the initial password at first sign-in. */
  async create(actor: Actor, dto: CreateStaffDto, meta: RequestMeta): Promise<StaffItem> {
    const username = dto.username.toLowerCase();
    const problem = newStaffProblem(dto);
    if (problem) throw new AppException(problem);
    this.checkPassword(dto.password, username, 'password');
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (m) => {
      const departmentId = dto.departmentId ?? null;
      await this.requireDepartment(departmentId, m);
      const id = await this.users.insertStaffIfUsernameFree(
        {
          username,
          name: dto.name,
          role: dto.role,
          departmentId,
          passwordHash,
          phone: dto.phone ?? null,
          specialties: dto.specialties ?? [],
        },
        m,
      );
      if (!id) throw new AppException('USERNAME_TAKEN');
      await this.audit.record(
        {
          action: AuditAction.STAFF_CREATED,
          actor,
          targetType: 'user',
          targetId: id,
          ...meta,
          details: { username, role: dto.role, departmentId },
        },
        m,
      );
      return toStaffItem(await this.loadStaff(id, m));
    });
  }

  /**
   * Profile changes, deactivation (never deletion; ends every session), password reset (must be changed at
   * next sign-in; ends every session) and unlock — each recorded as its own audit row, all in one transaction.
   */
  async update(actor: Actor, id: string, dto: UpdateStaffDto, meta: RequestMeta): Promise<StaffItem> {
    const current = await this.users.findStaffById(id);
    if (!current) throw notFound();
    let passwordHash: string | null = null;
    if (dto.resetPassword !== undefined) {
      this.checkPassword(dto.resetPassword, current.username ?? '', 'resetPassword');
      passwordHash = await hashPassword(dto.resetPassword);
    }
    return this.dataSource.transaction(async (m) => {
      const target = await this.users.lockStaffById(id, m);
      if (!target) throw notFound();
      const problem = staffChangeProblem(actor, target, dto);
      if (problem) throw new AppException(problem);
      if (dto.departmentId !== undefined && dto.departmentId !== target.departmentId) {
        await this.requireDepartment(dto.departmentId, m);
      }

      const { patch, changes } = profileChanges(target, dto);
      const write: Partial<UserEntity> = { ...patch };
      if (passwordHash) {
        write.passwordHash = passwordHash;
        write.mustChangePassword = true;
      }
      if (dto.unlock) {
        write.lockedUntil = null;
        write.failedAttempts = 0;
      }
      if (Object.keys(write).length > 0) await this.users.update(id, write, m);

      const deactivated = changes.active?.to === false;
      if (deactivated || passwordHash) {
        await this.sessions.revokeAllForUser(id, deactivated ? 'deactivated' : 'password_reset', m);
      }

      const base: Omit<AuditEntry, 'action'> = { actor, targetType: 'user', targetId: id, ...meta };
      // Deactivation has its own row; a reactivation is an ordinary update.
      const updated = Object.fromEntries(
        Object.entries(changes).filter(([field]) => !(deactivated && field === 'active')),
      );
      if (Object.keys(updated).length > 0) {
        await this.audit.record({ ...base, action: AuditAction.STAFF_UPDATED, details: { changes: updated } }, m);
      }
      if (deactivated) await this.audit.record({ ...base, action: AuditAction.STAFF_DEACTIVATED }, m);
      if (passwordHash) await this.audit.record({ ...base, action: AuditAction.STAFF_PASSWORD_RESET }, m);
      if (dto.unlock) {
        const lockedUntil = target.lockedUntil?.toISOString() ?? null;
        await this.audit.record(
          {
            ...base,
            action: AuditAction.STAFF_UNLOCKED,
            details: { lockedUntil, failedAttempts: target.failedAttempts },
          },
          m,
        );
      }
      return toStaffItem(await this.loadStaff(id, m));
    });
  }

  private checkPassword(password: string, username: string, field: string): void {
    const problems = passwordProblems(password, username);
    if (problems.length > 0) {
      throw new AppException(
        'PASSWORD_TOO_WEAK',
        problems.map((message) => ({ field, message })),
      );
    }
  }

  /** A department id given must name a department (404 otherwise); null is no department. */
  private async requireDepartment(id: string | null, m: EntityManager): Promise<void> {
    if (id && !(await this.departments.findById(id, m))) throw notFound();
  }

  private async loadStaff(id: string, m: EntityManager): Promise<UserEntity> {
    const user = await this.users.findStaffById(id, m);
    if (!user) throw notFound();
    return user;
  }
}

/** What the request changes in the profile, field by field (absent and unchanged fields left out). */
function profileChanges(
  target: UserEntity,
  dto: UpdateStaffDto,
): { patch: Partial<UserEntity>; changes: ProfileChanges } {
  const patch: Partial<UserEntity> = {};
  const changes: ProfileChanges = {};
  const compare = <K extends ProfileField>(field: K, to: UserEntity[K] | undefined) => {
    if (to === undefined || JSON.stringify(target[field]) === JSON.stringify(to)) return;
    changes[field] = { from: target[field], to };
    patch[field] = to;
  };
  compare('name', dto.name);
  compare('role', dto.role);
  compare('departmentId', dto.departmentId);
  compare('specialties', dto.specialties);
  compare('active', dto.active);
  return { patch, changes };
}
