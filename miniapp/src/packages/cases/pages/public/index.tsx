import { Button, Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { percent, shanghaiTime, usePublicStats } from './use-public-stats';
import './index.scss';

/** 服务公开: what the butlers received and resolved, for the city and per department — counts only. */
function PublicStats() {
  const { stats, data, empty } = usePublicStats();
  return (
    <StateView
      loading={stats.loading && !data}
      error={stats.error}
      empty={empty}
      emptyText="暂无公开数据"
      onRetry={() => void stats.reload()}
    >
      {data && (
        <>
          <View className="qs-section public-stats__city">
            <Text className="qs-section__title">全市亲商管家服务情况</Text>
            <Text className="public-stats__headline">
              受理 {data.city.received} 件，办结 {data.city.resolved} 件，{data.city.longTerm} 件长期跟踪
            </Text>
            <View className="public-stats__figures">
              <View className="public-stats__figure public-stats__figure--received">
                <Text className="public-stats__value">{data.city.received}</Text>
                <Text className="public-stats__label">受理（件）</Text>
              </View>
              <View className="public-stats__figure public-stats__figure--resolved">
                <Text className="public-stats__value">{data.city.resolved}</Text>
                <Text className="public-stats__label">办结（件）</Text>
              </View>
              <View className="public-stats__figure public-stats__figure--long-term">
                <Text className="public-stats__value">{data.city.longTerm}</Text>
                <Text className="public-stats__label">长期跟踪（件）</Text>
              </View>
              <View className="public-stats__figure public-stats__figure--satisfaction">
                <Text className="public-stats__value">{percent(data.city.satisfactionRate)}</Text>
                <Text className="public-stats__label">满意率</Text>
              </View>
            </View>
            <Text className="qs-muted public-stats__rate-note">
              满意率 = 满意评价（非常满意、满意、基本满意）{data.city.satisfied} 件 ÷ 有效评价 {data.city.rated}{' '}
              件；未评价的诉求不计入。
            </Text>
          </View>

          <View className="qs-section public-stats__departments">
            <Text className="qs-section__title">各部门</Text>
            {data.departments.length === 0 ? (
              <Text className="qs-muted">暂无部门数据</Text>
            ) : (
              <>
                <View className="public-stats__row public-stats__row--head">
                  <Text className="public-stats__name">部门</Text>
                  <Text className="public-stats__cell">受理</Text>
                  <Text className="public-stats__cell">办结</Text>
                  <Text className="public-stats__cell">长期跟踪</Text>
                  <Text className="public-stats__cell">满意率</Text>
                </View>
                {data.departments.map((d) => (
                  <View key={d.name} className="public-stats__row public-stats__dept">
                    <Text className="public-stats__name">{d.name}</Text>
                    <Text className="public-stats__cell public-stats__cell--received">{d.received}</Text>
                    <Text className="public-stats__cell public-stats__cell--resolved">{d.resolved}</Text>
                    <Text className="public-stats__cell public-stats__cell--long-term">{d.longTerm}</Text>
                    <Text className="public-stats__cell public-stats__cell--satisfaction">
                      {percent(d.satisfactionRate)}
                    </Text>
                  </View>
                ))}
              </>
            )}
          </View>

          <Text className="qs-muted public-stats__note">
            统计自服务开通以来的全部诉求（审核中的不计入），不含任何企业或个人信息。数据约每 30 秒更新，截至{' '}
            {shanghaiTime(data.generatedAt)}。
          </Text>
          <View className="qs-section">
            <Button
              className="qs-btn qs-btn--plain public-stats__refresh"
              disabled={stats.loading}
              onClick={() => void stats.reload()}
            >
              刷新数据
            </Button>
          </View>
        </>
      )}
    </StateView>
  );
}

export default function PublicStatsPage() {
  return (
    <PageShell className="public-stats">
      <PublicStats />
    </PageShell>
  );
}
