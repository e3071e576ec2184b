import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { CaseDetailStaff } from '@qsgj/shared/contracts';
import PageShell from '@/components/page-shell';
import CaseDetail from '@/packages/workbench/components/case-detail';
import FaqFromCase from './faq-from-case';

/** 诉求办理 (`?id=`): one case of the queue, opened from a row (narrow screens) or a notification. */
function StaffCase() {
  const { params } = useRouter();
  const [latest, setLatest] = useState<CaseDetailStaff | null>(null);
  const id = params.id || undefined;
  return (
    <>
      <CaseDetail id={id} onChange={setLatest} />
      <FaqFromCase detail={latest && latest.id === id ? latest : null} />
    </>
  );
}

export default function StaffCasePage() {
  return (
    <PageShell className="wb-case-page">
      <StaffCase />
    </PageShell>
  );
}
