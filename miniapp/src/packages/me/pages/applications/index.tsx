import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 我的申报 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">我的申报</Text>
    </View>
  );
}

export default function MeApplicationsPage() {
  return (
    <PageShell className="me-applications">
      <Content />
    </PageShell>
  );
}
