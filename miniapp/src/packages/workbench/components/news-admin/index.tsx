import { Text } from '@tarojs/components';
import type { NewsState } from '@qsgj/shared/contracts';

export const NEWS_STATE_LABEL: Record<NewsState, string> = {
  draft: '草稿',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤回',
};

const TONE: Record<NewsState, string> = { draft: 'wait', scheduled: 'wait', published: 'ok', withdrawn: 'bad' };

/** 草稿 / 定时发布 / 已发布 / 已撤回, in words and colour. */
export function NewsStateTag({ state }: { state: NewsState }) {
  return (
    <Text className={`qs-tag qs-tag--${TONE[state]} news-state news-state--${state}`}>{NEWS_STATE_LABEL[state]}</Text>
  );
}
