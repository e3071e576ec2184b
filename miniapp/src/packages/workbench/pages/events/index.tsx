import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 活动管理 (issue 12): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">活动管理</Text>
      <Text className="qs-muted">正在建设中，敬请期待</Text>
    </View>
  );
}

export default function StaffEventsPage() {
  return (
    <PageShell className="staff-events">
      <Content />
    </PageShell>
  );
}
