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
  OWNERSHIP_TRANSFERRED: 'enterprise.ownership_transferred',
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
  CASE_CREATED: 'case.created',
  CASE_RECORDED: 'case.recorded',
  CASE_TRANSITION: 'case.transition',
  CASE_MESSAGE: 'case.message',
  CASE_NOTE: 'case.note',
  CASE_IDENTITY_VIEWED: 'case.identity_viewed',
  CASE_RATED: 'case.rated',
  FOLLOW_UP_RECORDED: 'case.follow_up_recorded',
  FOLLOW_UP_RATED: 'case.follow_up_rated',
  RATING_APPEALED: 'case.rating_appealed',
  RATING_APPEAL_DECIDED: 'case.rating_appeal_decided',
  CALENDAR_UPDATED: 'admin.calendar.updated',
  LEDGER_EXPORTED: 'stats.ledger_exported',
  ENTERPRISE_PROFILE_UPDATED: 'enterprise.profile_updated',
  DICTIONARY_ENTRY_CREATED: 'admin.dictionary.created',
  DICTIONARY_ENTRY_UPDATED: 'admin.dictionary.updated',
  POLICY_CREATED: 'admin.policy.created',
  POLICY_UPDATED: 'admin.policy.updated',
  POLICY_PUBLISHED: 'admin.policy.published',
  POLICY_WITHDRAWN: 'admin.policy.withdrawn',
  POLICIES_IMPORTED: 'admin.policy.imported',
  SERVICE_PACKAGE_CREATED: 'admin.service_package.created',
  SERVICE_PACKAGE_UPDATED: 'admin.service_package.updated',
  SERVICE_PACKAGE_RETIRED: 'admin.service_package.retired',
  NEWS_CREATED: 'admin.news.created',
  NEWS_UPDATED: 'admin.news.updated',
  NEWS_PUBLISHED: 'admin.news.published',
  NEWS_WITHDRAWN: 'admin.news.withdrawn',
  FAQ_DRAFTED: 'staff.faq.drafted',
  FAQ_UPDATED: 'staff.faq.updated',
  FAQ_PUBLISHED: 'staff.faq.published',
  FAQ_WITHDRAWN: 'staff.faq.withdrawn',
  BUTLERS_REASSIGNED: 'admin.enterprise.butlers_reassigned',
  STAFF_HANDED_OVER: 'admin.staff.handed_over',
  EVENT_CREATED: 'admin.event.created',
  EVENT_UPDATED: 'admin.event.updated',
  EVENT_PUBLISHED: 'admin.event.published',
  EVENT_CANCELLED: 'admin.event.cancelled',
  EVENT_CHECKED_IN: 'staff.event.checked_in',
  EVENT_REGISTRATION_TO_CASE: 'staff.event.registration_to_case',
  MARKET_POST_TAKEN_DOWN: 'staff.market.post_taken_down',
  MARKET_REPORT_REVIEWED: 'staff.market.report_reviewed',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

/** What a notification is about. Each kind may have a WeChat subscribe-message template (configured per deployment). */
export const NotificationKind = {
  CASE_UPDATE: 'case_update',
  MEMBERSHIP: 'membership',
  POLICY: 'policy',
  LECTURE: 'lecture',
  /** 企业商圈: contact requests and their answers, takedowns. */
  MARKET: 'market',
} as const;
export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind];
export const NOTIFICATION_KIND_LABEL: Record<NotificationKind, string> = {
  case_update: '诉求进展',
  membership: '企业成员',
  policy: '政策推送',
  lecture: '讲堂提醒',
  market: '商圈对接',
};

/** A user's answer to `wx.requestSubscribeMessage`, per template (WeChat's own words). */
export const SubscribeResult = {
  ACCEPT: 'accept',
  REJECT: 'reject',
  BAN: 'ban',
  FILTER: 'filter',
} as const;
export type SubscribeResult = (typeof SubscribeResult)[keyof typeof SubscribeResult];

