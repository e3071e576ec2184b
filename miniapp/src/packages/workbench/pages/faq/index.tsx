import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 常见问题管理 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">常见问题管理</Text>
    </View>
  );
}

export default function WorkbenchFaqPage() {
  return (
    <PageShell className="workbench-faq">
      <Content />
    </PageShell>
  );
}
