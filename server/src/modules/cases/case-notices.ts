import { CASE_ACTION_LABEL, CASE_STATE_LABEL, CASE_TYPE_LABEL, NotificationKind } from '@qsgj/shared/enums';
import type { CaseAction, CaseState, CaseType } from '@qsgj/shared/enums';
import { PAGES } from '@qsgj/shared/pages';
import { truncateCharacters } from '@qsgj/shared/rules';
import type { NotifyInput } from '../notifications/notification.service';

interface NoticeCase {
  id: string;
  number: string;
  type: CaseType;
}

/** What the enterprise is told of each transition (its inbox; the subscribe message says it shorter). */
const ENTERPRISE_TEXT: Partial<Record<CaseAction, string>> = {
  accept: '您的诉求已受理，我们将尽快办理。',
  reject: '您的诉求未予受理，理由见诉求详情。',
  transfer: '您的诉求已转交其他部门办理。',
  assign: '您的诉求已安排亲商管家负责。',
  convert: '您的诉求类型已调整，办理进度不受影响。',
  request_info: '办理人员请您补充材料，请在诉求详情中查看并补充。',
  supplement: '您补充的材料已提交，办理继续进行。',
  resume: '您的诉求已恢复办理。',
  extend: '您的诉求办理期限已延长，原因见诉求详情。',
  long_term: '您的诉求需长期推进，计划和下次跟踪日期见诉求详情。',
  review: '您的长期推进诉求有新的跟踪进展。',
  resolve: '您的诉求已办结，欢迎对办理情况进行评价。',
  clear_check: '您的诉求已提交至办理部门。',
  close: '您的诉求已完结。',
};

function subject(c: NoticeCase): string {
  return `${CASE_TYPE_LABEL[c.type]} ${c.number}`;
}

/** Where a case notice opens: 我的诉求's detail for the enterprise, the workbench's case page for staff. */
export function enterpriseCaseLink(c: { id: string }): string {
  return `${PAGES.caseDetail}?id=${c.id}`;
}
export function staffCaseLink(c: { id: string }): string {
  return `${PAGES.staffCase}?id=${c.id}`;
}

/** To the enterprise: its case moved (every transition). */
export function caseTransitionNotice(
  userId: string,
  c: NoticeCase,
  action: CaseAction,
  to: CaseState,
  at: Date,
): NotifyInput {
  const status = CASE_STATE_LABEL[to];
  const body = ENTERPRISE_TEXT[action] ?? `您的诉求状态更新为「${status}」。`;
  return {
    userId,
    kind: NotificationKind.CASE_UPDATE,
    title: `诉求${CASE_ACTION_LABEL[action]}：${subject(c)}`,
    body,
    link: enterpriseCaseLink(c),
    data: { subject: subject(c), status, at, remark: truncateCharacters(body, 20) },
  };
}

/** To the enterprise: staff recorded a case on its behalf (接待日, 12345, 企业家群). */
export function caseRecordedNotice(userId: string, c: NoticeCase, at: Date): NotifyInput {
  return {
    userId,
    kind: NotificationKind.CASE_UPDATE,
    title: `已为您登记诉求：${subject(c)}`,
    body: '您反映的问题已登记为诉求，可在“我的诉求”中查看办理进度。',
    link: enterpriseCaseLink(c),
    data: { subject: subject(c), status: CASE_STATE_LABEL.submitted, at, remark: '可在我的诉求中查看进度' },
  };
}

/** To the enterprise: staff replied in the conversation. */
export function caseReplyNotice(userId: string, c: NoticeCase, state: CaseState, at: Date): NotifyInput {
  return {
    userId,
    kind: NotificationKind.CASE_UPDATE,
    title: `诉求有新回复：${subject(c)}`,
    body: '办理人员回复了您的诉求，请在诉求详情中查看。',
    link: enterpriseCaseLink(c),
    data: { subject: subject(c), status: CASE_STATE_LABEL[state], at, remark: '办理人员回复了您的诉求' },
  };
}

/** To the butler: a new case is theirs, or the enterprise wrote on one. Inbox only in practice (staff do not subscribe). */
export function caseForButlerNotice(userId: string, c: NoticeCase, what: 'new' | 'message', at: Date): NotifyInput {
  const title = what === 'new' ? `新诉求待受理：${subject(c)}` : `企业回复了诉求：${subject(c)}`;
  return {
    userId,
    kind: NotificationKind.CASE_UPDATE,
    title,
    body: what === 'new' ? '有一件新诉求指派给您，请在工作台及时受理。' : '企业在诉求中留言，请在工作台查看。',
    link: staffCaseLink(c),
    data: { subject: subject(c), status: what === 'new' ? '待受理' : '新留言', at, remark: title },
  };
}
