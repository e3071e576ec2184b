import { Text, View } from '@tarojs/components';
import { memo } from 'react';
import type { NotificationItem } from '@qsgj/shared/contracts';
import { NOTIFICATION_KIND_LABEL } from '@qsgj/shared/enums';
import Group from './group';

/**
 * Rows per group. In WeChat each group is its own custom wrapper: an update inside it (read, 全部标为已读, a row
 * moved by a refresh) goes out in that wrapper's own setData, and a further page of the inbox is appended as one
 * new group, so no setData carries more than one group however long the inbox grows (WeChat refuses above 1 MB
 * and is slow far below that; the harness holds every setData to 64 KB).
 */
export const GROUP_SIZE = 20;

export function groupsOf<T>(items: readonly T[], size: number = GROUP_SIZE): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}

function when(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

interface ItemProps {
  n: NotificationItem;
  onOpen: (n: NotificationItem) => void;
}

const Item = memo(function Item({ n, onOpen }: ItemProps) {
  return (
    <View
      className={`messages__item${n.readAt ? '' : ' messages__item--unread'}`}
      role="button"
      onClick={() => onOpen(n)}
    >
      <View className="messages__head">
        {!n.readAt && <Text className="messages__dot">未读</Text>}
        <Text className="messages__title">{n.title}</Text>
      </View>
      <Text className="messages__body">{n.body}</Text>
      <Text className="qs-muted">
        {NOTIFICATION_KIND_LABEL[n.kind]} · {when(n.createdAt)}
      </Text>
    </View>
  );
});

/** The inbox's rows, in groups of GROUP_SIZE (see above); `onOpen` should be stable so unchanged rows skip rendering. */
export default function NotificationList({
  items,
  onOpen,
}: {
  items: readonly NotificationItem[];
  onOpen: ItemProps['onOpen'];
}) {
  return (
    <View className="notification-list">
      {groupsOf(items).map((group, i) => (
        <Group key={i}>
          {group.map((n) => (
            <Item key={n.id} n={n} onOpen={onOpen} />
          ))}
        </Group>
      ))}
    </View>
  );
}
