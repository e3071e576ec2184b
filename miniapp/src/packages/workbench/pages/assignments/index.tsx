import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 企业分配 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">企业分配</Text>
    </View>
  );
}

export default function WorkbenchAssignmentsPage() {
  return (
    <PageShell className="workbench-assignments">
      <Content />
    </PageShell>
  );
}
