import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 编辑常见问题 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">编辑常见问题</Text>
    </View>
  );
}

export default function WorkbenchFaqEditPage() {
  return (
    <PageShell className="workbench-faq-edit">
      <Content />
    </PageShell>
  );
}
