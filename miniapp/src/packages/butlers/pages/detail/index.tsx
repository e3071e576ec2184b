import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 管家详情 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">管家详情</Text>
    </View>
  );
}

export default function ButlersDetailPage() {
  return (
    <PageShell className="butlers-detail">
      <Content />
    </PageShell>
  );
}
