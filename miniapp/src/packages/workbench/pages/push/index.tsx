import { Button, Text, View } from '@tarojs/components';
import { PUSH_STATUS_LABEL, PushStatus } from '@qsgj/shared/enums';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { AdminOnly, policyTime } from '@/packages/workbench/components/policy-admin';
import { usePushProgress } from './use-push-progress';
import './index.scss';

/** 推送进度 (admins): where a policy's push is, updating every 2 s until it is done. */
function PushProgressView() {
  const v = usePushProgress();
  if (!v.admin) return <AdminOnly what="政策推送" />;
  const p = v.progress.data;
  const figures = p
    ? [
        { key: 'targeted', label: '推送对象', value: p.targeted },
        { key: 'inbox', label: '已写入消息', value: p.inboxWritten },
        { key: 'sent', label: '已发送', value: p.sent },
        { key: 'skipped', label: '已跳过', value: p.skipped },
        { key: 'failed', label: '失败', value: p.failed },
        { key: 'pending', label: '排队中', value: p.pending },
      ]
    : [];
  return (
    <StateView
      loading={!p && v.progress.loading}
      error={p ? null : (v.progress.error ?? (v.id ? null : new Error('缺少推送编号')))}
      onRetry={v.id ? () => void v.progress.reload() : undefined}
    >
      {p && (
        <View className="wb-push">
          <View className="qs-section">
            <Text className="wb-push__title">{p.policyTitle}</Text>
            <Text
              className={`qs-tag qs-tag--${p.status === PushStatus.DONE ? 'ok' : 'wait'} wb-push__status wb-push__status--${p.status}`}
            >
              {PUSH_STATUS_LABEL[p.status]}
            </Text>
            <View
              className="wb-push__bar"
              role="progressbar"
              aria-label="推送进度"
              aria-valuenow={v.percent}
              aria-valuemin={0}
              aria-valuemax={100}
            >
              <View className="wb-push__bar-fill" style={{ width: `${v.percent}%` }} />
            </View>
            <Text className="wb-push__percent">{v.percent}%</Text>
            <View className="wb-push__figures">
              {figures.map((f) => (
                <View key={f.key} className={`wb-push__figure wb-push__figure--${f.key}`}>
                  <Text className="wb-push__figure-value">{f.value}</Text>
                  <Text className="wb-push__figure-label">{f.label}</Text>
                </View>
              ))}
            </View>
            <Text className="qs-muted wb-push__times">
              开始于 {policyTime(p.createdAt)}
              {p.finishedAt ? `，完成于 ${policyTime(p.finishedAt)}` : ''}
            </Text>
            <Text className="qs-muted wb-push__note">已跳过：用户未开启微信通知或已拒收，消息仍在其「消息」中。</Text>
          </View>
          <View className="qs-section wb-push__actions">
            <Button className="qs-btn qs-btn--plain wb-push__policy" onClick={v.openPolicy}>
              查看政策
            </Button>
            <Button className="qs-btn qs-btn--plain wb-push__list" onClick={v.openList}>
              返回政策管理
            </Button>
          </View>
        </View>
      )}
    </StateView>
  );
}

export default function PushProgressPage() {
  return (
    <PageShell className="wb-push-page">
      <PushProgressView />
    </PageShell>
  );
}
