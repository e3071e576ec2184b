import { NotificationKind } from '@qsgj/shared/enums';
import { PAGES } from '@qsgj/shared/pages';
import { truncateCharacters } from '@qsgj/shared/rules';
import type { NotifyInput } from '../notifications/notification.service';

/*
 * What butlers and enterprises are told when an enterprise's butler changes. A bulk change tells each butler
 * once, with the count, never once per enterprise; each approved member hears of their own enterprise.
 */

const short = (name: string) => truncateCharacters(name, 40);

/** To the new butler: the enterprises they now serve (one by name, several by count). */
export function enterprisesReceivedNotice(
  butlerId: string,
  enterprises: { count: number; firstName: string },
  why: 'assigned' | 'handover',
  at: Date,
  fromName?: string,
): NotifyInput {
  const what = enterprises.count === 1 ? `「${short(enterprises.firstName)}」` : `${enterprises.count} 家企业`;
  return {
    userId: butlerId,
    kind: NotificationKind.MEMBERSHIP,
    title: enterprises.count === 1 ? `您开始服务${what}` : `您新增服务 ${enterprises.count} 家企业`,
    body:
      why === 'handover'
        ? `${fromName ?? '原管家'}已停用，${what}已交由您服务，请尽快与企业取得联系。`
        : `管理员已将${what}交由您服务，请尽快与企业取得联系。`,
    link: PAGES.workbench,
    data: {
      enterprise: enterprises.count === 1 ? enterprises.firstName : `${enterprises.count} 家企业`,
      result: '新增服务企业',
      at,
      remark: '请尽快与企业取得联系',
    },
  };
}

/** To the previous butler: enterprises they no longer serve. */
export function enterprisesReleasedNotice(
  butlerId: string,
  enterprises: { count: number; firstName: string },
  toName: string,
  at: Date,
): NotifyInput {
  const what = enterprises.count === 1 ? `「${short(enterprises.firstName)}」` : `您服务的 ${enterprises.count} 家企业`;
  return {
    userId: butlerId,
    kind: NotificationKind.MEMBERSHIP,
    title: enterprises.count === 1 ? `${what}已改由其他管家服务` : `${enterprises.count} 家企业已改由其他管家服务`,
    body: `管理员已将${what}改由${toName}服务，请做好工作交接。`,
    link: PAGES.workbench,
    data: {
      enterprise: enterprises.count === 1 ? enterprises.firstName : `${enterprises.count} 家企业`,
      result: '已改由其他管家服务',
      at,
      remark: `已改由${toName}服务`,
    },
  };
}

/** To an approved member of the enterprise: who their butler is now. */
export function newButlerNotice(userId: string, enterpriseName: string, butlerName: string, at: Date): NotifyInput {
  return {
    userId,
    kind: NotificationKind.MEMBERSHIP,
    title: '您企业的亲商管家已变更',
    body: `「${short(enterpriseName)}」的亲商管家已变更为${butlerName}，可在“管家团队”中查看并联系您的管家。`,
    link: PAGES.butlers,
    data: { enterprise: enterpriseName, result: '亲商管家已变更', at, remark: `新的亲商管家：${butlerName}` },
  };
}

/** To the successor of a deactivated butler: the open cases they now hold (enterprises: enterprisesReceivedNotice). */
export function casesHandedOverNotice(butlerId: string, count: number, fromName: string, at: Date): NotifyInput {
  return {
    userId: butlerId,
    kind: NotificationKind.MEMBERSHIP,
    title: `您接手了 ${count} 件未办结诉求`,
    body: `${fromName}已停用，其 ${count} 件未办结诉求已交由您办理，请在工作台中查看。`,
    link: PAGES.workbench,
    data: { enterprise: `${count} 件诉求`, result: '诉求已交接', at, remark: `${fromName}已停用` },
  };
}
