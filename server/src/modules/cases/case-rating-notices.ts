import { CASE_TYPE_LABEL, FOLLOW_UP_RATING_LABEL, NotificationKind, RATING_LEVEL_LABEL } from '@qsgj/shared/enums';
import type { CaseType, FollowUpRating, RatingLevel } from '@qsgj/shared/enums';
import { shanghaiDay } from '@qsgj/shared/rules';
import type { NotifyInput } from '../notifications/notification.service';
import { enterpriseCaseLink, staffCaseLink } from './case-notices';

interface NoticeCase {
  id: string;
  number: string;
  type: CaseType;
}

const subject = (c: NoticeCase) => `${CASE_TYPE_LABEL[c.type]} ${c.number}`;

/** To each supervisor of the department rated: a 差评 opened a follow-up. Never names the member who rated. */
export function followUpOpenedNotice(
  userId: string,
  c: NoticeCase,
  level: RatingLevel,
  dueAt: Date,
  at: Date,
): NotifyInput {
  const body = `企业给出「${RATING_LEVEL_LABEL[level]}」评价，请在 ${shanghaiDay(dueAt)} 前完成回访整改。`;
  return {
    userId,
    kind: NotificationKind.CASE_UPDATE,
    title: `差评待回访：${subject(c)}`,
    body,
    link: staffCaseLink(c),
    data: { subject: subject(c), status: '待回访', at, remark: '差评待回访整改' },
  };
}

/** To the enterprise: the supervisor recorded the follow-up; it may rate the fix. */
export function followUpRecordedNotice(userId: string, c: NoticeCase, at: Date): NotifyInput {
  return {
    userId,
    kind: NotificationKind.CASE_UPDATE,
    title: `回访整改情况：${subject(c)}`,
    body: '部门已就您的评价进行回访整改，请在诉求详情中查看并评价整改情况。',
    link: enterpriseCaseLink(c),
    data: { subject: subject(c), status: '已回访', at, remark: '请评价整改情况' },
  };
}

/** To the supervisor who recorded the follow-up: the enterprise rated the fix. */
export function followUpRatedNotice(userId: string, c: NoticeCase, rating: FollowUpRating, at: Date): NotifyInput {
  return {
    userId,
    kind: NotificationKind.CASE_UPDATE,
    title: `整改评价：${subject(c)}`,
    body: `企业对回访整改的评价：${FOLLOW_UP_RATING_LABEL[rating]}。`,
    link: staffCaseLink(c),
    data: { subject: subject(c), status: FOLLOW_UP_RATING_LABEL[rating], at, remark: '企业评价了整改情况' },
  };
}

/** To the department's supervisors: a butler appealed a rating. */
export function ratingAppealedNotice(userId: string, c: NoticeCase, at: Date): NotifyInput {
  return {
    userId,
    kind: NotificationKind.CASE_UPDATE,
    title: `评价申诉待复核：${subject(c)}`,
    body: '管家对该诉求的评价提出申诉，请在工作台复核。',
    link: staffCaseLink(c),
    data: { subject: subject(c), status: '待复核', at, remark: '评价申诉待复核' },
  };
}

/** To the butler who appealed: the decision. */
export function ratingAppealDecidedNotice(userId: string, c: NoticeCase, uphold: boolean, at: Date): NotifyInput {
  const status = uphold ? '维持原评价' : '评价已撤销';
  return {
    userId,
    kind: NotificationKind.CASE_UPDATE,
    title: `评价申诉复核结果：${subject(c)}`,
    body: `您的评价申诉复核结果：${status}，理由见工作台。`,
    link: staffCaseLink(c),
    data: { subject: subject(c), status, at, remark: status },
  };
}
