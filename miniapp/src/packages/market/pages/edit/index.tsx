import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 发布供需 (issue 12): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">发布供需</Text>
      <Text className="qs-muted">正在建设中，敬请期待</Text>
    </View>
  );
}

export default function MarketEditPage() {
  return (
    <PageShell className="market-edit">
      <Content />
    </PageShell>
  );
}
