import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { StaffItem } from '@qsgj/shared/contracts';
import { butlerLabel } from './use-butler-options';
import './butler-chooser.scss';

/** The most choices shown at once; a search narrows the rest. */
const SHOWN = 12;

export interface ChoiceOption {
  value: string;
  label: string;
}

/**
 * A row of tappable choices (one chosen), with an optional first 「不限」-like choice whose value is undefined:
 * for short lists (区县), and — through ButlerChooser — staff. Taps, not a picker wheel: the same on H5 and WeChat,
 * readable in 长辈版.
 */
export function ChoiceChips(props: {
  label: string;
  options: ChoiceOption[];
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  className: string;
  none?: string;
}) {
  const all: Array<{ value: string | undefined; label: string }> = props.none
    ? [{ value: undefined, label: props.none }, ...props.options]
    : props.options;
  return (
    <View className={`qs-field choice-chips ${props.className}`}>
      <Text className="qs-field__label">{props.label}</Text>
      <View className="choice-chips__list" role="radiogroup" aria-label={props.label}>
        {all.map((o) => {
          const on = o.value === props.value;
          return (
            <View
              key={o.value ?? '-'}
              className={`choice-chips__chip${on ? ' choice-chips__chip--on' : ''}`}
              role="radio"
              aria-checked={on}
              onClick={() => props.onChange(o.value)}
            >
              {o.label}
            </View>
          );
        })}
      </View>
    </View>
  );
}

/** Choose a staff member: a search over name, username and department, and the matches as choices. */
export function ButlerChooser(props: {
  label: string;
  staff: StaffItem[];
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  className: string;
  none?: string;
  loading?: boolean;
  error?: Error | null;
  onRetry?: () => void;
}) {
  const [q, setQ] = useState('');
  const term = q.trim().toLowerCase();
  const matches = props.staff.filter(
    (s) =>
      !term ||
      s.name.toLowerCase().includes(term) ||
      s.username.toLowerCase().includes(term) ||
      (s.department?.name ?? '').includes(term),
  );
  const chosen = props.staff.find((s) => s.id === props.value);
  // The chosen one stays in view whatever the search.
  const shown = [...(chosen && !matches.slice(0, SHOWN).includes(chosen) ? [chosen] : []), ...matches.slice(0, SHOWN)];
  if (props.error) {
    return (
      <View className={`qs-field ${props.className}`}>
        <Text className="qs-field__label">{props.label}</Text>
        <View className="qs-field__error" role="button" onClick={props.onRetry}>
          人员名单加载失败：{props.error.message}，点击重试
        </View>
      </View>
    );
  }
  return (
    <View className={`butler-chooser ${props.className}`}>
      <ChoiceChips
        label={props.label}
        none={props.none}
        options={shown.map((s) => ({ value: s.id, label: butlerLabel(s) }))}
        value={props.value}
        onChange={props.onChange}
        className="butler-chooser__choices"
      />
      {props.loading && <Text className="qs-muted">正在加载人员…</Text>}
      {props.staff.length > SHOWN && (
        <Input
          className="qs-field__input butler-chooser__search"
          value={q}
          placeholder={`共 ${props.staff.length} 人，输入姓名或部门查找`}
          placeholderClass="qs-field__placeholder"
          nativeProps={{ 'aria-label': `查找${props.label}` }}
          onInput={(e) => setQ(e.detail.value)}
        />
      )}
    </View>
  );
}
