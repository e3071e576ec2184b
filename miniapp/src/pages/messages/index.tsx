import { Button, Text, View } from '@tarojs/components';
import type { NotificationItem } from '@qsgj/shared/contracts';
import { NOTIFICATION_KIND_LABEL } from '@qsgj/shared/enums';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { useStore } from '@/hooks/use-store';
import { sessionStore } from '@/stores/session';
import { openPage, PAGES } from '@/utils/routes';
import { useInbox } from './use-inbox';
import { useSubscriptions } from './use-subscriptions';
import './index.scss';

function when(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function SignedOut() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">登录后查看消息</Text>
      <Text className="qs-muted">诉求办理进度、政策推送和活动提醒都会在这里通知您</Text>
      <Button
        className="qs-btn"
        onClick={() => void openPage(`${PAGES.login}?redirect=${encodeURIComponent(PAGES.messages)}`)}
      >
        登录
      </Button>
    </View>
  );
}

function Item({ n, onOpen }: { n: NotificationItem; onOpen: (n: NotificationItem) => void }) {
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
}

/** 消息: the inbox. Tap an item to read it and open what it points to. */
function Messages() {
  const session = useStore(sessionStore);
  const { list, unread, open, markAllRead } = useInbox(!!session);
  const wechat = useSubscriptions(!!session && !list.loading);

  if (!session) return <SignedOut />;

  return (
    <>
      {wechat.available && (
        <View className="qs-section messages__subscribe">
          <Text className="qs-muted">开启微信服务通知，诉求进展和审核结果第一时间提醒您</Text>
          <Button className="qs-btn qs-btn--plain" onClick={() => void wechat.subscribe()}>
            开启微信通知
          </Button>
        </View>
      )}
      <View className="messages__bar">
        <Text className="qs-muted">{unread > 0 ? `${unread} 条未读` : '全部已读'}</Text>
        {unread > 0 && (
          <View className="messages__read-all" role="button" onClick={() => void markAllRead()}>
            全部标为已读
          </View>
        )}
      </View>
      <StateView {...list.state} emptyText="暂时没有消息">
        {list.items.map((n) => (
          <Item key={n.id} n={n} onOpen={(item) => void open(item)} />
        ))}
        <ListFooter list={list} />
      </StateView>
    </>
  );
}

export default function MessagesPage() {
  return (
    <PageShell className="messages">
      <Messages />
    </PageShell>
  );
}
