import type { CaseActorKind } from '@qsgj/shared/enums';
import { MembershipStatus, Role } from '@qsgj/shared/enums';

/**
 * Who may see which case — the one place it is decided (the transition table in shared/ says what they may
 * do to one they see). A case outside the viewer's scope answers 404, exactly as if it did not exist.
 */

/** The caller, as the case rules see them. */
export interface CaseViewer {
  id: string;
  role: Role;
  /** The rules' actor kind: staff of the coordinating centre act as `centre`, whatever their role. */
  kind: CaseActorKind;
  departmentId: string | null;
  /** Enterprise users: the enterprise of their approved membership; null when they have none. */
  enterpriseId: string | null;
}

/** What the scope needs of a case. */
export interface ScopedCase {
  enterpriseId: string;
  departmentId: string | null;
  butlerId: string | null;
  addressedButlerId: string | null;
  recordedBy: string | null;
  state: string;
}

/** The rules' actor kind of a signed-in user. */
export function actorKindOf(role: Role, inCentre: boolean): CaseActorKind {
  if (role === Role.ENTERPRISE) return 'enterprise';
  if (role === Role.ADMIN) return 'admin';
  if (inCentre) return 'centre';
  return role === Role.SUPERVISOR ? 'supervisor' : 'butler';
}

/** The enterprise an enterprise user acts for: only an approved membership counts. */
export function enterpriseOfMembership(membership: { enterpriseId: string; status: MembershipStatus } | null) {
  return membership && membership.status === MembershipStatus.APPROVED ? membership.enterpriseId : null;
}

/** Sees everything: admins and the coordinating centre's staff. */
export function seesAll(viewer: Pick<CaseViewer, 'kind'>): boolean {
  return viewer.kind === 'admin' || viewer.kind === 'centre';
}

/**
 * The list scope, as a condition the repository turns into SQL. Every list is ANDed with it: no filter can widen it.
 * - enterprise user: their approved enterprise's cases (none without one);
 * - admin, centre: every case;
 * - supervisor: their department's;
 * - butler: their department's, and those assigned or addressed to them;
 * - staff always see the cases they recorded themselves (接待日, 12345 …), wherever they went.
 * Staff outside the centre never see a case still held by the content check (`pending_check`).
 */
export type CaseScope =
  | { kind: 'none' }
  | { kind: 'enterprise'; enterpriseId: string }
  | { kind: 'all' }
  | { kind: 'department'; departmentId: string | null; userId: string }
  | { kind: 'butler'; departmentId: string | null; userId: string };

export function caseScope(viewer: CaseViewer): CaseScope {
  if (viewer.kind === 'enterprise') {
    return viewer.enterpriseId ? { kind: 'enterprise', enterpriseId: viewer.enterpriseId } : { kind: 'none' };
  }
  if (seesAll(viewer)) return { kind: 'all' };
  if (viewer.kind === 'supervisor') return { kind: 'department', departmentId: viewer.departmentId, userId: viewer.id };
  return { kind: 'butler', departmentId: viewer.departmentId, userId: viewer.id };
}

/** May the viewer see this case at all? The same rule as `caseScope`, for one case. */
export function canSeeCase(viewer: CaseViewer, c: ScopedCase): boolean {
  const scope = caseScope(viewer);
  switch (scope.kind) {
    case 'none':
      return false;
    case 'enterprise':
      return c.enterpriseId === scope.enterpriseId;
    case 'all':
      return true;
    case 'department':
      return (
        c.state !== 'pending_check' &&
        ((c.departmentId !== null && c.departmentId === scope.departmentId) || c.recordedBy === scope.userId)
      );
    case 'butler':
      return (
        c.state !== 'pending_check' &&
        ((c.departmentId !== null && c.departmentId === scope.departmentId) ||
          c.butlerId === scope.userId ||
          c.addressedButlerId === scope.userId ||
          c.recordedBy === scope.userId)
      );
  }
}

/**
 * An anonymous complaint hides its enterprise from the department concerned — every staff member outside
 * the centre (who sees it only as their department's, assigned or addressed). The centre and admins see it.
 */
export function hidesEnterprise(viewer: Pick<CaseViewer, 'kind'>, c: { anonymous: boolean }): boolean {
  return c.anonymous && viewer.kind !== 'enterprise' && !seesAll(viewer);
}

/** Staff of any kind (the internal view: notes, clocks, contact). */
export function isStaffViewer(viewer: Pick<CaseViewer, 'kind'>): boolean {
  return viewer.kind !== 'enterprise';
}
