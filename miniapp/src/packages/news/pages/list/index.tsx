import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 营商动态 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">营商动态</Text>
    </View>
  );
}

export default function NewsListPage() {
  return (
    <PageShell className="news-list">
      <Content />
    </PageShell>
  );
}
