import { Button, Text, View } from '@tarojs/components';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import SearchBox from '@/components/search-box';
import StateView from '@/components/state-view';
import { openPage, PAGES } from '@/utils/routes';
import { Chips, choicesOf } from '@/packages/market/components/chips';
import EnterpriseCard from '@/packages/market/components/enterprise-card';
import PostCard from '@/packages/market/components/post-card';
import type { PublishGate } from '@/packages/market/components/use-publish-gate';
import { MARKET_CATEGORIES, MARKET_QUERY_MAX } from '@/packages/market/components/words';
import { type MarketBoard, useMarketBoard } from './use-market-board';
import './index.scss';

const KIND_CHOICES = [
  { value: '', label: '全部' },
  { value: 'supply', label: '供应' },
  { value: 'demand', label: '需求' },
];

function Tabs({ b }: { b: MarketBoard }) {
  const tabs = [
    { value: 'posts' as const, label: '供需' },
    { value: 'enterprises' as const, label: '企业名录' },
  ];
  return (
    <View className="market-board__tabs" role="tablist">
      {tabs.map((t) => (
        <View
          key={t.value}
          className={`market-board__tab${b.tab === t.value ? ' market-board__tab--on' : ''}`}
          role="tab"
          aria-selected={b.tab === t.value}
          onClick={() => b.setTab(t.value)}
        >
          <Text>{t.label}</Text>
        </View>
      ))}
    </View>
  );
}

function Search(props: {
  value: string;
  onInput: (v: string) => void;
  onSearch: (v?: string) => void;
  placeholder: string;
  label: string;
}) {
  return (
    <SearchBox
      {...props}
      maxlength={MARKET_QUERY_MAX}
      classes={{ box: 'market-board__search', input: 'market-board__input', submit: 'market-board__submit' }}
    />
  );
}

/** Why 发布供需 did not open the form, and what to do. */
function Blocked({ gate }: { gate: PublishGate }) {
  if (!gate.block) return null;
  const text = {
    unbound: '供需信息以企业名义发布，请先绑定企业，审核通过后即可发布。',
    pending: '您的企业绑定申请正在审核，通过后即可发布供需信息。',
    staff: '工作人员账号不能发布供需信息，供需由企业用户发布。',
  }[gate.block];
  return (
    <View className="qs-section market-board__blocked" role="alert" data-block={gate.block}>
      <Text className="market-board__blocked-text">{text}</Text>
      <View className="market-board__blocked-actions">
        {gate.block === 'unbound' && (
          <Button className="qs-btn market-board__bind" onClick={gate.bind}>
            绑定企业
          </Button>
        )}
        <Button className="qs-btn qs-btn--plain" onClick={gate.dismiss}>
          知道了
        </Button>
      </View>
    </View>
  );
}

function PostFilters({ b }: { b: MarketBoard }) {
  const districts = b.districts.values ?? [];
  const summary = [b.posts.category, b.posts.district].filter(Boolean).join(' · ') || '全部类别 · 全部区域';
  return (
    <View className="market-board__filters">
      <Chips
        label="类型"
        className="market-board__kinds"
        choices={KIND_CHOICES}
        value={b.posts.kind}
        onChange={(v) => b.setPostFilter('kind', v as MarketBoard['posts']['kind'])}
      />
      <View className="market-board__filter-bar">
        <Text className="market-board__summary">{summary}</Text>
        <View
          className={`market-board__toggle${b.panelOpen ? ' market-board__toggle--open' : ''}`}
          role="button"
          aria-expanded={b.panelOpen}
          onClick={b.togglePanel}
        >
          {b.postFiltersOn > 0 ? `筛选（${b.postFiltersOn}）` : '筛选'}
        </View>
      </View>
      {b.panelOpen && (
        <View className="market-board__panel">
          <Text className="market-board__filter-title">类别</Text>
          <Chips
            label="类别"
            className="market-board__categories"
            choices={choicesOf(MARKET_CATEGORIES, '全部')}
            value={b.posts.category}
            onChange={(v) => b.setPostFilter('category', v)}
          />
          <Text className="market-board__filter-title">区域</Text>
          {b.districts.error ? (
            <View className="market-board__dict-error" role="button" onClick={b.districts.retry}>
              {`${b.districts.error}，点击重试`}
            </View>
          ) : (
            <Chips
              label="区域"
              className="market-board__districts"
              choices={choicesOf(districts, '全部')}
              value={b.posts.district}
              onChange={(v) => b.setPostFilter('district', v)}
            />
          )}
        </View>
      )}
    </View>
  );
}

