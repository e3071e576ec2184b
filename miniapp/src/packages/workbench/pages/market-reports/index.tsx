import { Button, Text, View } from '@tarojs/components';
import { MARKET_QUERY_MAX } from '@qsgj/shared/rules';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import SearchBox from '@/components/search-box';
import StateView from '@/components/state-view';
import { PatrolRow } from './patrol-row';
import { ReportRow } from './report-row';
import { type MarketTab, REPORT_FILTERS, useMarketStaff, usePatrol, useReports } from './use-market-reports';
import './index.scss';

const TABS: ReadonlyArray<{ key: MarketTab; label: string }> = [
  { key: 'reports', label: '举报处理' },
  { key: 'patrol', label: '供需巡查' },
];

const EMPTY_REPORTS = { open: '暂无待处理的举报', decided: '暂无已处理的举报', all: '暂无举报' };

/** The server refused this account (商圈管理 is for supervisors and admins): its words, and the way back. */
function Refused({ message, back }: { message: string; back: () => void }) {
  return (
    <View className="qs-section wb-market__refused" role="alert">
      <Text className="qs-section__title">无法使用商圈管理</Text>
      <Text className="wb-market__refused-reason">{message}</Text>
      <Text className="qs-muted">举报处理和下架由主管和管理员负责。</Text>
      <Button className="qs-btn qs-btn--plain wb-market__back" onClick={back}>
        返回工作台
      </Button>
    </View>
  );
}

function Reports({ back }: { back: () => void }) {
  const s = useReports();
  const { list } = s;
  if (s.refused) return <Refused message={list.error!.message} back={back} />;
  return (
    <View className="wb-market__reports">
      <View className="wb-market__chips" role="group" aria-label="举报状态">
        {REPORT_FILTERS.map((f) => (
          <View
            key={f.key}
            className={`wb-market__chip wb-market__chip--${f.key}${f.key === s.status ? ' wb-market__chip--on' : ''}`}
            role="button"
            aria-pressed={f.key === s.status}
            onClick={() => s.setStatus(f.key)}
          >
            {f.label}
          </View>
        ))}
      </View>
      <StateView {...list.state} emptyText={EMPTY_REPORTS[s.status]}>
        {list.items.map((r) => (
          <ReportRow key={r.id} r={r} onDecided={s.decided} onOpen={s.open} />
        ))}
        <ListFooter list={list} />
      </StateView>
    </View>
  );
}

function Patrol() {
  const s = usePatrol();
  const { list } = s;
  return (
    <View className="wb-market__patrol">
      <SearchBox
        value={s.text}
        onInput={s.setText}
        onSearch={s.search}
        onClear={s.clear}
        maxlength={MARKET_QUERY_MAX}
        placeholder="搜索供需信息标题、描述或企业"
        label="搜索供需信息"
        classes={{
          box: 'wb-market__search',
          input: 'wb-market__search-input',
          clear: 'wb-market__clear',
          submit: 'wb-market__search-submit',
        }}
      />
      <Text className="qs-muted wb-market__patrol-hint">
        {s.q ? `「${s.q}」的搜索结果` : '供需广场上正在展示的信息，最新的在前'}
      </Text>
      <StateView {...list.state} emptyText={s.q ? `没有找到与「${s.q}」相关的供需信息` : '供需广场上暂无展示中的信息'}>
        {list.items.map((p) => (
          <PatrolRow key={p.id} post={p} downReason={s.down[p.id]} onDown={s.takenDown} onOpen={s.open} />
        ))}
        <ListFooter list={list} />
      </StateView>
    </View>
  );
}

/** 商圈管理: 举报处理 (reports to decide: 下架 or 驳回, with a note) and 供需巡查 (search the board, 下架 with a reason). */
function MarketReports() {
  const m = useMarketStaff();
  if (!m.staff) return null;
  return (
    <View className="wb-market">
      <View className="wb-market__tabs" role="tablist">
        {TABS.map((t) => (
          <View
            key={t.key}
            className={`wb-market__tab wb-market__tab--${t.key}${t.key === m.tab ? ' wb-market__tab--on' : ''}`}
            role="tab"
            aria-selected={t.key === m.tab}
            onClick={() => m.setTab(t.key)}
          >
            {t.label}
          </View>
        ))}
      </View>
      {m.tab === 'reports' ? <Reports back={m.back} /> : <Patrol />}
    </View>
  );
}

export default function MarketReportsPage() {
  return (
    <PageShell className="workbench-market">
      <MarketReports />
    </PageShell>
  );
}
