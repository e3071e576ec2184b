import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 服务详情 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">服务详情</Text>
    </View>
  );
}

export default function ServicesDetailPage() {
  return (
    <PageShell className="services-detail">
      <Content />
    </PageShell>
  );
}
