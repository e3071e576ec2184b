import { Text } from '@tarojs/components';
import type { FaqStatus } from '@qsgj/shared/contracts';

const TONE: Record<FaqStatus, string> = { draft: 'wait', published: 'ok', withdrawn: 'bad' };

/** The contracts' `FAQ_STATUS_LABEL` (contracts are imported as types only: no decorators in the bundle). */
export const FAQ_STATUS_TEXT: Record<FaqStatus, string> = { draft: '待审核', published: '已发布', withdrawn: '已撤回' };

/** 待审核 / 已发布 / 已撤回, in words and colour. */
export function FaqStatusTag({ status }: { status: FaqStatus }) {
  return (
    <Text className={`qs-tag qs-tag--${TONE[status]} wb-faq__status wb-faq__status--${status}`}>
      {FAQ_STATUS_TEXT[status]}
    </Text>
  );
}
