import { Button, Input, Text, View } from '@tarojs/components';
import { POLICY_LEVEL_LABEL, PolicyStatus } from '@qsgj/shared/enums';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { AdminOnly, PolicyStatusTag, policyTime } from '@/packages/workbench/components/policy-admin';
import { STATUS_FILTERS, usePolicies } from './use-policies';
import './index.scss';

/** 政策管理 (admins): the policies by status, a search, 新建, 导入 and 字典管理. */
function Policies() {
  const p = usePolicies();
  if (!p.admin) return <AdminOnly what="涉企政策" />;
  const { list } = p;
  return (
    <View className="wb-policies">
      <View className="qs-section wb-policies__top">
        <View className="wb-policies__actions">
          <Button className="qs-btn wb-policies__new" onClick={p.create}>
            新建政策
          </Button>
          <Button className="qs-btn qs-btn--plain wb-policies__import" onClick={p.importRows}>
            导入
          </Button>
          <Button className="qs-btn qs-btn--plain wb-policies__dictionaries" onClick={p.dictionaries}>
            字典管理
          </Button>
        </View>
        <View className="wb-policies__search">
          <Input
            className="qs-field__input wb-policies__search-input"
            value={p.input}
            confirmType="search"
            placeholder="搜索标题或文号"
            placeholderClass="qs-field__placeholder"
            nativeProps={{ 'aria-label': '搜索政策' }}
            onInput={(e) => p.setInput(e.detail.value)}
            onConfirm={p.search}
          />
          <Button className="qs-btn wb-policies__search-go" onClick={p.search}>
            搜索
          </Button>
        </View>
        {p.q && (
          <View className="qs-muted wb-policies__searching" role="button" onClick={p.clearSearch}>
            「{p.q}」的结果 · 清除
          </View>
        )}
        <View className="wb-policies__chips">
          {STATUS_FILTERS.map((f) => (
            <View
              key={f.key}
              className={`wb-policies__chip wb-policies__chip--${f.key}${f.key === p.status ? ' wb-policies__chip--on' : ''}`}
              role="button"
              aria-pressed={f.key === p.status}
              onClick={() => p.setStatus(f.key)}
            >
              {f.label}
            </View>
          ))}
        </View>
      </View>
      <StateView {...list.state} emptyText={p.q ? '没有找到相关政策' : '该状态下暂无政策'}>
        {list.items.map((item) => (
          <View key={item.id} className="qs-section wb-policies__row" data-id={item.id}>
            <View className="wb-policies__row-main" role="button" onClick={() => p.open(item.id)}>
              <View className="wb-policies__row-head">
                <PolicyStatusTag status={item.status} />
                <Text className="wb-policies__title">{item.title}</Text>
              </View>
              <Text className="wb-policies__meta">
                {item.docNumber} · {POLICY_LEVEL_LABEL[item.level]}
              </Text>
              <Text className="wb-policies__meta wb-policies__updated">更新于 {policyTime(item.updatedAt)}</Text>
            </View>
            {item.lastPushId && item.status !== PolicyStatus.DRAFT && (
              <View className="wb-policies__push" role="button" onClick={() => p.openPush(item.lastPushId!)}>
                推送进度
              </View>
            )}
          </View>
        ))}
        <ListFooter list={list} />
      </StateView>
    </View>
  );
}

export default function PoliciesPage() {
  return (
    <PageShell className="wb-policies-page">
      <Policies />
    </PageShell>
  );
}
