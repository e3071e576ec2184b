import { Button, Text, View } from '@tarojs/components';
import type { CaseSummary, HomeEventCard, HomeFeed, NewsCard } from '@qsgj/shared/contracts';
import { CASE_STATE_LABEL, CASE_TYPE_LABEL } from '@qsgj/shared/enums';
import { expectedReplyText, shanghaiDay } from '@qsgj/shared/rules';
import Picture from '@/components/picture';
import PolicyCard from '@/components/policy-card';
import { apiUrl } from '@/services/http';
import { openPage, PAGES } from '@/utils/routes';
import type { HomeFeedView } from './use-home-feed';

/** 「12月1日」 (with the year when it is not this year's). */
function dayText(iso: string): string {
  const day = shanghaiDay(new Date(iso));
  const [y, m, d] = [day.slice(0, 4), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
  return `${y === shanghaiDay(new Date()).slice(0, 4) ? '' : `${y}年`}${m}月${d}日`;
}

/** 12月8日 14:30 (Shanghai). */
function timeText(iso: string): string {
  return `${dayText(iso)} ${new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(11, 16)}`;
}

function SectionHead({ title, more, moreLabel }: { title: string; more?: string; moreLabel?: string }) {
  return (
    <View className="home-feed__head">
      <Text className="qs-section__title home-feed__title">{title}</Text>
      {more && (
        <View
          className="home-feed__more"
          role="link"
          aria-label={moreLabel ?? `查看更多${title}`}
          onClick={() => void openPage(more)}
        >
          <Text>更多</Text>
          <Text aria-hidden="true"> ›</Text>
        </View>
      )}
    </View>
  );
}

function NewsRow({ n }: { n: NewsCard }) {
  return (
    <View
      className="home-feed__news"
      data-id={n.id}
      role="link"
      onClick={() => void openPage(`${PAGES.newsDetail}?id=${n.id}`)}
    >
      <View className="home-feed__news-text">
        <Text className="home-feed__news-title">
          {n.pinned && <Text className="home-feed__pinned">置顶</Text>}
          {n.title}
        </Text>
        <Text className="qs-muted home-feed__news-meta">
          {[n.source, dayText(n.publishedAt)].filter(Boolean).join(' · ')}
        </Text>
      </View>
      {n.cover && <Picture className="home-feed__cover" src={apiUrl(n.cover)} alt={n.title} />}
    </View>
  );
}

function News({ news }: { news: NewsCard[] }) {
  return (
    <View className="qs-section home-feed__section home-feed__section--news">
      <SectionHead title="营商动态" more={PAGES.news} />
      {news.length === 0 ? (
        <Text className="qs-muted home-feed__empty">暂无营商动态</Text>
      ) : (
        news.map((n) => <NewsRow key={n.id} n={n} />)
      )}
    </View>
  );
}

/** 潭商讲堂: the next events (hidden while none are coming); a row opens the event, 更多 the list. */
function Events({ events }: { events: HomeEventCard[] }) {
  if (events.length === 0) return null;
  return (
    <View className="qs-section home-feed__section home-feed__section--events">
      <SectionHead title="潭商讲堂" more={PAGES.events} />
      {events.map((e) => (
        <View
          key={e.id}
          className="home-feed__event"
          role="link"
          data-id={e.id}
          onClick={() => void openPage(`${PAGES.eventDetail}?id=${e.id}`)}
        >
          <View className="home-feed__news-text">
            <Text className="home-feed__news-title">{e.title}</Text>
            <Text className="qs-muted home-feed__news-meta">
              {[
                timeText(e.startsAt),
                e.place,
                e.signupOpen ? (e.seatsLeft > 0 ? `余 ${e.seatsLeft} 席` : '可候补') : '报名已截止',
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </View>
        </View>
      ))}
    </View>
  );
}

function Policies({ items }: { items: NonNullable<HomeFeed['matchedPolicies']> }) {
  return (
    <View className="qs-section home-feed__section home-feed__section--policies">
      <SectionHead title="为您匹配的政策" more={PAGES.policies} moreLabel="查看全部匹配政策" />
      {items.length === 0 ? (
        <View className="home-feed__prompt" role="link" onClick={() => void openPage(PAGES.enterpriseProfile)}>
          <Text className="qs-muted">暂无匹配的政策，完善一企一档可获得更精准的推荐</Text>
          <Text className="home-feed__prompt-go">去完善</Text>
        </View>
      ) : (
        items.map((m) => (
          <PolicyCard key={m.policy.id} policy={m.policy} match={m.match} className="home-feed__policy" />
        ))
      )}
    </View>
  );
}

function CaseRow({ c }: { c: CaseSummary }) {
  return (
    <View
      className="home-feed__case"
      data-id={c.id}
      role="link"
      onClick={() => void openPage(`${PAGES.caseDetail}?id=${c.id}`)}
    >
      <View className="home-feed__case-head">
        <Text className="home-feed__case-type">{CASE_TYPE_LABEL[c.type]}</Text>
        <Text className="home-feed__case-number">{c.number}</Text>
        <Text className="home-feed__case-state">{CASE_STATE_LABEL[c.state]}</Text>
      </View>
      <Text className="home-feed__case-excerpt">{c.excerpt}</Text>
      {c.paused ? (
        <Text className="home-feed__case-expected">待补充材料</Text>
      ) : (
        c.expectedBy && (
          <Text className="home-feed__case-expected">{expectedReplyText(new Date(c.expectedBy), new Date())}</Text>
        )
      )}
    </View>
  );
}

function Cases({ items, more }: { items: CaseSummary[]; more: boolean }) {
  return (
    <View className="qs-section home-feed__section home-feed__section--cases">
      <SectionHead
        title="我的诉求 · 办理中"
        more={PAGES.myCases}
        moreLabel={more ? '查看全部诉求（还有更多）' : '查看全部诉求'}
      />
      {items.length === 0 ? (
        <Text className="qs-muted home-feed__empty">暂无办理中的诉求</Text>
      ) : (
        items.map((c) => <CaseRow key={c.id} c={c} />)
      )}
    </View>
  );
}

function Skeleton() {
  return (
    // Not aria-busy: the page itself (the tiles) is already usable; only this part waits (role status says so).
    <View className="qs-section home-feed__skeleton" role="status" aria-label="正在加载首页动态">
      <View className="home-feed__bar home-feed__bar--title" />
      <View className="home-feed__bar" />
      <View className="home-feed__bar home-feed__bar--short" />
      <View className="home-feed__bar" />
    </View>
  );
}

/**
 * Below the tiles: 营商动态, 潭商讲堂 (once there are events), and for a bound enterprise its matched policies and
 * its cases being handled. A skeleton while nothing is there yet; a failure offers a retry in place (the tiles
 * above still work).
 */
export default function HomeFeedSections({ view }: { view: HomeFeedView }) {
  const { feed, loading, error, retry } = view;
  if (!feed) {
    if (loading) return <Skeleton />;
    return (
      <View className="qs-section home-feed__error" role="alert">
        <Text className="home-feed__error-title">首页动态加载失败</Text>
        <Text className="qs-muted">{error?.message ?? '请稍后重试'}</Text>
        <Button className="qs-btn qs-btn--plain home-feed__retry" onClick={retry}>
          重新加载
        </Button>
      </View>
    );
  }
  return (
    <View className="home-feed">
      <News news={feed.news} />
      <Events events={feed.events} />
      {feed.matchedPolicies && <Policies items={feed.matchedPolicies} />}
      {feed.openCases && <Cases items={feed.openCases} more={feed.moreOpenCases} />}
    </View>
  );
}
