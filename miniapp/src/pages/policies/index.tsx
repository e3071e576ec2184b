import { Button, Input, Text, View } from '@tarojs/components';
import type { MatchedPoliciesResponse } from '@qsgj/shared/contracts';
import { POLICY_LEVEL_LABEL, type PolicyLevel } from '@qsgj/shared/enums';
import { POLICY_QUERY_MAX } from '@qsgj/shared/rules';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import PolicyCard from '@/components/policy-card';
import StateView from '@/components/state-view';
import { openPage, PAGES } from '@/utils/routes';
import { MATCHED_PREVIEW, type PolicyFilters, usePolicySearch } from './use-policy-search';
import './index.scss';

type Search = ReturnType<typeof usePolicySearch>;

const LEVELS = Object.keys(POLICY_LEVEL_LABEL) as PolicyLevel[];

function Chip({ label, on, onTap, className }: { label: string; on: boolean; onTap: () => void; className?: string }) {
  return (
    <View
      className={`policies__chip${on ? ' policies__chip--on' : ''}${className ? ` ${className}` : ''}`}
      role="button"
      aria-pressed={on}
      onClick={onTap}
    >
      {label}
    </View>
  );
}

function SearchBox({ s }: { s: Search }) {
  return (
    <View className="policies__box">
      <Input
        className="qs-field__input policies__input"
        value={s.text}
        maxlength={POLICY_QUERY_MAX}
        confirmType="search"
        placeholder="搜索政策标题、文号、关键词"
        placeholderClass="qs-field__placeholder"
        nativeProps={{ 'aria-label': '搜索政策' }}
        onInput={(e) => s.setText(e.detail.value)}
        onConfirm={(e) => s.search(e.detail.value)}
      />
      {s.text !== '' && (
        <View className="policies__clear" role="button" aria-label="清除搜索词" onClick={s.clearText}>
          清除
        </View>
      )}
      <Button className="qs-btn policies__submit" onClick={() => s.search()}>
        搜索
      </Button>
    </View>
  );
}

function Suggestions({ s }: { s: Search }) {
  if (s.suggestions.length === 0) return null;
  return (
    <View className="policies__suggestions">
      {s.suggestions.map((word) => (
        <View key={word} className="policies__suggestion" role="button" onClick={() => s.search(word)}>
          {word}
        </View>
      ))}
    </View>
  );
}

function History({ s }: { s: Search }) {
  if (s.history.length === 0) return null;
  return (
    <View className="policies__history">
      <View className="policies__history-head">
        <Text className="policies__history-title">最近搜索</Text>
        <View className="policies__history-clear" role="button" onClick={s.clearHistory}>
          清空
        </View>
      </View>
      <View className="policies__chips">
        {s.history.map((q) => (
          <Chip key={q} className="policies__history-item" label={q} on={false} onTap={() => s.search(q)} />
        ))}
      </View>
    </View>
  );
}

function FilterRow<K extends 'category' | 'district' | 'level'>(p: {
  title: string;
  field: K;
  options: Array<{ value: NonNullable<PolicyFilters[K]>; label: string }>;
  s: Search;
}) {
  const current = p.s.filters[p.field];
  return (
    <View className={`policies__filter policies__filter--${p.field}`}>
      <Text className="policies__filter-title">{p.title}</Text>
      <View className="policies__chips">
        <Chip label="全部" on={current === null} onTap={() => p.s.setFilter(p.field, null as PolicyFilters[K])} />
        {p.options.map((o) => (
          <Chip
            key={o.value}
            label={o.label}
            on={current === o.value}
            onTap={() => p.s.setFilter(p.field, (current === o.value ? null : o.value) as PolicyFilters[K])}
          />
        ))}
      </View>
    </View>
  );
}

