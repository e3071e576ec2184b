import type { ErrorCode } from '@qsgj/shared/errors';

/** Each error code's HTTP status. Exhaustive: a new code without a status fails to compile. */
export function errorStatus(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'IDEMPOTENCY_KEY_REQUIRED':
    case 'BAD_JSON':
    case 'PASSWORD_TOO_WEAK':
    case 'PASSWORD_INCORRECT':
    case 'PASSWORD_UNCHANGED':
    case 'CREDIT_CODE_INVALID':
    case 'WECHAT_PHONE_CODE_INVALID':
    case 'DEPARTMENT_REQUIRED':
    case 'BUTLER_REQUIRED':
    case 'CANNOT_DEACTIVATE_SELF':
    case 'CANNOT_CHANGE_OWN_ROLE':
    case 'SUBSCRIBE_TEMPLATE_UNKNOWN':
    case 'CONTENT_RISKY':
    case 'CONTENT_NEEDS_REVIEW':
    case 'CHECKIN_CODE_INVALID':
    case 'CHECKIN_CODE_EXPIRED':
      return 400;
    case 'UNAUTHENTICATED':
    case 'TOKEN_EXPIRED':
    case 'SESSION_IDLE_TIMEOUT':
    case 'SESSION_REVOKED':
    case 'WECHAT_CODE_INVALID':
    case 'REFRESH_TOKEN_INVALID':
    case 'REFRESH_TOKEN_REUSED':
    case 'STAFF_CREDENTIALS_INVALID':
    case 'ACCOUNT_DELETED':
      return 401;
    case 'FORBIDDEN':
    case 'RATING_APPEAL_NOT_ALLOWED':
    case 'RATING_APPEAL_OWN':
    case 'STAFF_INACTIVE':
    case 'PASSWORD_CHANGE_REQUIRED':
    case 'CONSENT_REQUIRED':
    case 'WECHAT_RISKY_USER':
      return 403;
    case 'ROUTE_NOT_FOUND':
    case 'NOT_FOUND':
    case 'ENTERPRISE_NOT_BOUND':
    case 'NO_BUTLER_ASSIGNED':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'IDEMPOTENCY_IN_PROGRESS':
    case 'CONCURRENT_CHANGE':
    case 'DICTIONARY_VALUE_TAKEN':
    case 'CASE_NOT_IN_THIS_STATE':
    case 'CASE_ACTOR_NOT_ALLOWED':
    case 'CASE_TYPE_NOT_ALLOWED':
    case 'CASE_ALREADY_OVERDUE':
    case 'CASE_ALREADY_RATED':
    case 'CASE_NOT_RATED':
    case 'RATING_ALREADY_APPEALED':
    case 'RATING_APPEAL_DECIDED':
    case 'FOLLOW_UP_ALREADY_RECORDED':
    case 'FOLLOW_UP_NOT_RECORDED':
    case 'FOLLOW_UP_ALREADY_RATED':
    case 'ENTERPRISE_ALREADY_BOUND':
    case 'MEMBERSHIP_NOT_PENDING':
    case 'USERNAME_TAKEN':
    case 'DEPARTMENT_NAME_TAKEN':
    case 'BUTLER_HANDOVER_REQUIRED':
    case 'EVENT_SIGNUP_CLOSED':
    case 'EVENT_CAPACITY_BELOW_CONFIRMED':
    case 'EVENT_NOT_IN_THIS_STATE':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'SERVICE_NOT_ELIGIBLE':
    case 'EVENT_AUDIENCE_MISMATCH':
      return 422;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'STAFF_LOCKED':
      return 423;
    case 'RATE_LIMITED':
    case 'WECHAT_RATE_LIMITED':
      return 429;
    case 'MARKET_POST_NOT_OPEN':
    case 'MARKET_OWN_POST':
    case 'MARKET_REQUEST_DECIDED':
    case 'MARKET_REPORT_DECIDED':
      return 409;
    case 'MARKET_CONTACT_LIMIT':
      return 429;
    case 'INTERNAL_ERROR':
      return 500;
    case 'WECHAT_UNAVAILABLE':
    case 'SERVICE_UNAVAILABLE':
    case 'CONTENT_CHECK_UNAVAILABLE':
      return 503;
    default: {
      const unhandled: never = code;
      throw new Error(`No HTTP status for error code ${String(unhandled)}`);
    }
  }
}
