import { Button, Text, View } from '@tarojs/components';
import { useMemo } from 'react';
import { weekdayOf } from '@qsgj/shared/rules';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { dayRuns, GRID_HEAD, monthCells, monthDay, WEEKDAY_NAMES } from './month-grid';
import { type EditMode, useCalendar } from './use-calendar';
import './index.scss';

type CalendarState = ReturnType<typeof useCalendar>;

const MODES: Array<{ key: EditMode; label: string }> = [
  { key: 'holiday', label: '标记放假' },
  { key: 'workday', label: '标记调休上班' },
];

const KIND_LABEL = { holiday: '放假', workday: '调休上班', normal: '' } as const;

function updatedText(iso: string | null): string {
  if (!iso) return '';
  const s = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `，${s.slice(0, 10)} 更新`;
}

function Grid({ c }: { c: CalendarState }) {
  const draft = c.draft!;
  const cells = useMemo(
    () => monthCells(c.year, c.month, new Set(draft.holidays), new Set(draft.workdays)),
    [c.year, c.month, draft],
  );
  return (
    <View className="calendar__grid-wrap">
      <View className="calendar__grid">
        {GRID_HEAD.map((d) => (
          <Text key={d} className="calendar__head">
            {d}
          </Text>
        ))}
        {cells.map((cell, i) =>
          cell ? (
            <View
              key={cell.day}
              className={`calendar__day calendar__day--${cell.kind}${cell.weekend ? ' calendar__day--weekend' : ''}`}
              data-day={cell.day}
              role="button"
              onClick={() => c.toggle(cell.day)}
            >
              <Text className="calendar__date">{cell.date}</Text>
              {cell.kind !== 'normal' && (
                <Text className="calendar__mark">{cell.kind === 'holiday' ? '休' : '班'}</Text>
              )}
              {/* The day in words for screen readers (its name includes what is shown, as it must). */}
              <Text className="calendar__day-name">
                {`（${monthDay(cell.day)} 星期${WEEKDAY_NAMES[weekdayOf(cell.day)]}${cell.kind === 'normal' ? '' : ` ${KIND_LABEL[cell.kind]}`}）`}
              </Text>
            </View>
          ) : (
            <View key={`blank-${i}`} className="calendar__day calendar__day--blank" />
          ),
        )}
      </View>
    </View>
  );
}

function Summary({ c }: { c: CalendarState }) {
  const draft = c.draft!;
  const holidays = dayRuns(draft.holidays);
  const workdays = dayRuns(draft.workdays);
  const runText = (r: { from: string; to: string; count: number }) =>
    r.count === 1 ? monthDay(r.from) : `${monthDay(r.from)}—${monthDay(r.to)}（${r.count} 天）`;
  return (
    <View className="qs-section calendar__summary">
      <Text className="qs-section__title">
        {c.year} 年：放假 {draft.holidays.length} 天，调休上班 {draft.workdays.length} 天
      </Text>
      <Text className="calendar__summary-label">放假</Text>
      <Text className="calendar__holidays">{holidays.length ? holidays.map(runText).join('；') : '无'}</Text>
      <Text className="calendar__summary-label">调休上班</Text>
      <Text className="calendar__workdays">{workdays.length ? workdays.map(runText).join('；') : '无'}</Text>
    </View>
  );
}