/** 诉求的类型: 咨询 · 投诉 · 惠企服务申请 · 其他渠道反映的诉求. */
export const CaseType = {
  CONSULT: 'consult',
  COMPLAINT: 'complaint',
  SERVICE: 'service',
  APPEAL: 'appeal',
} as const;
export type CaseType = (typeof CaseType)[keyof typeof CaseType];
export const CASE_TYPE_LABEL: Record<CaseType, string> = {
  consult: '咨询',
  complaint: '投诉',
  service: '服务申请',
  appeal: '诉求反映',
};

/** Where a case came from. Every source but `miniapp` is recorded by staff on the enterprise's behalf. */
export const CaseSource = {
  MINIAPP: 'miniapp',
  RECEPTION_DAY: 'reception_day',
  HOTLINE_12345: 'hotline_12345',
  ENTREPRENEUR_GROUP: 'entrepreneur_group',
  STAFF: 'staff',
} as const;
export type CaseSource = (typeof CaseSource)[keyof typeof CaseSource];
export const CASE_SOURCE_LABEL: Record<CaseSource, string> = {
  miniapp: '小程序',
  reception_day: '企业接待日',
  hotline_12345: '12345热线',
  entrepreneur_group: '企业家群',
  staff: '管家代录',
};

/**
 * The states of a case (see docs/cases.md for the transition table).
 * `pending_check`: the text awaits a content review and is not shown to the department;
 * `awaiting_enterprise`: 补充材料 — the clock is paused until the enterprise answers.
 */
export const CaseState = {
  PENDING_CHECK: 'pending_check',
  SUBMITTED: 'submitted',
  ACCEPTED: 'accepted',
  AWAITING_ENTERPRISE: 'awaiting_enterprise',
  LONG_TERM: 'long_term',
  RESOLVED: 'resolved',
  CLOSED: 'closed',
  REJECTED: 'rejected',
} as const;
export type CaseState = (typeof CaseState)[keyof typeof CaseState];
export const CASE_STATE_LABEL: Record<CaseState, string> = {
  pending_check: '审核中',
  submitted: '待受理',
  accepted: '办理中',
  awaiting_enterprise: '待补充材料',
  long_term: '长期推进',
  resolved: '已办结',
  closed: '已完结',
  rejected: '不予受理',
};

/** What can happen to a case. Who may do what, in which state, is the one table in rules/cases/transitions.ts. */
export const CaseAction = {
  CLEAR_CHECK: 'clear_check',
  ACCEPT: 'accept',
  REJECT: 'reject',
  REQUEST_INFO: 'request_info',
  SUPPLEMENT: 'supplement',
  RESUME: 'resume',
  ASSIGN: 'assign',
  TRANSFER: 'transfer',
  CONVERT: 'convert',
  EXTEND: 'extend',
  LONG_TERM: 'long_term',
  REVIEW: 'review',
  RESOLVE: 'resolve',
  RATE: 'rate',
  CLOSE: 'close',
} as const;
export type CaseAction = (typeof CaseAction)[keyof typeof CaseAction];
/** Button text and timeline wording. */
export const CASE_ACTION_LABEL: Record<CaseAction, string> = {
  clear_check: '审核通过',
  accept: '受理',
  reject: '不予受理',
  request_info: '要求补充材料',
  supplement: '补充材料',
  resume: '恢复办理',
  assign: '指派管家',
  transfer: '转办',
  convert: '转换类型',
  extend: '延期',
  long_term: '转长期推进',
  review: '记录跟踪进展',
  resolve: '办结',
  rate: '评价',
  close: '关闭',
};

/**
 * Who acts on a case. `centre` is the staff of the coordinating centre (协调中心), who see every case;
 * `system` is the server itself (the content check, the auto-close sweep).
 */
export const CaseActorKind = {
  ENTERPRISE: 'enterprise',
  BUTLER: 'butler',
  SUPERVISOR: 'supervisor',
  CENTRE: 'centre',
  ADMIN: 'admin',
  SYSTEM: 'system',
} as const;
export type CaseActorKind = (typeof CaseActorKind)[keyof typeof CaseActorKind];
export const CASE_ACTOR_KIND_LABEL: Record<CaseActorKind, string> = {
  enterprise: '企业',
  butler: '亲商管家',
  supervisor: '主管',
  centre: '协调中心',
  admin: '管理员',
  system: '系统',
};

