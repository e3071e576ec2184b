import { Role } from '@qsgj/shared/enums';
import { handoverProblem, SELF_SUCCESSOR } from './handover.policy';

describe('handover policy', () => {
  const departing = { id: 'b-1', departmentId: 'd-1' };
  const cases = { enterprises: 2, openCases: 1 };
  const enterprisesOnly = { enterprises: 2, openCases: 0 };

  it('never hands over to the departing account itself', () => {
    expect(handoverProblem(departing, { id: 'b-1', role: Role.BUTLER, departmentId: 'd-1' }, cases)).toBe(
      SELF_SUCCESSOR,
    );
  });

  it('lets any butler take over, whatever their department', () => {
    expect(handoverProblem(departing, { id: 'b-2', role: Role.BUTLER, departmentId: 'd-2' }, cases)).toBeNull();
  });

  it('lets a supervisor of another department take enterprises but not open cases they could not see', () => {
    const far = { id: 's-2', role: Role.SUPERVISOR, departmentId: 'd-2' };
    expect(handoverProblem(departing, far, cases)).toMatch(/其他部门的主管/);
    expect(handoverProblem(departing, far, enterprisesOnly)).toBeNull();
    expect(handoverProblem(departing, { ...far, departmentId: 'd-1' }, cases)).toBeNull();
  });
});
