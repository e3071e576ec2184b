import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 编辑服务包 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">编辑服务包</Text>
    </View>
  );
}

export default function WorkbenchServicePackageEditPage() {
  return (
    <PageShell className="workbench-service-package-edit">
      <Content />
    </PageShell>
  );
}
