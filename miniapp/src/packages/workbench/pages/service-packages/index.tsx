import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 服务包管理 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">服务包管理</Text>
    </View>
  );
}

export default function WorkbenchServicePackagesPage() {
  return (
    <PageShell className="workbench-service-packages">
      <Content />
    </PageShell>
  );
}
