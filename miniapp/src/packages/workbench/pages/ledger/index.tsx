import { Button, Picker, Text, View } from '@tarojs/components';
import type { LedgerFigures, LedgerRow } from '@qsgj/shared/contracts';
import BarChart from '@/packages/workbench/components/bar-chart';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { days, percent, shanghaiTime } from './format';
import { PRESETS } from './period';
import { BREAKDOWNS, type Option, SOURCE_OPTIONS, TYPE_OPTIONS, useLedger } from './use-ledger';
import './index.scss';

type LedgerState = ReturnType<typeof useLedger>;

interface Card {
  key: string;
  label: string;
  value: (f: LedgerFigures) => string;
  sub?: (f: LedgerFigures) => string;
}

const CARDS: Card[] = [
  { key: 'received', label: '受理量', value: (f) => String(f.received) },
  { key: 'accepted', label: '已受理', value: (f) => String(f.accepted) },
  { key: 'resolved', label: '办结', value: (f) => String(f.resolved) },
  { key: 'closed', label: '已完结', value: (f) => String(f.closed) },
  { key: 'rejected', label: '不予受理', value: (f) => String(f.rejected) },
  { key: 'long-term', label: '长期推进', value: (f) => String(f.longTerm) },
  {
    key: 'overdue',
    label: '超期',
    value: (f) => String(f.overdue),
    sub: (f) => `在办超期 ${f.overdueOpen} · 超期办结 ${f.resolvedLate}`,
  },
  { key: 'avg-accept', label: '平均受理（工作日）', value: (f) => days(f.avgAcceptDays) },
  { key: 'avg-resolve', label: '平均办结（工作日）', value: (f) => days(f.avgResolveDays) },
  {
    key: 'response-rate',
    label: '响应率',
    value: (f) => percent(f.responseRate),
    sub: (f) => `按时受理 ${f.acceptedOnTime} / 已受理 ${f.accepted}`,
  },
  {
    key: 'resolution-rate',
    label: '解决率',
    value: (f) => percent(f.resolutionRate),
    sub: (f) => `办结 ${f.resolved} / ${f.received - f.rejected}`,
  },
  {
    key: 'satisfaction-rate',
    label: '满意率',
    value: (f) => percent(f.satisfactionRate),
    sub: (f) => `满意 ${f.satisfied} / 有效评价 ${f.rated}`,
  },
];

/** 口径说明: how each figure is counted (docs/cases.md, "Ledger"). */
const DEFINITIONS: Array<[string, string]> = [
  ['受理量', '统计区间内收到的诉求（企业提交或工作人员代录），按收到时间计；审核中的不计入。以下各项都针对这批诉求。'],
  ['已受理 / 办结', '已受理：已有受理记录；办结：已办结或已完结（含未评价自动完结的）。'],
  ['超期', '在办超期（受理或办结期限已过仍未完成）加超期办结（办结时已过办结期限）。'],
  ['平均受理 / 办结', '从收到当天到受理（或办结）当天之间的工作日数的平均值，当天受理计 0 天。'],
  ['响应率', '按时受理数 ÷ 已受理数。收到后第 1 个工作日 24 时前受理为按时（转办后按新部门的期限）。'],
  ['解决率', '办结数 ÷（受理量 − 不予受理数）：不予受理的诉求既不算解决，也不算未解决。'],
  ['满意率', '满意数（非常满意、满意、基本满意）÷ 有效评价数；申诉复核撤销的评价、未评价的诉求都不计入。'],
];

const COLUMNS: Array<{ key: string; label: string; value: (r: LedgerRow) => string }> = [
  { key: 'received', label: '受理', value: (r) => String(r.received) },
  { key: 'resolved', label: '办结', value: (r) => String(r.resolved) },
  { key: 'overdue', label: '超期', value: (r) => String(r.overdue) },
  { key: 'response-rate', label: '响应率', value: (r) => percent(r.responseRate) },
  { key: 'resolution-rate', label: '解决率', value: (r) => percent(r.resolutionRate) },
  { key: 'satisfaction-rate', label: '满意率', value: (r) => percent(r.satisfactionRate) },
];

