import { NotificationKind } from '@qsgj/shared/enums';
import { PAGES } from '@qsgj/shared/pages';
import type { NotifyInput } from '../notifications/notification.service';

/**
 * What 企业商圈 tells its users (inbox; WeChat with the 商圈对接 template where granted). Never a name or a phone:
 * the contacts are read on the request itself, after acceptance, and a message shows on the lock screen.
 */
export const MARKET_LINKS = {
  post: (id: string) => `${PAGES.marketPost}?id=${id}`,
  request: (id: string) => `${PAGES.marketRequest}?id=${id}`,
  myPosts: PAGES.myMarketPosts,
} as const;

const SUBJECT = '企业商圈';

function notice(
  userId: string,
  title: string,
  body: string,
  link: string,
  result: string,
  remark: string,
): NotifyInput {
  return {
    userId,
    kind: NotificationKind.MARKET,
    title,
    body,
    link,
    data: { subject: SUBJECT, result, at: new Date(), remark },
  };
}

/** To the post's side: someone asks to 对接. */
export function requestReceivedNotice(
  userId: string,
  r: { id: string; requesterName: string; postTitle: string },
): NotifyInput {
  return notice(
    userId,
    '收到新的对接申请',
    `${r.requesterName}希望就「${r.postTitle}」与您对接。接受后，双方可查看彼此的联系方式；婉拒则不会透露。`,
    MARKET_LINKS.request(r.id),
    '待处理',
    r.postTitle,
  );
}

/** To the requester: sent. */
export function requestSentNotice(
  userId: string,
  r: { id: string; ownerName: string; postTitle: string },
): NotifyInput {
  return notice(
    userId,
    '对接申请已发送',
    `已向${r.ownerName}发送关于「${r.postTitle}」的对接申请。对方接受后，您可在对接详情中查看其联系方式。`,
    MARKET_LINKS.request(r.id),
    '已发送',
    r.postTitle,
  );
}

/** To both sides: accepted or declined. `mine`: the side that decided. */
export function requestDecidedNotice(
  userId: string,
  r: { id: string; postTitle: string; otherName: string },
  accepted: boolean,
  mine: boolean,
): NotifyInput {
  const title = accepted
    ? mine
      ? '您已接受对接申请'
      : '对方已接受您的对接申请'
    : mine
      ? '您已婉拒对接申请'
      : '对方婉拒了您的对接申请';
  const body = accepted
    ? `关于「${r.postTitle}」，您与${r.otherName}的对接已达成，请在对接详情中查看对方的联系方式。`
    : mine
      ? `您已婉拒${r.otherName}关于「${r.postTitle}」的对接申请，双方的联系方式均不会透露。`
      : `${r.otherName}婉拒了您关于「${r.postTitle}」的对接申请。您可以继续浏览其他供需信息。`;
  return notice(userId, title, body, MARKET_LINKS.request(r.id), accepted ? '已接受' : '已婉拒', r.postTitle);
}

/** To the post's side: staff took it down. */
export function takenDownNotice(userId: string, p: { id: string; title: string }, reason: string): NotifyInput {
  return notice(
    userId,
    '您发布的信息已被下架',
    `「${p.title}」已被平台下架。原因：${reason}。如有疑问，请联系您的亲商管家。`,
    MARKET_LINKS.post(p.id),
    '已下架',
    reason,
  );
}

/** To the post's side: a post the content check held is public after staff review. */
export function releasedNotice(userId: string, p: { id: string; title: string }): NotifyInput {
  return notice(
    userId,
    '您发布的信息已通过审核',
    `「${p.title}」已通过人工审核，现已在企业商圈展示。`,
    MARKET_LINKS.post(p.id),
    '已通过',
    p.title,
  );
}
