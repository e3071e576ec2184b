import { Text, View } from '@tarojs/components';
import { labelEvery, niceTicks, share } from './scale';
import './index.scss';

export interface BarGroup {
  key: string;
  /** Under (columns) or beside (rows) the bars; keep it short. */
  label: string;
  /** The group's full name in the text alternative (e.g. 「11月2日当周」 for the label 「11/2」). */
  title?: string;
  /** One value per series, in the order of `series`. */
  values: number[];
}

interface Props {
  title: string;
  /** The series' names, e.g. ['受理', '办结'] (two colours; the legend names them). */
  series: string[];
  groups: BarGroup[];
  /** `columns`: vertical bars, categories along the bottom (weeks); `rows`: horizontal bars, long names (departments). */
  layout?: 'columns' | 'rows';
  /** After each value in the text alternative, e.g. 「件」. */
  unit?: string;
  className?: string;
  emptyText?: string;
}

/** Most category labels under a column chart (the others are left blank; every value is in the text and the table). */
const MAX_COLUMN_LABELS = 8;
/** Above this many groups a column chart leaves out the numbers over its bars (too narrow to read). */
const MAX_COLUMN_VALUES = 12;

/** The chart as words: what a screen reader reads, and the same figures the bars show. */
export function describeChart(title: string, series: string[], groups: BarGroup[], unit = ''): string {
  if (!groups.length) return `${title}：暂无数据。`;
  const parts = groups.map(
    (g) => `${g.title ?? g.label}：${series.map((s, i) => `${s} ${g.values[i] ?? 0}${unit}`).join('，')}`,
  );
  return `${title}：${parts.join('；')}。`;
}

/**
 * Grouped bars (e.g. received vs resolved) drawn with Views only — no chart library, no canvas — so it is the
 * same in WeChat and H5, small, and testable. Axis labels, a legend and the values are drawn; the whole
 * chart is also given as text (`bar-chart__summary`, visually hidden) for screen readers.
 */
export default function BarChart({
  title,
  series,
  groups,
  layout = 'columns',
  unit = '',
  className,
  emptyText,
}: Props) {
  const max = Math.max(0, ...groups.flatMap((g) => g.values));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1];
  const summary = describeChart(title, series, groups, unit);

  return (
    <View className={`bar-chart bar-chart--${layout}${className ? ` ${className}` : ''}`}>
      <Text className="bar-chart__title">{title}</Text>
      <View className="bar-chart__legend" aria-hidden="true">
        {series.map((name, i) => (
          <View key={name} className="bar-chart__legend-item">
            <View className={`bar-chart__swatch bar-chart__swatch--${i}`} />
            <Text className="bar-chart__legend-name">{name}</Text>
          </View>
        ))}
      </View>
      {groups.length === 0 ? (
        <Text className="bar-chart__empty">{emptyText ?? '暂无数据'}</Text>
      ) : layout === 'columns' ? (
        <Columns groups={groups} ticks={ticks} top={top} />
      ) : (
        <Rows groups={groups} ticks={ticks} top={top} />
      )}
      <Text className="bar-chart__summary">{summary}</Text>
    </View>
  );
}

interface PlotProps {
  groups: BarGroup[];
  ticks: number[];
  top: number;
}

function Columns({ groups, ticks, top }: PlotProps) {
  const every = labelEvery(groups.length, MAX_COLUMN_LABELS);
  const showValues = groups.length <= MAX_COLUMN_VALUES;
  return (
    <View className="bar-chart__body" aria-hidden="true">
      <View className="bar-chart__axis">
        {ticks.map((t) => (
          <Text key={t} className="bar-chart__tick" style={{ bottom: share(t, top) }}>
            {t}
          </Text>
        ))}
      </View>
      <View className="bar-chart__main">
        <View className="bar-chart__area">
          {ticks.map((t) => (
            <View key={t} className="bar-chart__grid" style={{ bottom: share(t, top) }} />
          ))}
          {groups.map((g) => (
            <View key={g.key} className="bar-chart__group">
              {g.values.map((v, i) => (
                // The value sits on the plot's white above its bar (not inside it), readable whatever the bar's colour.
                <View key={i} className="bar-chart__col">
                  {showValues && <Text className="bar-chart__value">{v}</Text>}
                  <View className={`bar-chart__bar bar-chart__bar--${i}`} style={{ height: share(v, top) }} />
                </View>
              ))}
            </View>
          ))}
        </View>
        <View className="bar-chart__labels">
          {groups.map((g, i) => (
            <Text key={g.key} className="bar-chart__label">
              {i % every === 0 ? g.label : ''}
            </Text>
          ))}
        </View>
      </View>
    </View>
  );
}

function Rows({ groups, ticks, top }: PlotProps) {
  return (
    <View className="bar-chart__body" aria-hidden="true">
      {groups.map((g) => (
        <View key={g.key} className="bar-chart__row">
          <Text className="bar-chart__label">{g.label}</Text>
          <View className="bar-chart__lines">
            {g.values.map((v, i) => (
              <View key={i} className="bar-chart__line">
                <View className="bar-chart__track">
                  <View className={`bar-chart__bar bar-chart__bar--${i}`} style={{ width: share(v, top) }} />
                </View>
                <Text className="bar-chart__value">{v}</Text>
              </View>
            ))}
          </View>
        </View>
      ))}
      <View className="bar-chart__ticks">
        {ticks.map((t) => (
          <Text key={t} className="bar-chart__tick" style={{ left: share(t, top) }}>
            {t}
          </Text>
        ))}
      </View>
    </View>
  );
}
