import { Role } from '@qsgj/shared/enums';
import type { ErrorCode } from '@qsgj/shared/errors';

/**
 * What an admin may do to staff accounts and enterprise assignments — the one place these rules live.
 * (That only admins reach these routes at all is the @Roles('admin') guard's job.)
 */

/** Butlers and supervisors work for a department; an admin may have none. */
export function needsDepartment(role: Role): boolean {
  return role === Role.BUTLER || role === Role.SUPERVISOR;
}

/** A new account: the error code that forbids it, or null. */
export function newStaffProblem(staff: { role: Role; departmentId?: string | null }): ErrorCode | null {
  return needsDepartment(staff.role) && !staff.departmentId ? 'DEPARTMENT_REQUIRED' : null;
}

export interface StaffState {
  id: string;
  role: Role;
  departmentId: string | null;
}

export interface StaffChange {
  role?: Role;
  /** null removes the department. */
  departmentId?: string | null;
  active?: boolean;
}

/**
 * May this admin make this change to this staff account? The error code that forbids it, or null.
 * An admin never deactivates or re-roles themself (so the last admin cannot lock everyone out by accident),
 * and a butler or supervisor always keeps a department.
 */
export function staffChangeProblem(actor: { id: string }, target: StaffState, change: StaffChange): ErrorCode | null {
  const self = actor.id === target.id;
  if (self && change.active === false) return 'CANNOT_DEACTIVATE_SELF';
  if (self && change.role !== undefined && change.role !== target.role) return 'CANNOT_CHANGE_OWN_ROLE';
  const role = change.role ?? target.role;
  const departmentId = change.departmentId !== undefined ? change.departmentId : target.departmentId;
  return newStaffProblem({ role, departmentId });
}

/** Only an active (and not deleted) butler or supervisor can be an enterprise's assigned butler. */
export function canServeAsButler(user: { role: Role; active: boolean; deletedAt: Date | null } | null): boolean {
  return !!user && needsDepartment(user.role) && user.active && !user.deletedAt;
}
