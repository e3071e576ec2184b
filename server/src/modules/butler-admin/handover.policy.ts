import type { StaffWorkload } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';

/**
 * Who may take over a deactivated butler's work — the one place the rule lives (that the successor is an
 * active butler or supervisor is `canServeAsButler`'s). A Chinese reason the successor is refused, or null.
 *
 * Handed-over cases keep their department: the department that was handling them goes on seeing them, and
 * the successor becomes the butler holding them. A butler sees the cases they hold whatever the department
 * (case.policy.ts, the `butler` scope), so any active butler may take over. A supervisor sees only their own
 * department's cases, so one of another department may take over enterprises but not open cases: they
 * could not see the cases they would hold.
 */
export const SELF_SUCCESSOR = '接手人不能是被停用的本人';

export function handoverProblem(
  departing: { id: string; departmentId: string | null },
  successor: { id: string; role: Role; departmentId: string | null },
  held: StaffWorkload,
): string | null {
  if (successor.id === departing.id) return SELF_SUCCESSOR;
  if (held.openCases > 0 && successor.role === Role.SUPERVISOR && successor.departmentId !== departing.departmentId) {
    return '其他部门的主管看不到本部门的诉求，请选择本部门的主管或任一在岗管家接手';
  }
  return null;
}
