import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 企业商圈 (issue 12): the server side is built; this page is not yet. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">企业商圈</Text>
      <Text className="qs-muted">正在建设中，敬请期待</Text>
    </View>
  );
}

export default function MarketIndexPage() {
  return (
    <PageShell className="market-index">
      <Content />
    </PageShell>
  );
}
