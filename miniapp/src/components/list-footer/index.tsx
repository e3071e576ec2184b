import { Text, View } from '@tarojs/components';
import type { PagedList } from '@/hooks/use-paged-list';
import './index.scss';

type Footer = Pick<PagedList<unknown>, 'moreError' | 'loadingMore' | 'hasMore' | 'loadMore'>;

/** Under a paged list: 上拉加载更多 (also a tap target), 正在加载…, or the failure with a retry. */
export default function ListFooter({ list }: { list: Footer }) {
  if (list.moreError) {
    return (
      <View className="qs-list-footer qs-list-footer--error" onClick={() => void list.loadMore()}>
        <Text>{list.moreError.message}，点击重试</Text>
      </View>
    );
  }
  if (list.loadingMore) {
    return (
      <View className="qs-list-footer">
        <Text>正在加载…</Text>
      </View>
    );
  }
  if (list.hasMore) {
    return (
      <View className="qs-list-footer" onClick={() => void list.loadMore()}>
        <Text>上拉加载更多</Text>
      </View>
    );
  }
  return null;
}
