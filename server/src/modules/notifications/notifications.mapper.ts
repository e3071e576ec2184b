import type { NotificationItem, SubscribeTemplateItem } from '@qsgj/shared/contracts';
import type { NotificationEntity } from './notification.entity';
import type { ConfiguredTemplate } from './notification-templates';

export function toNotificationItem(n: NotificationEntity): NotificationItem {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    readAt: n.readAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}

export function toTemplateItem(t: ConfiguredTemplate, credits: number): SubscribeTemplateItem {
  return { kind: t.kind, templateId: t.templateId, title: t.title, credits };
}
