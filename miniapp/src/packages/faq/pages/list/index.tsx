import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 常见问题 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">常见问题</Text>
    </View>
  );
}

export default function FaqListPage() {
  return (
    <PageShell className="faq-list">
      <Content />
    </PageShell>
  );
}
