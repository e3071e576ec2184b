import { Button, Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh, useReachBottom, stopPullDownRefresh } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { SubscribeTemplatesResponse } from '@qsgj/shared/contracts';
import PageShell from '../../components/page-shell';
import StateView from '../../components/state-view';
import { useStore } from '../../hooks/use-store';
import { sessionStore } from '../../stores/session';
import { askForSubscriptions, notificationsApi } from '../../services/notifications.api';
import { openPage, ROUTES, toast } from '../../utils/routes';
import { useInbox } from './use-inbox';
import './index.scss';
import { IS_WEAPP } from '../../utils/platform';

function when(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Runs inside the tap: WeChat refuses requestSubscribeMessage anywhere else. */
async function subscribe(offer: SubscribeTemplatesResponse | undefined) {
  if (!offer) return toast('正在准备，请稍后再试');
  try {
    const accepted = await askForSubscriptions(offer);
    toast(accepted ? `已开启 ${accepted} 项微信通知` : '未开启微信通知，消息仍会显示在这里');
  } catch {
    toast('开启失败，请稍后再试');
  }
}

/** 消息: the inbox. Tap an item to read it and open what it points to. */
export default function Messages() {
  const session = useStore(sessionStore);
  const inbox = useInbox(!!session);
  const [offer, setOffer] = useState<SubscribeTemplatesResponse>();

  // The subscribe templates, loaded once the inbox is shown (not before it: the first render needs no more requests).
  useEffect(() => {
    if (IS_WEAPP && session && !inbox.loading && !offer) {
      notificationsApi.templates().then(setOffer, () => undefined);
    }
  }, [session, inbox.loading, offer]);

  useDidShow(() => {
    if (sessionStore.get()) void inbox.reload();
  });
  usePullDownRefresh(() => {
    void inbox.reload().finally(() => stopPullDownRefresh());
  });
  useReachBottom(() => void inbox.loadMore());

  if (!session) {
    return (
      <PageShell>
        <View className="qs-section">
          <Text className="qs-section__title">登录后查看消息</Text>
          <Text className="qs-muted">诉求办理进度、政策推送和活动提醒都会在这里通知您</Text>
          <Button
            className="qs-btn"
            onClick={() => void openPage(`${ROUTES.login}?redirect=${encodeURIComponent(ROUTES.messages)}`)}
          >
            登录
          </Button>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell className="messages">
      {IS_WEAPP && (
        <View className="qs-section messages__subscribe">
          <Text className="qs-muted">开启微信服务通知，诉求进展和审核结果第一时间提醒您</Text>
          <Button className="qs-btn qs-btn--plain" onClick={() => void subscribe(offer)}>
            开启微信通知
          </Button>
        </View>
      )}
      <View className="messages__bar">
        <Text className="qs-muted">{inbox.unread > 0 ? `${inbox.unread} 条未读` : '全部已读'}</Text>
        {inbox.unread > 0 && (
          <Text className="messages__read-all" onClick={() => void inbox.markAllRead()}>
            全部标为已读
          </Text>
        )}
      </View>
      <StateView
        loading={inbox.loading && inbox.items.length === 0}
        error={inbox.items.length ? null : inbox.error}
        onRetry={inbox.reload}
        empty={!inbox.loading && inbox.items.length === 0}
        emptyText="暂时没有消息"
      >
        {inbox.items.map((n) => (
          <View
            key={n.id}
            className={`messages__item${n.readAt ? '' : ' messages__item--unread'}`}
            onClick={() => void inbox.open(n)}
          >
            <View className="messages__head">
              {!n.readAt && <Text className="messages__dot">未读</Text>}
              <Text className="messages__title">{n.title}</Text>
            </View>
            <Text className="messages__body">{n.body}</Text>
            <Text className="qs-muted">{when(n.createdAt)}</Text>
          </View>
        ))}
        {inbox.hasMore && <Text className="qs-muted messages__more">上拉加载更多</Text>}
      </StateView>
    </PageShell>
  );
}
