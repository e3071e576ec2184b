import { Button, Text, View } from '@tarojs/components';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { policyTime } from '@/packages/workbench/components/policy-admin';
import { FaqStatusTag } from './status-tag';
import { DEFLECTION_DAYS, FAQ_FILTERS, useStaffFaq } from './use-staff-faq';
import './index.scss';

function Deflections({ s }: { s: ReturnType<typeof useStaffFaq> }) {
  const d = s.deflections.data;
  return (
    <View className="qs-section wb-faq__figures" aria-label={`近 ${DEFLECTION_DAYS} 天推荐效果`}>
      <Text className="wb-faq__figures-title">近 {DEFLECTION_DAYS} 天 · 咨询表单中的推荐</Text>
      {d ? (
        <View className="wb-faq__figures-row">
          <View className="wb-faq__figure">
            <Text className="wb-faq__figure-value">{d.opened}</Text>
            <Text className="qs-muted">次打开推荐</Text>
          </View>
          <View className="wb-faq__figure wb-faq__figure--deflected">
            <Text className="wb-faq__figure-value">{d.notSent}</Text>
            <Text className="qs-muted">次未再提交咨询</Text>
          </View>
          <View className="wb-faq__figure">
            <Text className="wb-faq__figure-value">{d.sent}</Text>
            <Text className="qs-muted">次 24 小时内仍提交</Text>
          </View>
        </View>
      ) : s.deflections.error ? (
        <View className="wb-faq__figures-retry" role="button" onClick={() => void s.deflections.reload()}>
          {s.deflections.error.message}，点击重试
        </View>
      ) : (
        <Text className="qs-muted">正在加载…</Text>
      )}
    </View>
  );
}

/** 常见问题管理: drafts to review, published and withdrawn entries; 新建 opens a blank editor. */
function StaffFaq() {
  const s = useStaffFaq();
  if (!s.staff) return null;
  const { list } = s;
  return (
    <View className="wb-faq">
      <Deflections s={s} />
      <View className="qs-section wb-faq__top">
        <Button className="qs-btn wb-faq__new" onClick={s.create}>
          新建常见问题
        </Button>
        <Text className="qs-muted wb-faq__hint">
          {s.reviewer
            ? '条目须由撰写人、最后修改人以外的主管或管理员审核发布。'
            : '您撰写的条目由主管或管理员审核后发布。办结的咨询可在诉求详情中「发布为常见问题」。'}
        </Text>
        <View className="wb-faq__chips">
          {FAQ_FILTERS.map((f) => (
            <View
              key={f.key}
              className={`wb-faq__chip wb-faq__chip--${f.key}${f.key === s.status ? ' wb-faq__chip--on' : ''}`}
              role="button"
              aria-pressed={f.key === s.status}
              onClick={() => s.setStatus(f.key)}
            >
              {f.label}
            </View>
          ))}
        </View>
      </View>
      <StateView {...list.state} emptyText={s.status === 'draft' ? '暂无待审核的条目' : '该状态下暂无条目'}>
        {list.items.map((f) => (
          <View key={f.id} className="qs-section wb-faq__row" data-id={f.id} role="button" onClick={() => s.open(f.id)}>
            <View className="wb-faq__row-head">
              <FaqStatusTag status={f.status} />
              <Text className="wb-faq__question">{f.question}</Text>
            </View>
            <Text className="wb-faq__meta">
              {f.createdBy?.name ?? '—'} 撰写
              {f.sourceCaseNumber ? ` · 来自 ${f.sourceCaseNumber}` : ''}
              {f.status === 'published' ? ` · ${f.viewCount} 次浏览` : ''}
            </Text>
            <Text className="wb-faq__meta">更新于 {policyTime(f.updatedAt)}</Text>
            {f.canPublish && <Text className="wb-faq__to-review">待您审核</Text>}
          </View>
        ))}
        <ListFooter list={list} />
      </StateView>
    </View>
  );
}

export default function WorkbenchFaqPage() {
  return (
    <PageShell className="workbench-faq">
      <StaffFaq />
    </PageShell>
  );
}
