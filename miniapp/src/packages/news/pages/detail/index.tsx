import { Button, RichText, Text, View } from '@tarojs/components';
import type { NewsDetail, NewsState } from '@qsgj/shared/contracts';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { IS_WEAPP } from '@/utils/platform';
import { goBack, openPage, PAGES } from '@/utils/routes';
import { richNodes, splitHtml, useProgressive } from '@/utils/rich-html';
import { newsDay, viewsText } from '@/packages/news/components/format';
import NewsCover from '@/packages/news/components/news-cover';
import { useNewsDetail } from './use-news-detail';
import './index.scss';

const STATE_NOTE: Partial<Record<NewsState, string>> = {
  draft: '草稿：仅工作人员可见',
  scheduled: '定时发布：到发布时间后公众可见',
  withdrawn: '已撤回：仅工作人员可见',
};

function RichBody({ html, id }: { html: string; id: string }) {
  const pieces = useProgressive(splitHtml(html), id);
  return (
    <View className="news-detail__rich">
      {pieces.map((piece, i) => (
        <RichText key={i} className="news-detail__rich-piece" nodes={richNodes(piece)} />
      ))}
    </View>
  );
}

function Article({ n }: { n: NewsDetail }) {
  const note = STATE_NOTE[n.state];
  return (
    <View className="qs-section news-detail__article">
      {note && (
        <View className="news-detail__state" role="note">
          {note}
        </View>
      )}
      <Text className="news-detail__title">{n.title}</Text>
      <View className="news-detail__meta">
        {n.pinned && <Text className="news-detail__pinned">置顶</Text>}
        {n.source && <Text className="news-detail__source">{n.source}</Text>}
        <Text className="news-detail__time">{newsDay(n.publishedAt)}</Text>
        <Text className="news-detail__views">{viewsText(n.viewCount)}</Text>
      </View>
      {n.cover && <NewsCover className="news-detail__cover" src={n.cover} alt={`${n.title}的封面`} />}
      {n.summary !== '' && <Text className="news-detail__summary">{n.summary}</Text>}
      {n.body.trim() ? (
        <RichBody html={n.body} id={n.id} />
      ) : (
        <Text className="qs-muted news-detail__none">暂无正文</Text>
      )}
    </View>
  );
}

function NotFound() {
  return (
    <View className="qs-section news-detail__not-found" role="alert">
      <Text className="qs-section__title">文章不存在或已撤回</Text>
      <Text className="qs-muted">该文章可能已被撤回、尚未发布，或链接有误。</Text>
      <Button className="qs-btn" onClick={() => void openPage(PAGES.news)}>
        看看其他动态
      </Button>
      <Button className="qs-btn qs-btn--plain" onClick={goBack}>
        返回
      </Button>
    </View>
  );
}

/** 动态详情: the article (its body safe HTML from the server), 分享 and the way back to the list. */
function NewsDetailContent() {
  const d = useNewsDetail();
  if (d.notFound) return <NotFound />;
  const n = d.news;
  return (
    <StateView loading={d.loading && !n} error={n ? null : d.error} onRetry={() => void d.reload()}>
      {n && (
        <>
          <Article n={n} />
          <View className="news-detail__actions">
            <Button className="qs-btn qs-btn--plain news-detail__more" onClick={() => void openPage(PAGES.news)}>
              更多动态
            </Button>
            {IS_WEAPP ? (
              <Button className="qs-btn news-detail__share" openType="share">
                分享
              </Button>
            ) : (
              <Button className="qs-btn news-detail__share" onClick={d.share}>
                分享
              </Button>
            )}
          </View>
        </>
      )}
    </StateView>
  );
}

export default function NewsDetailPage() {
  return (
    <PageShell className="news-detail">
      <NewsDetailContent />
    </PageShell>
  );
}
