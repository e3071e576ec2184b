import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';

/** 管家团队 (issue 11): being built. */
function Content() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">管家团队</Text>
    </View>
  );
}

export default function ButlersListPage() {
  return (
    <PageShell className="butlers-list">
      <Content />
    </PageShell>
  );
}
