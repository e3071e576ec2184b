import { useRouter } from '@tarojs/taro';
import PageShell from '@/components/page-shell';
import CaseDetail from '@/packages/workbench/components/case-detail';

/** 诉求办理 (`?id=`): one case of the queue, opened from a row (narrow screens) or a notification. */
function StaffCase() {
  const { params } = useRouter();
  return <CaseDetail id={params.id || undefined} />;
}

export default function StaffCasePage() {
  return (
    <PageShell className="wb-case-page">
      <StaffCase />
    </PageShell>
  );
}