function Chips<T extends string>({
  items,
  value,
  onChange,
  className,
}: {
  items: ReadonlyArray<{ key: T; label: string }>;
  value: T;
  onChange: (key: T) => void;
  className: string;
}) {
  return (
    <View className="ledger__chips">
      {items.map((item) => (
        <View
          key={item.key}
          className={`ledger__chip ${className} ${className}--${item.key}${item.key === value ? ' ledger__chip--on' : ''}`}
          role="button"
          aria-pressed={item.key === value}
          onClick={() => onChange(item.key)}
        >
          {item.label}
        </View>
      ))}
    </View>
  );
}

function Select<T extends string>({
  label,
  options,
  value,
  onChange,
  className,
}: {
  label: string;
  options: Option<T>[];
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  className: string;
}) {
  const index = Math.max(
    0,
    options.findIndex((o) => o.value === value),
  );
  return (
    <Picker
      mode="selector"
      range={options.map((o) => o.label)}
      value={index}
      onChange={(e) => onChange(options[Number(e.detail.value)]?.value)}
    >
      <View className={`ledger__select ${className}`} role="button" aria-label={`${label} ${options[index].label}`}>
        <Text className="ledger__select-label">{label}</Text>
        <Text className="ledger__select-value">{options[index].label}</Text>
      </View>
    </Picker>
  );
}

function PeriodPanel({ l }: { l: LedgerState }) {
  return (
    <View className="qs-section ledger__period">
      <Text className="qs-section__title">统计区间</Text>
      <Chips items={PRESETS} value={l.preset} onChange={l.setPreset} className="ledger__preset" />
      {l.preset === 'custom' && (
        <View className="ledger__custom">
          <Picker
            mode="date"
            value={l.period.from}
            start="2000-01-01"
            end={l.today}
            onChange={(e) => l.setFrom(e.detail.value)}
          >
            <View className="ledger__select ledger__from" role="button" aria-label={`开始 ${l.period.from}`}>
              <Text className="ledger__select-label">开始</Text>
              <Text className="ledger__select-value">{l.period.from}</Text>
            </View>
          </Picker>
          <Picker
            mode="date"
            value={l.period.to}
            start="2000-01-01"
            end={l.today}
            onChange={(e) => l.setTo(e.detail.value)}
          >
            <View className="ledger__select ledger__to" role="button" aria-label={`结束 ${l.period.to}`}>
              <Text className="ledger__select-label">结束</Text>
              <Text className="ledger__select-value">{l.period.to}</Text>
            </View>
          </Picker>
        </View>
      )}
      <Text className="qs-muted ledger__range">
        {l.period.from} 至 {l.period.to}（按收到诉求的日期）
      </Text>
      {l.problem && (
        <View className="qs-field__error ledger__period-error" role="alert">
          {l.problem}
        </View>
      )}
      <View className="ledger__filters">
        {l.showDepartmentFilter && (
          <Select
            label="部门"
            options={l.departmentOptions}
            value={l.filters.department}
            onChange={(v) => l.setFilter('department', v)}
            className="ledger__filter-department"
          />
        )}
        <Select
          label="类型"
          options={TYPE_OPTIONS}
          value={l.filters.type}
          onChange={(v) => l.setFilter('type', v)}
          className="ledger__filter-type"
        />
        <Select
          label="来源"
          options={SOURCE_OPTIONS}
          value={l.filters.source}
          onChange={(v) => l.setFilter('source', v)}
          className="ledger__filter-source"
        />
      </View>
    </View>
  );
}

