import { Role } from '@qsgj/shared/enums';
import {
  canServeAsButler,
  needsDepartment,
  newStaffProblem,
  staffChangeProblem,
  type StaffState,
} from './staff.policy';

const ADMIN = { id: 'admin-1' };
const DEPT = 'dept-1';

describe('staff policy', () => {
  describe('newStaffProblem', () => {
    it.each([
      [Role.BUTLER, undefined, 'DEPARTMENT_REQUIRED'],
      [Role.SUPERVISOR, null, 'DEPARTMENT_REQUIRED'],
      [Role.BUTLER, DEPT, null],
      [Role.SUPERVISOR, DEPT, null],
      [Role.ADMIN, undefined, null],
      [Role.ADMIN, DEPT, null],
    ])('%s with department %p → %p', (role, departmentId, expected) => {
      expect(newStaffProblem({ role, departmentId })).toBe(expected);
    });
  });

  it('only butlers and supervisors need a department', () => {
    expect([Role.ENTERPRISE, Role.BUTLER, Role.SUPERVISOR, Role.ADMIN].filter(needsDepartment)).toEqual([
      Role.BUTLER,
      Role.SUPERVISOR,
    ]);
  });

  describe('staffChangeProblem', () => {
    const butler: StaffState = { id: 'b-1', role: Role.BUTLER, departmentId: DEPT };
    const self: StaffState = { id: ADMIN.id, role: Role.ADMIN, departmentId: null };

    it('lets an admin deactivate someone else, never themself', () => {
      expect(staffChangeProblem(ADMIN, butler, { active: false })).toBeNull();
      expect(staffChangeProblem(ADMIN, self, { active: false })).toBe('CANNOT_DEACTIVATE_SELF');
      expect(staffChangeProblem(ADMIN, self, { active: true })).toBeNull();
    });

    it('lets an admin change anyone’s role but their own', () => {
      expect(staffChangeProblem(ADMIN, butler, { role: Role.SUPERVISOR })).toBeNull();
      expect(staffChangeProblem(ADMIN, butler, { role: Role.ADMIN, departmentId: null })).toBeNull();
      expect(staffChangeProblem(ADMIN, self, { role: Role.BUTLER, departmentId: DEPT })).toBe('CANNOT_CHANGE_OWN_ROLE');
      expect(staffChangeProblem(ADMIN, self, { role: Role.ADMIN })).toBeNull();
    });

    it('keeps butlers and supervisors in a department', () => {
      expect(staffChangeProblem(ADMIN, butler, { departmentId: null })).toBe('DEPARTMENT_REQUIRED');
      expect(staffChangeProblem(ADMIN, { ...self, id: 'a-2' }, { role: Role.BUTLER })).toBe('DEPARTMENT_REQUIRED');
      expect(
        staffChangeProblem(ADMIN, { ...self, id: 'a-2' }, { role: Role.SUPERVISOR, departmentId: DEPT }),
      ).toBeNull();
      expect(staffChangeProblem(ADMIN, self, { departmentId: null })).toBeNull();
    });
  });

  describe('canServeAsButler', () => {
    const user = (role: Role, active = true, deletedAt: Date | null = null) => ({ role, active, deletedAt });
    it.each([
      [user(Role.BUTLER), true],
      [user(Role.SUPERVISOR), true],
      [user(Role.ADMIN), false],
      [user(Role.ENTERPRISE), false],
      [user(Role.BUTLER, false), false],
      [user(Role.BUTLER, true, new Date()), false],
      [null, false],
    ])('%p → %p', (candidate, expected) => {
      expect(canServeAsButler(candidate)).toBe(expected);
    });
  });
});
