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

/**
 * To a member who now owns the enterprise: the owner left and they had been a member longest
 * (`succession`), or staff approved their binding of an enterprise without an owner (`approved`).
 */
export function becameOwnerNotice(
  userId: string,
  enterprise: NamedEnterprise,
  how: 'succession' | 'approved',
  at: Date,
): NotifyInput {
  const name = truncateCharacters(enterprise.name, 40);
  return {
    userId,
    kind: NotificationKind.MEMBERSHIP,
    title: `您已成为「${name}」的企业管理员`,
    body:
      how === 'succession'
        ? '原企业管理员已离开，您是加入最早的成员，已自动成为企业管理员，可在“成员管理”中审核成员申请。'
        : '您的绑定申请已通过，您已成为企业管理员，可在“成员管理”中审核成员申请。',
    link: PAGES.members,
    data: {
      enterprise: enterprise.name,
      result: '已成为管理员',
      at,
      remark: how === 'succession' ? '原管理员已离开，您已成为企业管理员' : '您已成为企业管理员',
    },
  };
}

/**
 * To the enterprise's butler: someone bound an enterprise on record whose contact phone they could not
 * show (ADR 007). Names nobody: the butler checks the request with the enterprise before deciding.
 */
export function claimAwaitsButlerNotice(butlerId: string, enterprise: NamedEnterprise, at: Date): NotifyInput {
  return {
    userId: butlerId,
    kind: NotificationKind.MEMBERSHIP,
    title: '有用户申请绑定您服务的企业',
    body: `有用户申请绑定「${enterprise.name}」，其手机号与登记的联系电话不一致，请与企业核实后审核。`,
    link: PAGES.workbench,
    data: { enterprise: enterprise.name, result: '待核实', at, remark: '手机号与登记电话不一致，请核实后审核' },
  };
}
