/** Roles. Labels are what the UI shows. */
export const Role = {
  ENTERPRISE: 'enterprise',
  BUTLER: 'butler',
  SUPERVISOR: 'supervisor',
  ADMIN: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLE_LABEL: Record<Role, string> = {
  enterprise: '企业用户',
  butler: '亲商管家',
  supervisor: '主管',
  admin: '管理员',
};
export const STAFF_ROLES: readonly Role[] = [Role.BUTLER, Role.SUPERVISOR, Role.ADMIN];
export function isStaffRole(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}

/** A WeChat user's place in an enterprise. */
export const MembershipStatus = {
  PENDING: 'pending',
  APPROVED: 'approved',
  REJECTED: 'rejected',
} as const;
export type MembershipStatus = (typeof MembershipStatus)[keyof typeof MembershipStatus];
export const MEMBERSHIP_STATUS_LABEL: Record<MembershipStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
};

export const MemberRole = {
  OWNER: 'owner',
  MEMBER: 'member',
} as const;
export type MemberRole = (typeof MemberRole)[keyof typeof MemberRole];
export const MEMBER_ROLE_LABEL: Record<MemberRole, string> = {
  owner: '企业管理员',
  member: '企业成员',
};

export const EnterpriseScale = {
  LARGE: 'large',
  MEDIUM: 'medium',
  SMALL: 'small',
  MICRO: 'micro',
} as const;
export type EnterpriseScale = (typeof EnterpriseScale)[keyof typeof EnterpriseScale];
export const ENTERPRISE_SCALE_LABEL: Record<EnterpriseScale, string> = {
  large: '大型企业',
  medium: '中型企业',
  small: '小型企业',
  micro: '微型企业',
};

/** What the audit log records. */
export const AuditAction = {
  WECHAT_SIGN_IN: 'auth.wechat.sign_in',
  WECHAT_SIGN_IN_FAILED: 'auth.wechat.sign_in_failed',
  STAFF_SIGN_IN: 'auth.staff.sign_in',
  STAFF_SIGN_IN_FAILED: 'auth.staff.sign_in_failed',
  STAFF_LOCKED: 'auth.staff.locked',
  SIGN_OUT: 'auth.sign_out',
  REFRESH_REUSE_DETECTED: 'auth.refresh.reuse_detected',
  PASSWORD_CHANGED: 'auth.password.changed',
  ACCESS_DENIED: 'access.denied',
  CONSENT_GIVEN: 'privacy.consent',
  ENTERPRISE_BOUND: 'enterprise.bound',
  ENTERPRISE_JOIN_REQUESTED: 'enterprise.join_requested',
  MEMBER_APPROVED: 'enterprise.member_approved',
  MEMBER_REJECTED: 'enterprise.member_rejected',
  DATA_EXPORTED: 'privacy.export',
  ACCOUNT_DELETED: 'privacy.account_deleted',
  DEPARTMENT_CREATED: 'admin.department.created',
  DEPARTMENT_UPDATED: 'admin.department.updated',
  STAFF_CREATED: 'admin.staff.created',
  STAFF_UPDATED: 'admin.staff.updated',
  STAFF_DEACTIVATED: 'admin.staff.deactivated',
  STAFF_UNLOCKED: 'admin.staff.unlocked',
  STAFF_PASSWORD_RESET: 'admin.staff.password_reset',
  BUTLER_ASSIGNED: 'admin.enterprise.butler_assigned',
  AUDIT_VIEWED: 'admin.audit.viewed',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

/** What a notification is about. Each kind may have a WeChat subscribe-message template (configured per deployment). */
export const NotificationKind = {
  CASE_UPDATE: 'case_update',
  MEMBERSHIP: 'membership',
  POLICY: 'policy',
  LECTURE: 'lecture',
} as const;
export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind];
export const NOTIFICATION_KIND_LABEL: Record<NotificationKind, string> = {
  case_update: '诉求进展',
  membership: '企业成员',
  policy: '政策推送',
  lecture: '讲堂提醒',
};

/** A user's answer to `wx.requestSubscribeMessage`, per template (WeChat's own words). */
export const SubscribeResult = {
  ACCEPT: 'accept',
  REJECT: 'reject',
  BAN: 'ban',
  FILTER: 'filter',
} as const;
export type SubscribeResult = (typeof SubscribeResult)[keyof typeof SubscribeResult];