function Filters({ s }: { s: Search }) {
  const d = s.dictionaries;
  return (
    <View className="policies__filters">
      <View className="policies__filter-bar">
        <View
          className={`policies__filter-toggle${s.filtersOpen ? ' policies__filter-toggle--open' : ''}`}
          role="button"
          aria-expanded={s.filtersOpen}
          onClick={s.toggleFilters}
        >
          {s.activeFilters > 0 ? `筛选（${s.activeFilters}）` : '筛选'}
        </View>
        <Chip
          className="policies__expired"
          label="含已过期"
          on={s.filters.includeExpired}
          onTap={() => s.setFilter('includeExpired', !s.filters.includeExpired)}
        />
        {s.activeFilters > 0 && (
          <View className="policies__filter-reset" role="button" onClick={s.resetFilters}>
            重置
          </View>
        )}
      </View>
      {s.filtersOpen && (
        <View className="policies__filter-panel">
          <FilterRow
            s={s}
            title="层级"
            field="level"
            options={LEVELS.map((l) => ({ value: l, label: POLICY_LEVEL_LABEL[l] }))}
          />
          <StateView loading={d.loading && !d.data} error={d.data ? null : d.error} onRetry={() => void d.reload()}>
            {d.data && (
              <>
                <FilterRow
                  s={s}
                  title="类别"
                  field="category"
                  options={d.data.categories.map((v) => ({ value: v, label: v }))}
                />
                <FilterRow
                  s={s}
                  title="区域"
                  field="district"
                  options={d.data.districts.map((v) => ({ value: v, label: v }))}
                />
              </>
            )}
          </StateView>
        </View>
      )}
    </View>
  );
}

function ProfilePrompt() {
  return (
    <View className="policies__profile-prompt" role="button" onClick={() => void openPage(PAGES.enterpriseProfile)}>
      <Text className="policies__profile-prompt-text">完善一企一档，获取精准匹配</Text>
      <Text className="policies__profile-prompt-go">去完善</Text>
    </View>
  );
}

function Matched({ m }: { m: NonNullable<Search['matched']> }) {
  const data: MatchedPoliciesResponse | undefined = m.data;
  if (!data) {
    // Nothing while it loads (the results are already there); a failure offers a retry in one line.
    if (!m.error) return null;
    return (
      <View className="qs-section policies__matched policies__matched--error" role="alert">
        <Text className="policies__matched-title">为您匹配</Text>
        <View className="policies__matched-retry" role="button" onClick={() => void m.reload()}>
          {m.error.message}，点击重试
        </View>
      </View>
    );
  }
  const items = Array.isArray(data.items) ? data.items : [];
  const gaps = Array.isArray(data.gaps) ? data.gaps : [];
  const shown = m.expanded ? items : items.slice(0, MATCHED_PREVIEW);
  return (
    <View className="policies__matched">
      <View className="policies__matched-head">
        <Text className="policies__matched-title">为您匹配</Text>
        {items.length > 0 && <Text className="qs-muted">按一企一档匹配 {items.length} 条</Text>}
      </View>
      {gaps.length > 0 && <ProfilePrompt />}
      {items.length === 0 && (
        <Text className="qs-muted policies__matched-empty">
          {data.thin ? '企业信息太少，暂时无法匹配政策' : '暂无与本企业匹配的在有效期内的政策'}
        </Text>
      )}
      {shown.map(({ policy, match }) => (
        <PolicyCard key={policy.id} className="policies__matched-item" policy={policy} match={match} />
      ))}
      {!m.expanded && items.length > MATCHED_PREVIEW && (
        <View className="policies__matched-more" role="button" onClick={m.expand}>
          查看全部（{items.length}）
        </View>
      )}
    </View>
  );
}

/** 涉企政策: search, filters and results for everyone; 为您匹配 on top for an enterprise. */
function Policies() {
  const s = usePolicySearch();
  const { list } = s;
  return (
    <>
      <View className="policies__search">
        <SearchBox s={s} />
        <Suggestions s={s} />
        <History s={s} />
        <Filters s={s} />
      </View>
      {s.matched && !s.query && <Matched m={s.matched} />}
      <View className="policies__results">
        <View className="policies__results-head">
          <Text className="policies__heading">涉企政策库</Text>
          {s.query !== '' && <Text className="qs-muted policies__query">搜索「{s.query}」</Text>}
        </View>
        <StateView
          {...list.state}
          emptyText={s.query ? `没有找到与「${s.query}」相关的政策，换个词试试` : '没有符合筛选条件的政策'}
        >
          {list.items.map((p) => (
            <PolicyCard key={p.id} policy={p} />
          ))}
          <ListFooter list={list} />
        </StateView>
      </View>
    </>
  );
}

export default function PoliciesPage() {
  return (
    <PageShell className="policies">
      <Policies />
    </PageShell>
  );
}
