import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 问题详情 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">问题详情</Text>
    </View>
  );
}

export default function FaqDetailPage() {
  return (
    <PageShell className="faq-detail">
      <Content />
    </PageShell>
  );
}