function Posts({ b }: { b: MarketBoard }) {
  const filtered = b.postFiltersOn > 0 || b.posts.kind !== '' || b.posts.q !== '';
  return (
    <>
      <View className="market-board__actions">
        <Button className="qs-btn market-board__publish" loading={b.gate.busy} onClick={b.gate.publish}>
          发布供需
        </Button>
        <Button
          className="qs-btn qs-btn--plain market-board__mine"
          onClick={() => void openPage(PAGES.myMarketPosts).catch(() => undefined)}
        >
          我的供需
        </Button>
      </View>
      <Blocked gate={b.gate} />
      <Search
        value={b.postText}
        onInput={b.setPostText}
        onSearch={b.searchPosts}
        placeholder="搜索供需标题、描述"
        label="搜索供需"
      />
      <PostFilters b={b} />
      <StateView
        {...b.board.state}
        emptyText={filtered ? '没有符合条件的供需信息' : '暂无供需信息，欢迎发布'}
        emptyAction={
          filtered ? (
            <Button className="qs-btn qs-btn--plain market-board__clear" onClick={b.resetPosts}>
              查看全部供需
            </Button>
          ) : undefined
        }
      >
        {b.board.items.map((p) => (
          <PostCard key={p.id} post={p} />
        ))}
        <ListFooter list={b.board} />
      </StateView>
    </>
  );
}

function Directory({ b }: { b: MarketBoard }) {
  const filtered = b.enterprises.district !== '' || b.enterprises.industry !== '' || b.enterprises.q !== '';
  return (
    <>
      <View className="market-board__actions">
        <Button
          className="qs-btn qs-btn--plain market-board__listing"
          onClick={() => void openPage(PAGES.marketListing).catch(() => undefined)}
        >
          我的企业入驻名录
        </Button>
      </View>
      <Search
        value={b.enterpriseText}
        onInput={b.setEnterpriseText}
        onSearch={b.searchEnterprises}
        placeholder="搜索企业名称、主营产品"
        label="搜索企业"
      />
      <View className="market-board__filters">
        <Text className="market-board__filter-title">区域</Text>
        <Chips
          label="区域"
          className="market-board__districts"
          choices={choicesOf(b.districts.values ?? [], '全部')}
          value={b.enterprises.district}
          onChange={(v) => b.setEnterpriseFilter('district', v)}
        />
        <Text className="market-board__filter-title">行业</Text>
        {b.industries.error ? (
          <View className="market-board__dict-error" role="button" onClick={b.industries.retry}>
            {`${b.industries.error}，点击重试`}
          </View>
        ) : (
          <Chips
            label="行业"
            className="market-board__industries"
            choices={choicesOf(b.industries.values ?? [], '全部')}
            value={b.enterprises.industry}
            onChange={(v) => b.setEnterpriseFilter('industry', v)}
          />
        )}
      </View>
      <StateView
        {...b.directory.state}
        emptyText={filtered ? '没有符合条件的企业' : '暂无入驻名录的企业'}
        emptyAction={
          filtered ? (
            <Button className="qs-btn qs-btn--plain market-board__clear" onClick={b.resetEnterprises}>
              查看全部企业
            </Button>
          ) : undefined
        }
      >
        {b.directory.items.map((e) => (
          <EnterpriseCard key={e.id} enterprise={e} />
        ))}
        <ListFooter list={b.directory} />
      </StateView>
    </>
  );
}

/** 企业商圈: 供需 (supply and demand posts, filtered and searched) and 企业名录 (the opt-in directory). */
function MarketBoardContent() {
  const b = useMarketBoard();
  return (
    <>
      <Tabs b={b} />
      {b.tab === 'posts' ? <Posts b={b} /> : <Directory b={b} />}
    </>
  );
}

export default function MarketIndexPage() {
  return (
    <PageShell className="market-board">
      <MarketBoardContent />
    </PageShell>
  );
}
