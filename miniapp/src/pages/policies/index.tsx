import { Button, Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';
import { openPage, PAGES } from '@/utils/routes';

/** 涉企政策: the policy library arrives with its own issue; until then this tab says so plainly. */
function Policies() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">涉企政策</Text>
      <Text className="qs-muted">
        政策库、全文检索和「为您匹配」正在建设中。上线后，您可以按行业、规模、区域查看适用政策，并订阅感兴趣的政策类别。
      </Text>
      <Button className="qs-btn qs-btn--plain" onClick={() => void openPage(PAGES.bind)}>
        先绑定企业，完善一企一档
      </Button>
    </View>
  );
}

export default function PoliciesPage() {
  return (
    <PageShell>
      <Policies />
    </PageShell>
  );
}
