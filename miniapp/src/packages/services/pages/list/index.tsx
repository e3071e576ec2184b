import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 惠企服务 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">惠企服务</Text>
    </View>
  );
}

export default function ServicesListPage() {
  return (
    <PageShell className="services-list">
      <Content />
    </PageShell>
  );
}
