import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 编辑动态 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">编辑动态</Text>
    </View>
  );
}

export default function WorkbenchNewsEditPage() {
  return (
    <PageShell className="workbench-news-edit">
      <Content />
    </PageShell>
  );
}
