import { NotificationKind } from '@qsgj/shared/enums';
import { PAGES } from '@qsgj/shared/pages';
import {
  sanitizeSubscribeData,
  SubscribeDataError,
  stripControlCharacters,
  truncateCharacters,
} from '@qsgj/shared/rules';
import { NotificationTemplates } from '../../notifications/notification-templates';
import { BODY_MAX, TITLE_MAX } from '../../notifications/notification.service';
import type { PushMessage } from './policy-push.repository';

/** What a push reads of its policy. */
export interface PushedPolicy {
  id: string;
  title: string;
  issuer: string;
  summary: string;
  publishedAt: Date | null;
}

/** The body's summary is cut to this (the inbox shows a line or two; the detail page has the rest). */
const SUMMARY_MAX = 120;

/**
 * The inbox row and WeChat message of a policy push — the same for every recipient, so made once per push and
 * written in bulk. The cleaning is NotificationService.notify's: control characters out, lengths capped, the
 * message data through `sanitizeSubscribeData` (a value WeChat may not carry: inbox only, no credit spent).
 */
export function pushMessage(policy: PushedPolicy, templates: NotificationTemplates): PushMessage {
  const link = `${PAGES.policyDetail}?id=${policy.id}`;
  const summary = truncateCharacters(stripControlCharacters(policy.summary), SUMMARY_MAX);
  const message: PushMessage = {
    templateId: null,
    // WeChat's `page` has no leading slash.
    page: link.slice(1),
    data: null,
    title: truncateCharacters(stripControlCharacters(`新政策：${policy.title}`), TITLE_MAX),
    body: truncateCharacters(
      stripControlCharacters(summary ? `${policy.issuer}：${summary}` : policy.issuer),
      BODY_MAX,
    ),
    link,
  };
  const template = templates.forKind(NotificationKind.POLICY);
  if (!template) return message;
  try {
    message.data = sanitizeSubscribeData(
      NotificationTemplates.dataFor(NotificationKind.POLICY, {
        title: policy.title,
        issuer: policy.issuer,
        publishedAt: policy.publishedAt ?? new Date(),
      }),
    );
  } catch (e) {
    if (!(e instanceof SubscribeDataError)) throw e;
    return message;
  }
  message.templateId = template.templateId;
  return message;
}
