import { Button, Text, View } from '@tarojs/components';
import type { CaseDetailStaff } from '@qsgj/shared/contracts';
import { openPage, PAGES } from '@/utils/routes';

/** The states a consultation may be written up from (the server's rule: 已办结 or 已完结). */
const RESOLVED = ['resolved', 'closed'];

/**
 * 「发布为常见问题」 under a resolved consultation: opens the editor pre-filled from it (the editor opens the entry
 * already made from it, if any). Nothing for any other case. It asks the server nothing: it reads the case the page
 * already holds (CaseDetail's `onChange`), so the page's requests stay what they were.
 */
export default function FaqFromCase({ detail }: { detail: Pick<CaseDetailStaff, 'id' | 'type' | 'state'> | null }) {
  if (!detail || detail.type !== 'consult' || !RESOLVED.includes(detail.state)) return null;
  const open = () => void openPage(`${PAGES.faqEdit}?caseId=${encodeURIComponent(detail.id)}`).catch(() => undefined);
  return (
    <View className="qs-section wb-case-faq" data-case-id={detail.id}>
      <Text className="qs-muted wb-case-faq__text">
        这条咨询已办结。整理成不含企业信息的常见问题，其他企业提问前就能看到答案。
      </Text>
      <Button className="qs-btn qs-btn--plain wb-case-faq__go" onClick={open}>
        发布为常见问题
      </Button>
    </View>
  );
}
