import { Button, Text, View } from '@tarojs/components';
import type { NotificationItem } from '@qsgj/shared/contracts';
import { useCallback } from 'react';
import ListFooter from '@/components/list-footer';
import NotificationList from '@/components/notification-list';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { useStore } from '@/hooks/use-store';
import { sessionStore } from '@/stores/session';
import { openPage, PAGES } from '@/utils/routes';
import { useInbox } from './use-inbox';
import { useSubscriptions } from './use-subscriptions';
import './index.scss';

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

/**
 * 消息: the inbox. Tap an item to read it and open what it points to. However long it grows, the rows go out to
 * WeChat in groups (components/notification-list), never in one oversized setData.
 */
function Messages() {
  const session = useStore(sessionStore);
  const { list, unread, open, markAllRead } = useInbox(!!session);
  const wechat = useSubscriptions(!!session && !list.loading);
  const onOpen = useCallback((item: NotificationItem) => void open(item), [open]);

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
      {/* Own containers for the list and its footer: a change beside the rows (the footer going when the last
          page is in) then re-sends that container only, never every row (the parent's whole child list). */}
      <View className="messages__list">
        <StateView {...list.state} emptyText="暂时没有消息">
          <NotificationList items={list.items} onOpen={onOpen} />
          <View className="messages__footer">
            <ListFooter list={list} />
          </View>
        </StateView>
      </View>
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
