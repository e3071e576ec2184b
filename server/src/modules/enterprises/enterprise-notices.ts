import { NotificationKind } from '@qsgj/shared/enums';
import { PAGES } from '@qsgj/shared/pages';
import { truncateCharacters } from '@qsgj/shared/rules';
import type { NotifyInput } from '../notifications/notification.service';

interface NamedEnterprise {
  name: string;
}

/** To the owner: someone asked to join. Names nobody: the owner sees who in the members page. */
export function joinRequestedNotice(ownerId: string, enterprise: NamedEnterprise, at: Date): NotifyInput {
  return {
    userId: ownerId,
    kind: NotificationKind.MEMBERSHIP,
    title: '有新成员申请加入企业',
    body: `有用户申请加入「${enterprise.name}」，请在“成员管理”中审核。`,
    link: PAGES.members, // where the owner reviews requests to join
    data: { enterprise: enterprise.name, result: '待审核', at, remark: '有新成员申请加入企业，请及时审核' },
  };
}

/** To the applicant: the owner (or staff) decided. */
export function memberDecidedNotice(
  applicantId: string,
  enterprise: NamedEnterprise,
  approved: boolean,
  at: Date,
): NotifyInput {
  const name = truncateCharacters(enterprise.name, 40);
  return {
    userId: applicantId,
    kind: NotificationKind.MEMBERSHIP,
    title: `您加入「${name}」的申请${approved ? '已通过' : '未通过'}`,
    body: approved
      ? '您已成为企业成员，可以查看企业信息并联系企业的亲商管家。'
      : '如有疑问，请联系企业管理员，或核对信息后重新申请。',
    link: PAGES.me, // 我的: where the applicant sees the membership
    data: {
      enterprise: enterprise.name,
      result: approved ? '已通过' : '未通过',
      at,
      remark: approved ? '您已成为企业成员' : '如有疑问请联系企业管理员',
    },
  };
}
