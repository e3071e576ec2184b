import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import type { LedgerQueryDto, LedgerResponse, LedgerRow } from '@qsgj/shared/contracts';
import { CASE_SOURCE_LABEL, CASE_TYPE_LABEL, type CaseSource, type CaseType } from '@qsgj/shared/enums';
import { shanghaiDay } from '@qsgj/shared/rules';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { statsApi } from '@/services/cases.api';
import { isStaff, sessionStore } from '@/stores/session';
import { PAGES, toast } from '@/utils/routes';
import type { BarGroup } from '@/packages/workbench/components/bar-chart';
import { EXPORT_LABEL, exportLedger, type ExportFormat, shareLedgerFile } from './export-ledger';
import { dayLabel, type Period, periodProblem, type Preset, presetPeriod, weeksOf } from './period';

export type Breakdown = 'byDepartment' | 'byButler' | 'byType' | 'bySource' | 'byWeek';

export const BREAKDOWNS: ReadonlyArray<{ key: Breakdown; label: string }> = [
  { key: 'byDepartment', label: '按部门' },
  { key: 'byButler', label: '按管家' },
  { key: 'byType', label: '按类型' },
  { key: 'bySource', label: '按来源' },
  { key: 'byWeek', label: '按周' },
];

export type ChartKind = 'week' | 'department';

/** Rows a table shows at first, and how many more each 「显示更多」 adds (keeps every setData small). */
export const TABLE_PAGE = 15;

export interface Option<T extends string> {
  value: T | undefined;
  label: string;
}

export const TYPE_OPTIONS: Option<CaseType>[] = [
  { value: undefined, label: '全部类型' },
  ...(Object.keys(CASE_TYPE_LABEL) as CaseType[]).map((t) => ({ value: t, label: CASE_TYPE_LABEL[t] })),
];
export const SOURCE_OPTIONS: Option<CaseSource>[] = [
  { value: undefined, label: '全部来源' },
  ...(Object.keys(CASE_SOURCE_LABEL) as CaseSource[]).map((s) => ({ value: s, label: CASE_SOURCE_LABEL[s] })),
];

interface Filters {
  department?: string;
  type?: CaseType;
  source?: CaseSource;
}

/** Received vs resolved per week of the period (weeks without cases show 0). */
export function weekGroups(period: Period, rows: LedgerRow[]): BarGroup[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return weeksOf(period).map((monday) => {
    const r = byKey.get(monday);
    return {
      key: monday,
      label: `${Number(monday.slice(5, 7))}/${Number(monday.slice(8, 10))}`,
      title: `${dayLabel(monday)}当周`,
      values: [r?.received ?? 0, r?.resolved ?? 0],
    };
  });
}

/** Received vs resolved per department (as the server groups them: the case's current department). */
export function departmentGroups(rows: LedgerRow[]): BarGroup[] {
  return rows.map((r) => ({ key: r.key ?? '-', label: r.label, values: [r.received, r.resolved] }));
}

/**
 * 工作台账: the period (a preset or two dates, at most LEDGER_MAX_DAYS, refused before asking), the filters,
 * the figures, and the export. The department filter is offered to staff who see several departments: those
 * whose unfiltered ledger has more than one (a butler's or a supervisor's scope is their own department).
 */
export function useLedger() {
  const session = useStore(sessionStore);
  const staff = isStaff(session);
  const today = useMemo(() => shanghaiDay(new Date()), []);
  const [preset, setPresetState] = useState<Preset>('month');
  const [custom, setCustom] = useState<Period>(() => presetPeriod('month', today));
  const [filters, setFilters] = useState<Filters>({});
  const [departments, setDepartments] = useState<Array<{ id: string; name: string }>>([]);
  const [explain, setExplain] = useState(false);
  const [chart, setChart] = useState<ChartKind>('week');
  const [table, setTableState] = useState<Breakdown>('byDepartment');
  const [tableRows, setTableRows] = useState(TABLE_PAGE);
  const [shareFile, setShareFile] = useState<{ filePath: string; fileName: string }>();
  const exporter = useAction();

  const period = preset === 'custom' ? custom : presetPeriod(preset, today);
  const problem = periodProblem(period);
  const query: LedgerQueryDto = { from: period.from, to: period.to };
  if (filters.department) query.department = filters.department;
  if (filters.type) query.type = filters.type;
  if (filters.source) query.source = filters.source;
  const queryKey = JSON.stringify(query);

  const ledger = useRequest<LedgerResponse>(() => statsApi.ledger(query), [queryKey], {
    enabled: staff && !problem,
  });

  useDidShow(() => {
    if (!isStaff(sessionStore.get())) void Taro.redirectTo({ url: PAGES.staffLogin });
  });

  // The departments this user sees, from an answer that was not narrowed to one department.
  const data = ledger.data;
  useEffect(() => {
    if (!data || data.filters.department) return;
    const seen = data.byDepartment.filter((r) => r.key).map((r) => ({ id: r.key as string, name: r.label }));
    setDepartments((before) => {
      const merged = new Map(before.map((d) => [d.id, d]));
      for (const d of seen) merged.set(d.id, d);
      return [...merged.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    });
  }, [data]);

  const departmentOptions: Option<string>[] = [
    { value: undefined, label: '全部部门' },
    ...departments.map((d) => ({ value: d.id, label: d.name })),
  ];

  const setPreset = (next: Preset) => {
    if (next === 'custom' && preset !== 'custom') setCustom(period);
    setPresetState(next);
    setShareFile(undefined);
  };
  const setFrom = (from: string) => setCustom((p) => ({ ...p, from }));
  const setTo = (to: string) => setCustom((p) => ({ ...p, to }));
  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setShareFile(undefined);
  };
  const setTable = (next: Breakdown) => {
    setTableState(next);
    setTableRows(TABLE_PAGE);
  };

  const exportAs = (format: ExportFormat) =>
    void exporter.run(async () => {
      if (problem) throw new Error(problem);
      setShareFile(undefined);
      const result = await exportLedger(query, format);
      if (result.kind === 'share') setShareFile({ filePath: result.filePath, fileName: result.fileName });
      else if (result.kind === 'downloaded') toast(`已下载${EXPORT_LABEL[format]}文件`, 'success');
    });

  const share = () => {
    if (!shareFile) return;
    void exporter.run(async () => {
      if (await shareLedgerFile(shareFile)) setShareFile(undefined);
    });
  };

  const shown = data && !problem ? data : undefined;
  return {
    staff,
    preset,
    setPreset,
    period,
    setFrom,
    setTo,
    problem,
    today,
    filters,
    setFilter,
    departmentOptions,
    showDepartmentFilter: departments.length > 1 || !!filters.department,
    ledger,
    data: shown,
    explain,
    toggleExplain: () => setExplain((v) => !v),
    chart,
    setChart,
    chartGroups: shown
      ? chart === 'week'
        ? weekGroups(shown, shown.byWeek)
        : departmentGroups(shown.byDepartment)
      : [],
    table,
    setTable,
    tableRows,
    showMoreRows: () => setTableRows((n) => n + TABLE_PAGE),
    exportAs,
    exporting: exporter.busy,
    exportError: exporter.error,
    shareFile,
    share,
  };
}
