import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 管家管理 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">管家管理</Text>
    </View>
  );
}

export default function WorkbenchStaffPage() {
  return (
    <PageShell className="workbench-staff">
      <Content />
    </PageShell>
  );
}
