import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CreateStaffDto, Page, StaffItem, StaffQueryDto, UpdateStaffDto } from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import { passwordProblems } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, fieldError, notFound } from '../../common/errors/app-exception';
import { paged } from '../../common/paging/keyset';
import { type Change, Changes } from '../audit/changes';
import { SessionsService } from '../auth/sessions.service';
import { ButlerAssignmentsService } from '../butler-admin/butler-assignments.service';
import { DepartmentsService } from '../departments/departments.service';
import { PasswordHasher } from '../users/password-hasher';
import type { UserEntity } from '../users/user.entity';
import { STAFF_ORDER } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { toStaffItem } from './staff.mapper';
import { canServeAsButler, needsDepartment, newStaffProblem, staffChangeProblem } from './staff.policy';

/** The profile fields an admin edits. */
type ProfileField = 'name' | 'role' | 'departmentId' | 'specialties' | 'introduction' | 'active';
type ProfileChanges = Partial<Record<ProfileField, { from: unknown; to: unknown }>>;

/** Staff accounts (butlers, supervisors, admins): the admin's list, creation and changes. */
@Injectable()
export class StaffService {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly departments: DepartmentsService,
    private readonly sessions: SessionsService,
    private readonly changes: Changes,
    private readonly assignments: ButlerAssignmentsService,
  ) {}

  /** By username, keyset-paged. */
  async list(query: StaffQueryDto): Promise<Page<StaffItem>> {
    const { role, departmentId, q, active } = query;
    const now = Date.now();
    return paged(
      query,
      STAFF_ORDER,
      (after, limit) => this.users.listStaff({ role, departmentId, q: q || undefined, active }, after, limit),
      (u) => toStaffItem(u, now),
      (u) => ({ k: u.username ?? '', id: u.id }),
    );
  }

  /**
   * The staff account to make an enterprise's butler, locked until the transaction ends (so a concurrent
   * deactivation cannot slip in); 400 BUTLER_REQUIRED unless it is an active butler or supervisor.
   */
  async lockAssignableButler(id: string, manager: EntityManager): Promise<UserEntity> {
    const butler = await this.users.lockStaffById(id, manager);
    if (!butler || !canServeAsButler(butler))
      throw new AppException('BUTLER_REQUIRED', [{ field: 'butlerId', message: '只能指派在岗的管家或主管' }]);
    return butler;
  }

  /** A new butler, supervisor or admin, who must change the initial password at first sign-in. */
  async create(actor: Actor, dto: CreateStaffDto, meta: RequestMeta): Promise<StaffItem> {
    const username = dto.username.toLowerCase();
    const problem = newStaffProblem(dto);
    if (problem) throw new AppException(problem);
    this.checkPassword(dto.password, username, 'password');
    const passwordHash = await this.passwords.hash(dto.password);
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
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
      if (dto.introduction) await this.users.update(id, { introduction: dto.introduction }, m);
      await change.audit(AuditAction.STAFF_CREATED, { type: 'user', id }, { username, role: dto.role, departmentId });
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
      passwordHash = await this.passwords.hash(dto.resetPassword);
    }
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      // Two accounts are locked in id order (a deactivation handing over to B while B hands over to A waits, never deadlocks).
      if (dto.successorId && dto.successorId < id) await this.users.lockStaffById(dto.successorId, m);
      const staff = await this.users.lockStaffById(id, m);
      if (!staff) throw notFound();
      const problem = staffChangeProblem(actor, staff, dto);
      if (problem) throw new AppException(problem);
      // A butler or supervisor made an admin stops serving enterprises (canServeAsButler): like a deactivation, it
      // leaves nothing behind.
      const leavesService = dto.role !== undefined && dto.role !== staff.role && !needsDepartment(dto.role);
      if (dto.successorId !== undefined && dto.active !== false && !leavesService) {
        throw fieldError('successorId', '只有停用账号或改为管理员时才需要选择接手人');
      }
      if (dto.departmentId !== undefined && dto.departmentId !== staff.departmentId) {
        await this.requireDepartment(dto.departmentId, m);
      }

      const { patch, changes } = profileChanges(staff, dto);
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
      // Also on an account already inactive: what an earlier deactivation left behind can still be handed over.
      if (deactivated || leavesService || (dto.active === false && dto.successorId)) {
        await this.handOver(
          change,
          actor,
          staff,
          dto.successorId,
          deactivated || !leavesService ? '停用' : '改为管理员',
        );
      }
      if (deactivated || passwordHash) {
        await this.sessions.revokeAllForUser(id, deactivated ? 'deactivated' : 'password_reset', m);
      }

      const target = { type: 'user', id };
      // Deactivation has its own row; a reactivation is an ordinary update.
      const updated = Object.fromEntries(
        Object.entries(changes).filter(([field]) => !(deactivated && field === 'active')),
      );
      if (Object.keys(updated).length > 0) {
        await change.audit(AuditAction.STAFF_UPDATED, target, { changes: updated });
      }
      if (deactivated) await change.audit(AuditAction.STAFF_DEACTIVATED, target);
      if (passwordHash) await change.audit(AuditAction.STAFF_PASSWORD_RESET, target);
      if (dto.unlock) {
        const lockedUntil = staff.lockedUntil?.toISOString() ?? null;
        await change.audit(AuditAction.STAFF_UNLOCKED, target, { lockedUntil, failedAttempts: staff.failedAttempts });
      }
      return toStaffItem(await this.loadStaff(id, m));
    });
  }

  /**
   * A deactivation (or a change to admin) leaves nothing behind: while the account serves enterprises or holds open cases, a
   * successor is required (409 BUTLER_HANDOVER_REQUIRED with the counts), and everything moves to them in
   * this change — audited as its own row (STAFF_HANDED_OVER), before STAFF_DEACTIVATED.
   */
  private async handOver(
    change: Change,
    actor: Actor,
    staff: UserEntity,
    successorId: string | undefined,
    why: '停用' | '改为管理员',
  ) {
    const held = await this.assignments.workload(staff.id, change.manager);
    if (held.enterprises === 0 && held.openCases === 0) return;
    if (!successorId) {
      throw new AppException(
        'BUTLER_HANDOVER_REQUIRED',
        { enterprises: held.enterprises, openCases: held.openCases },
        undefined,
        `该账号仍负责 ${held.enterprises} 家企业、${held.openCases} 件未办结诉求，${why}前请选择接手的管家或主管`,
      );
    }
    const done = await this.assignments.handOver(change, actor.id, staff, successorId, held);
    await change.audit(
      AuditAction.STAFF_HANDED_OVER,
      { type: 'user', id: staff.id },
      {
        successor: { id: done.successor.id, name: done.successor.name },
        enterprises: done.enterprises,
        openCases: done.openCases,
      },
    );
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
  // An empty introduction is none.
  if (dto.introduction !== undefined) compare('introduction', dto.introduction || null);
  compare('active', dto.active);
  return { patch, changes };
}
