/**
 * Every error the API can answer with, and the Chinese message a user sees.
 * The server maps each code to an HTTP status in one exhaustive switch
 * (server/src/common/errors/error-status.ts); the mini-program shows `message`.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: '提交的内容有误，请检查后重试',
  BAD_JSON: '请求内容格式错误，无法解析',
  PAYLOAD_TOO_LARGE: '提交的内容过大，请精简后重试',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  ROUTE_NOT_FOUND: '您访问的接口不存在',
  NOT_FOUND: '您访问的内容不存在或已被删除',
  METHOD_NOT_ALLOWED: '不支持该请求方式',
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  SESSION_IDLE_TIMEOUT: '长时间未操作，为保护账号安全已退出登录，请重新登录',
  SESSION_REVOKED: '登录状态已失效，请重新登录',
  FORBIDDEN: '您没有权限执行此操作',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  WECHAT_CODE_INVALID: '微信登录凭证无效或已过期，请重新进入小程序后再试',
  WECHAT_RATE_LIMITED: '微信登录请求过于频繁，请稍后再试',
  WECHAT_UNAVAILABLE: '微信服务暂时无法连接，请稍后再试',
  WECHAT_RISKY_USER: '该微信账号存在风险，暂时无法登录，请在微信中完成安全验证后再试',
  WECHAT_PHONE_CODE_INVALID: '手机号授权已失效，请重新授权',
  REFRESH_TOKEN_INVALID: '登录状态已失效，请重新登录',
  REFRESH_TOKEN_REUSED: '检测到登录凭证被重复使用，为保护账号安全已退出登录，请重新登录',
  STAFF_CREDENTIALS_INVALID: '用户名或密码错误',
  STAFF_LOCKED: '密码连续输错次数过多，账号已锁定 30 分钟，请稍后再试或联系管理员',
  STAFF_INACTIVE: '账号已停用，请联系管理员',
  PASSWORD_CHANGE_REQUIRED: '首次登录请先修改密码',
  CONSENT_REQUIRED: '请先阅读并同意最新版本的隐私政策，再提交个人信息',
  PASSWORD_TOO_WEAK: '密码至少 8 位，须包含大写字母、小写字母、数字、符号中的至少三类，且不能与用户名相同',
  PASSWORD_INCORRECT: '当前密码不正确',
  PASSWORD_UNCHANGED: '新密码不能与当前密码相同',
  CREDIT_CODE_INVALID: '统一社会信用代码格式或校验位不正确，请核对营业执照后重新输入',
  ENTERPRISE_ALREADY_BOUND: '您已绑定企业，如需更换企业请联系您的亲商管家',
  MEMBERSHIP_NOT_PENDING: '该成员申请已处理',
  ENTERPRISE_NOT_BOUND: '您还没有绑定企业，或绑定申请尚未通过审核',
  NO_BUTLER_ASSIGNED: '您的企业暂未分配亲商管家，分配后将在这里显示',
  USERNAME_TAKEN: '该用户名已被使用',
  DEPARTMENT_NAME_TAKEN: '已存在同名部门',
  DEPARTMENT_REQUIRED: '管家和主管必须属于一个部门',
  BUTLER_REQUIRED: '只能指派在岗的管家或主管',
  BUTLER_HANDOVER_REQUIRED: '该管家仍有负责的企业或未办结的诉求，停用前请选择接手的管家或主管',
  CANNOT_DEACTIVATE_SELF: '不能停用自己的账号',
  CANNOT_CHANGE_OWN_ROLE: '不能修改自己的角色，请由其他管理员操作',
  ACCOUNT_DELETED: '该账号已注销',
  SUBSCRIBE_TEMPLATE_UNKNOWN: '订阅消息模板不存在或已停用，请刷新后重试',
  IDEMPOTENCY_KEY_REUSED: '该请求编号已用于另一项操作，请刷新后重试',
  IDEMPOTENCY_IN_PROGRESS: '您的请求正在处理中，请稍候',
  CONCURRENT_CHANGE: '数据刚被其他操作修改，请刷新后重试',
  DICTIONARY_VALUE_TAKEN: '字典中已有该名称',
  IDEMPOTENCY_KEY_REQUIRED: '请求缺少请求编号（Idempotency-Key），请刷新后重试',
  CASE_NOT_IN_THIS_STATE: '诉求当前状态不能执行该操作，请刷新后重试',
  CASE_ACTOR_NOT_ALLOWED: '您不能对该诉求执行该操作',
  CASE_TYPE_NOT_ALLOWED: '只有咨询可以转为投诉或诉求反映',
  CASE_ALREADY_OVERDUE: '诉求已超期，不能再延期，请尽快办理',
  CASE_ALREADY_RATED: '该诉求已评价过，每件诉求只能评价一次',
  CASE_NOT_RATED: '该诉求尚未评价，不能申诉',
  CONTENT_RISKY: '内容含有违规信息，请修改后再提交',
  SERVICE_NOT_ELIGIBLE: '您的企业暂不符合申请条件',
  CONTENT_NEEDS_REVIEW: '留言内容需人工审核，暂不能发送，请修改后再发送',
  CONTENT_CHECK_UNAVAILABLE: '内容安全检查暂时不可用，留言未发送，请稍后重试',
  RATING_APPEAL_NOT_ALLOWED: '只有被评价的管家本人可以对该评价申诉',
  RATING_ALREADY_APPEALED: '该评价已提出过申诉，不能重复申诉',
  RATING_APPEAL_OWN: '不能复核自己提出的申诉',
  RATING_APPEAL_DECIDED: '该申诉已复核，不能重复复核',
  FOLLOW_UP_ALREADY_RECORDED: '该回访已登记，不能重复登记',
  FOLLOW_UP_NOT_RECORDED: '回访整改尚未登记，暂不能评价整改情况',
  FOLLOW_UP_ALREADY_RATED: '您已评价过整改情况，每次回访只能评价一次',
  MARKET_POST_NOT_OPEN: '该信息已关闭、过期或下架，不能执行该操作',
  MARKET_OWN_POST: '不能向本企业发布的信息发起对接',
  MARKET_REQUEST_DECIDED: '该对接申请已处理，请刷新后查看',
  MARKET_REPORT_DECIDED: '该举报已处理，请刷新后查看',
  MARKET_CONTACT_LIMIT: '发起对接申请过于频繁，请稍后再试',
  EVENT_SIGNUP_CLOSED: '该活动的报名已截止',
  EVENT_AUDIENCE_MISMATCH: '该活动不面向贵企业所在的区域或行业，暂不能报名',
  EVENT_CAPACITY_BELOW_CONFIRMED: '名额不能少于已报名成功的人数',
  EVENT_NOT_IN_THIS_STATE: '活动当前状态不能执行该操作，请刷新后重试',
  CHECKIN_CODE_INVALID: '签到码无效，请让报名人刷新二维码后重新扫描',
  CHECKIN_CODE_EXPIRED: '签到码已过期，请让报名人刷新二维码后重新扫描',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  INTERNAL_ERROR: '服务器开小差了，请稍后再试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The one error body every failing request answers with. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[] | Record<string, unknown>;
  requestId: string;
}

/** One problem with one field of a request. */
export interface ErrorDetail {
  field: string;
  message: string;
}