function Totals({ l, total }: { l: LedgerState; total: LedgerFigures }) {
  return (
    <View className="qs-section ledger__totals">
      <Text className="qs-section__title">合计</Text>
      <View className="ledger__cards">
        {CARDS.map((c) => (
          <View key={c.key} className={`ledger__card ledger__card--${c.key}`}>
            <Text className="ledger__card-value">{c.value(total)}</Text>
            <Text className="ledger__card-label">{c.label}</Text>
            {c.sub && <Text className="ledger__card-sub">{c.sub(total)}</Text>}
          </View>
        ))}
      </View>
      <View className="ledger__explain-toggle" role="button" aria-expanded={l.explain} onClick={l.toggleExplain}>
        {l.explain ? '收起口径说明' : '口径说明'}
      </View>
      {l.explain && (
        <View className="ledger__explain">
          {DEFINITIONS.map(([term, text]) => (
            <View key={term} className="ledger__definition">
              <Text className="ledger__term">{term}</Text>
              <Text className="ledger__meaning">{text}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

function Table({ l, rows }: { l: LedgerState; rows: LedgerRow[] }) {
  if (!rows.length) return <Text className="qs-muted ledger__table-empty">该区间没有数据</Text>;
  return (
    <View className="ledger__table">
      <View className="ledger__thead">
        <Text className="ledger__name ledger__name--head">名称</Text>
        <View className="ledger__cells">
          {COLUMNS.map((c) => (
            <Text key={c.key} className="ledger__cell ledger__cell--head">
              {c.label}
            </Text>
          ))}
        </View>
      </View>
      {rows.slice(0, l.tableRows).map((r) => (
        <View key={r.key ?? '-'} className="ledger__row">
          <Text className="ledger__name">{r.label}</Text>
          <View className="ledger__cells">
            {COLUMNS.map((c) => (
              <Text key={c.key} className={`ledger__cell ledger__cell--${c.key}`}>
                {c.value(r)}
              </Text>
            ))}
          </View>
        </View>
      ))}
      {rows.length > l.tableRows && (
        <Button className="qs-btn qs-btn--plain ledger__more" onClick={l.showMoreRows}>
          显示更多（共 {rows.length} 行）
        </Button>
      )}
    </View>
  );
}

function Export({ l }: { l: LedgerState }) {
  return (
    <View className="qs-section ledger__export">
      <Text className="qs-section__title">导出</Text>
      <Text className="qs-muted">按当前区间和筛选导出：合计及按部门、管家、类型、来源、周各一张表。</Text>
      <View className="ledger__export-buttons">
        <Button
          className="qs-btn ledger__export-xlsx"
          disabled={l.exporting || !!l.problem}
          loading={l.exporting}
          onClick={() => l.exportAs('xlsx')}
        >
          导出 Excel
        </Button>
        <Button
          className="qs-btn qs-btn--plain ledger__export-csv"
          disabled={l.exporting || !!l.problem}
          onClick={() => l.exportAs('csv')}
        >
          导出 CSV
        </Button>
      </View>
      {l.shareFile && (
        <View className="ledger__share">
          <Text className="qs-muted">CSV 已下载。微信内不能直接打开 CSV，可发送到聊天，再在电脑上用表格软件打开。</Text>
          <Button className="qs-btn ledger__share-button" disabled={l.exporting} onClick={l.share}>
            发送到聊天
          </Button>
        </View>
      )}
      {l.exportError && (
        <View className="qs-field__error ledger__export-error" role="alert">
          {l.exportError}
        </View>
      )}
    </View>
  );
}

/** 工作台账: period and filters, the totals, received vs resolved per week or department, a table per breakdown, export. */
function Ledger() {
  const l = useLedger();
  if (!l.staff) {
    return (
      <View className="qs-section">
        <Text className="qs-muted">请先以工作人员身份登录。</Text>
      </View>
    );
  }
  const data = l.data;
  return (
    <>
      <PeriodPanel l={l} />
      {!l.problem && (
        <StateView loading={l.ledger.loading && !data} error={l.ledger.error} onRetry={() => void l.ledger.reload()}>
          {data && (
            <>
              {data.total.received === 0 && (
                <View className="qs-section ledger__empty">
                  <Text className="qs-muted">该区间内没有收到诉求。</Text>
                </View>
              )}
              <Totals l={l} total={data.total} />
              <View className="qs-section ledger__chart">
                <Chips
                  items={[
                    { key: 'week', label: '按周' },
                    { key: 'department', label: '按部门' },
                  ]}
                  value={l.chart}
                  onChange={l.setChart}
                  className="ledger__chart-tab"
                />
                <BarChart
                  title={l.chart === 'week' ? '每周受理与办结' : '各部门受理与办结'}
                  series={['受理', '办结']}
                  groups={l.chartGroups}
                  layout={l.chart === 'week' ? 'columns' : 'rows'}
                  unit="件"
                  emptyText="该区间没有数据"
                />
              </View>
              <View className="qs-section ledger__tables">
                <Chips items={BREAKDOWNS} value={l.table} onChange={l.setTable} className="ledger__table-tab" />
                <Table l={l} rows={data[l.table]} />
              </View>
              <Text className="qs-muted ledger__generated">数据截至 {shanghaiTime(data.generatedAt)}</Text>
              <Export l={l} />
            </>
          )}
        </StateView>
      )}
    </>
  );
}

export default function LedgerPage() {
  return (
    <PageShell className="ledger">
      <Ledger />
    </PageShell>
  );
}