/** 政务服务"好差评": five levels, 5 best. 1 and 2 are 差评 and open a follow-up (回访整改). */
export const RatingLevel = {
  VERY_SATISFIED: 5,
  SATISFIED: 4,
  BASICALLY_SATISFIED: 3,
  DISSATISFIED: 2,
  VERY_DISSATISFIED: 1,
} as const;
export type RatingLevel = (typeof RatingLevel)[keyof typeof RatingLevel];
export const RATING_LEVEL_LABEL: Record<RatingLevel, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};
/** A 差评: opens a mandatory follow-up for the supervisor. */
export function isBadRating(level: RatingLevel): boolean {
  return level <= 2;
}

/** The enterprise's rating of a follow-up's fix (three levels). */
export const FollowUpRating = {
  SATISFIED: 'satisfied',
  BASICALLY_SATISFIED: 'basically_satisfied',
  DISSATISFIED: 'dissatisfied',
} as const;
export type FollowUpRating = (typeof FollowUpRating)[keyof typeof FollowUpRating];
export const FOLLOW_UP_RATING_LABEL: Record<FollowUpRating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

/** How the supervisor reached the enterprise for a follow-up (回访方式). */
export const FollowUpContactMethod = {
  PHONE: 'phone',
  VISIT: 'visit',
  ONLINE: 'online',
} as const;
export type FollowUpContactMethod = (typeof FollowUpContactMethod)[keyof typeof FollowUpContactMethod];
export const FOLLOW_UP_CONTACT_METHOD_LABEL: Record<FollowUpContactMethod, string> = {
  phone: '电话回访',
  visit: '上门回访',
  online: '线上回访',
};

/** 政策层级: 国家 · 省 · 市 · 县区. */
export const PolicyLevel = {
  NATIONAL: 'national',
  PROVINCIAL: 'provincial',
  CITY: 'city',
  DISTRICT: 'district',
} as const;
export type PolicyLevel = (typeof PolicyLevel)[keyof typeof PolicyLevel];
export const POLICY_LEVEL_LABEL: Record<PolicyLevel, string> = {
  national: '国家级',
  provincial: '省级',
  city: '市级',
  district: '县区级',
};

/** Where a policy is in its life. `expired` is not stored: a published policy whose `validTo` has passed. */
export const PolicyStatus = {
  DRAFT: 'draft',
  PUBLISHED: 'published',
  WITHDRAWN: 'withdrawn',
  EXPIRED: 'expired',
} as const;
export type PolicyStatus = (typeof PolicyStatus)[keyof typeof PolicyStatus];
export const POLICY_STATUS_LABEL: Record<PolicyStatus, string> = {
  draft: '草稿',
  published: '已发布',
  withdrawn: '已撤回',
  expired: '已过期',
};

/** The admin-managed dictionaries (data, not enums: another city edits them, not the code). */
export const DictionaryKind = {
  CATEGORIES: 'categories',
  INDUSTRIES: 'industries',
  DISTRICTS: 'districts',
  QUALIFICATIONS: 'qualifications',
} as const;
export type DictionaryKind = (typeof DictionaryKind)[keyof typeof DictionaryKind];
export const DICTIONARY_KIND_LABEL: Record<DictionaryKind, string> = {
  categories: '政策类别',
  industries: '行业',
  districts: '区域',
  qualifications: '企业资质',
};

/** A policy push's run: queued (job written with the publish) → running → done. */
export const PushStatus = {
  QUEUED: 'queued',
  RUNNING: 'running',
  DONE: 'done',
} as const;
export type PushStatus = (typeof PushStatus)[keyof typeof PushStatus];
export const PUSH_STATUS_LABEL: Record<PushStatus, string> = {
  queued: '排队中',
  running: '推送中',
  done: '已完成',
};
