import { Button, Text, View } from '@tarojs/components';
import type { AdminNewsItem } from '@qsgj/shared/contracts';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { NewsStateTag } from '@/packages/workbench/components/news-admin';
import { AdminOnly, policyTime } from '@/packages/workbench/components/policy-admin';
import { STATUS_FILTERS, useStaffNews } from './use-staff-news';
import './index.scss';

function when(n: AdminNewsItem): string {
  if (n.state === 'scheduled') return `定时 ${policyTime(n.publishedAt)} 发布`;
  if (n.publishedAt) return `发布于 ${policyTime(n.publishedAt)}`;
  return `更新于 ${policyTime(n.updatedAt)}`;
}

/** 动态管理 (admins): the articles by status, 新建动态. */
function StaffNews() {
  const s = useStaffNews();
  if (!s.admin) return <AdminOnly what="营商动态" />;
  const { list } = s;
  return (
    <View className="wb-news">
      <View className="qs-section wb-news__top">
        <Button className="qs-btn wb-news__new" onClick={s.create}>
          新建动态
        </Button>
        <View className="wb-news__chips">
          {STATUS_FILTERS.map((f) => (
            <View
              key={f.key}
              className={`wb-news__chip wb-news__chip--${f.key}${f.key === s.status ? ' wb-news__chip--on' : ''}`}
              role="button"
              aria-pressed={f.key === s.status}
              onClick={() => s.setStatus(f.key)}
            >
              {f.label}
            </View>
          ))}
        </View>
      </View>
      <StateView {...list.state} emptyText="该状态下暂无动态">
        {list.items.map((n) => (
          <View
            key={n.id}
            className="qs-section wb-news__row"
            data-id={n.id}
            role="button"
            onClick={() => s.open(n.id)}
          >
            <View className="wb-news__row-head">
              <NewsStateTag state={n.state} />
              {n.pinned && <Text className="qs-tag qs-tag--bad wb-news__pinned">置顶</Text>}
              <Text className="wb-news__title">{n.title}</Text>
            </View>
            <Text className="wb-news__meta">
              {when(n)} · 阅读 {n.viewCount}
            </Text>
          </View>
        ))}
        <ListFooter list={list} />
      </StateView>
    </View>
  );
}

export default function WorkbenchNewsPage() {
  return (
    <PageShell className="workbench-news">
      <StaffNews />
    </PageShell>
  );
}
