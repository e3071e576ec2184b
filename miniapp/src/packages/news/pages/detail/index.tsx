import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 动态详情 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">动态详情</Text>
    </View>
  );
}

export default function NewsDetailPage() {
  return (
    <PageShell className="news-detail">
      <Content />
    </PageShell>
  );
}