/** 工作日历: public holidays and make-up working days of this year and next, which every deadline counts on. */
function CalendarEditor() {
  const c = useCalendar();
  if (!c.admin) {
    return (
      <View className="qs-section calendar__denied">
        <Text className="qs-muted">工作日历由管理员维护，您的账号无此权限。</Text>
      </View>
    );
  }
  return (
    <StateView
      loading={c.loaded.loading && !c.loaded.data}
      error={c.loaded.error}
      onRetry={() => void c.loaded.reload()}
    >
      {c.nextYearMissing && (
        <View className="qs-section calendar__warning">
          <Text className="calendar__warning-title">{c.nextYear} 年节假日安排尚未录入</Text>
          <Text className="calendar__warning-text">
            跨入 {c.nextYear} 年的办理期限暂时只按周末计算，可能与实际放假安排不符。国务院办公厅公布后，请选择{' '}
            {c.nextYear} 年录入放假和调休上班日期。
          </Text>
        </View>
      )}
      {c.entry && c.draft && (
        <>
          <View className="qs-section calendar__top">
            <View className="calendar__chips">
              {c.years.map((y) => (
                <View
                  key={y}
                  className={`calendar__chip calendar__year calendar__year--${y}${y === c.year ? ' calendar__chip--on' : ''}`}
                  role="button"
                  aria-pressed={y === c.year}
                  onClick={() => c.setYear(y)}
                >
                  {y} 年
                </View>
              ))}
            </View>
            <Text className={`calendar__status calendar__status--${c.entry.official ? 'official' : 'missing'}`}>
              {c.entry.official ? `已录入官方安排${updatedText(c.entry.updatedAt)}` : '尚无官方安排：期限暂按周末计算'}
            </Text>
            <View className="calendar__chips">
              {MODES.map((m) => (
                <View
                  key={m.key}
                  className={`calendar__chip calendar__mode calendar__mode--${m.key}${m.key === c.mode ? ' calendar__chip--on' : ''}`}
                  role="button"
                  aria-pressed={m.key === c.mode}
                  onClick={() => c.setMode(m.key)}
                >
                  {m.label}
                </View>
              ))}
            </View>
            <Text className="qs-muted calendar__hint">
              点选日期即
              {c.mode === 'holiday'
                ? '标记或取消放假（节假日中的周末也要标记）'
                : '标记或取消调休上班（只能是周六或周日）'}
              。
            </Text>
            {c.notice && (
              <View className="qs-field__error calendar__notice" role="alert">
                {c.notice}
              </View>
            )}
          </View>

          <View className="qs-section calendar__month">
            <View className="calendar__month-bar">
              <Button
                className="qs-btn qs-btn--plain calendar__prev"
                disabled={c.month <= 1}
                onClick={() => c.moveMonth(-1)}
              >
                上月
              </Button>
              <Text className="calendar__month-title">
                {c.year} 年 {c.month} 月
              </Text>
              <Button
                className="qs-btn qs-btn--plain calendar__next"
                disabled={c.month >= 12}
                onClick={() => c.moveMonth(1)}
              >
                下月
              </Button>
            </View>
            <Grid c={c} />
            <View className="calendar__legend">
              <Text className="calendar__legend-item calendar__legend-item--holiday">休 放假</Text>
              <Text className="calendar__legend-item calendar__legend-item--workday">班 调休上班</Text>
            </View>
          </View>

          <Summary c={c} />

          <View className="qs-section calendar__actions">
            {c.dirty && <Text className="calendar__dirty">有未保存的修改</Text>}
            {c.confirmEmpty && (
              <View className="qs-field__error calendar__confirm" role="alert">
                尚未标记任何放假日期。保存后该年将视为已录入官方安排（全年无节假日），确定保存吗？
              </View>
            )}
            <Button
              className="qs-btn calendar__save"
              disabled={!c.dirty || c.saving}
              loading={c.saving}
              onClick={c.save}
            >
              {c.confirmEmpty ? '确定保存' : `保存 ${c.year} 年日历`}
            </Button>
            {c.dirty && (
              <Button className="qs-btn qs-btn--plain calendar__reset" disabled={c.saving} onClick={c.reset}>
                撤销修改
              </Button>
            )}
            {c.saveError && (
              <View className="qs-field__error calendar__error" role="alert">
                {c.saveError}
                {c.problems.map((p) => (
                  <Text key={p} className="calendar__problem">
                    {p}
                  </Text>
                ))}
              </View>
            )}
          </View>
        </>
      )}
    </StateView>
  );
}

export default function CalendarPage() {
  return (
    <PageShell className="calendar">
      <CalendarEditor />
    </PageShell>
  );
}
