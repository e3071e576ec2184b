import { Text, View } from '@tarojs/components';
import type { NewsCard } from '@qsgj/shared/contracts';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { newsDay, viewsText } from '@/packages/news/components/format';
import NewsCover from '@/packages/news/components/news-cover';
import { useNewsList } from './use-news-list';
import './index.scss';

function Row({ n, onOpen }: { n: NewsCard; onOpen: () => void }) {
  return (
    <View className="news-list__row" role="link" data-id={n.id} onClick={onOpen}>
      <View className="news-list__main">
        <Text className="news-list__title">
          {n.pinned && <Text className="news-list__pinned">置顶</Text>}
          {n.title}
        </Text>
        {n.summary !== '' && <Text className="news-list__summary">{n.summary}</Text>}
        <View className="news-list__meta">
          {n.source && <Text className="news-list__source">{n.source}</Text>}
          <Text className="news-list__time">{newsDay(n.publishedAt)}</Text>
          <Text className="news-list__views">{viewsText(n.viewCount)}</Text>
        </View>
      </View>
      <NewsCover className="news-list__cover" src={n.cover} alt={`${n.title}的封面`} />
    </View>
  );
}

/** 营商动态: the city's business news, pinned first, newest next. */
function NewsList() {
  const { list, open } = useNewsList();
  return (
    <StateView {...list.state} emptyText="暂无营商动态">
      <View className="qs-section news-list__items">
        {list.items.map((n) => (
          <Row key={n.id} n={n} onOpen={() => open(n.id)} />
        ))}
      </View>
      <ListFooter list={list} />
    </StateView>
  );
}

export default function NewsListPage() {
  return (
    <PageShell className="news-list">
      <NewsList />
    </PageShell>
  );
}
