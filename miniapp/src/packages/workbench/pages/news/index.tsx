import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 动态管理 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">动态管理</Text>
    </View>
  );
}

export default function WorkbenchNewsPage() {
  return (
    <PageShell className="workbench-news">
      <Content />
    </PageShell>
  );
}
