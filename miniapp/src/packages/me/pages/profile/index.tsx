import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** Being built (issue 10). */
function Building() {
  return (
    <View className="qs-section">
      <Text className="qs-muted">建设中</Text>
    </View>
  );
}

export default function Page() {
  return (
    <PageShell>
      <Building />
    </PageShell>
  );
}
