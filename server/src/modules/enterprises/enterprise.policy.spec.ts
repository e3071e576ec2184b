import { MemberRole, MembershipStatus, Role } from '@qsgj/shared/enums';
import { AppException } from '../../common/errors/app-exception';
import {
  EnterpriseAction,
  enforce,
  enterprisePolicy,
  type PolicyMembership,
  type PolicyVerdict,
} from './enterprise.policy';

const ENTERPRISE = { id: 'e1', butlerId: 'butler-1' };
const OTHER_ENTERPRISE = { id: 'e2', butlerId: 'butler-2' };
const member = (role: MemberRole, status: MembershipStatus, enterpriseId = 'e1'): PolicyMembership => ({
  enterpriseId,
  role,
  status,
});

describe('enterprisePolicy', () => {
  const { VIEW_PROFILE, MANAGE_MEMBERS } = EnterpriseAction;

  it.each<[string, Role, string, PolicyVerdict, PolicyVerdict]>([
    ['admin', Role.ADMIN, 'admin-1', 'allow', 'allow'],
    ['supervisor', Role.SUPERVISOR, 'sup-1', 'allow', 'allow'],
    ['the assigned butler', Role.BUTLER, 'butler-1', 'allow', 'allow'],
    ['another butler', Role.BUTLER, 'butler-2', 'not_found', 'not_found'],
  ])('%s: view profile → %s, manage members → %s', (_label, role, id, view, manage) => {
    const actor = { id, role };
    expect(enterprisePolicy(actor, VIEW_PROFILE, ENTERPRISE, null)).toBe(view);
    expect(enterprisePolicy(actor, MANAGE_MEMBERS, ENTERPRISE, null)).toBe(manage);
  });

  it('a butler with no enterprise assigned sees none', () => {
    expect(
      enterprisePolicy({ id: 'butler-1', role: Role.BUTLER }, MANAGE_MEMBERS, { id: 'e3', butlerId: null }, null),
    ).toBe('not_found');
  });

  it.each<[string, PolicyMembership | null, PolicyVerdict, PolicyVerdict]>([
    ['approved owner', member(MemberRole.OWNER, MembershipStatus.APPROVED), 'allow', 'allow'],
    ['approved member', member(MemberRole.MEMBER, MembershipStatus.APPROVED), 'allow', 'forbidden'],
    ['pending member', member(MemberRole.MEMBER, MembershipStatus.PENDING), 'forbidden', 'forbidden'],
    ['rejected member', member(MemberRole.MEMBER, MembershipStatus.REJECTED), 'forbidden', 'forbidden'],
    [
      'owner of another enterprise',
      member(MemberRole.OWNER, MembershipStatus.APPROVED, 'e2'),
      'not_found',
      'not_found',
    ],
    ['unbound user', null, 'not_found', 'not_found'],
  ])('enterprise user, %s: view profile → %s, manage members → %s', (_label, membership, view, manage) => {
    const actor = { id: 'u1', role: Role.ENTERPRISE };
    expect(enterprisePolicy(actor, VIEW_PROFILE, ENTERPRISE, membership)).toBe(view);
    expect(enterprisePolicy(actor, MANAGE_MEMBERS, ENTERPRISE, membership)).toBe(manage);
  });

  it('an owner manages only their own enterprise', () => {
    const owner = member(MemberRole.OWNER, MembershipStatus.APPROVED);
    expect(enterprisePolicy({ id: 'u1', role: Role.ENTERPRISE }, MANAGE_MEMBERS, OTHER_ENTERPRISE, owner)).toBe(
      'not_found',
    );
  });
});

describe('enforce', () => {
  const codeOf = (verdict: PolicyVerdict): string | null => {
    try {
      enforce(verdict);
      return null;
    } catch (e) {
      return (e as AppException).code;
    }
  };

  it('answers 404 for not_found, 403 for forbidden, nothing for allow', () => {
    expect(codeOf('not_found')).toBe('NOT_FOUND');
    expect(codeOf('forbidden')).toBe('FORBIDDEN');
    expect(codeOf('allow')).toBeNull();
  });
});
