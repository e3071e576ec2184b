import { CASE_TYPE_LABEL, NotificationKind } from '@qsgj/shared/enums';
import type { CaseType } from '@qsgj/shared/enums';
import type { NotifyInput } from '../notifications/notification.service';
import { staffCaseLink } from './case-notices';
import type { AlertKind, SweepClock } from './case-sweep.repository';

interface NoticeCase {
  id: string;
  number: string;
  type: CaseType;
}

const CLOCK_LABEL: Record<SweepClock, string> = { accept: '受理', resolve: '办结' };

function day(d: Date): string {
  const s = new Date(d.getTime() + 8 * 3600_000);
  return `${s.getUTCMonth() + 1}月${s.getUTCDate()}日`;
}

/**
 * To staff: a case's clock passed its 80 % point (warning: the butler, or the department's leads when nobody is
 * assigned) or its due instant (overdue: the supervisors). Inbox only in practice (staff do not subscribe).
 */
export function caseDeadlineNotice(
  userId: string,
  c: NoticeCase,
  clock: SweepClock,
  kind: AlertKind,
  dueAt: Date,
  at: Date,
): NotifyInput {
  const subject = `${CASE_TYPE_LABEL[c.type]} ${c.number}`;
  const what = CLOCK_LABEL[clock];
  const title = kind === 'warning' ? `诉求即将超期：${subject}` : `诉求已超期：${subject}`;
  const body =
    kind === 'warning'
      ? `该诉求应于${day(dueAt)}前${what}，已用去八成期限，请尽快办理。`
      : `该诉求应于${day(dueAt)}前${what}，现已超期，请督促办理。`;
  return {
    userId,
    kind: NotificationKind.CASE_UPDATE,
    title,
    body,
    link: staffCaseLink(c),
    data: { subject, status: kind === 'warning' ? `即将超期（${what}）` : `已超期（${what}）`, at, remark: title },
  };
}
