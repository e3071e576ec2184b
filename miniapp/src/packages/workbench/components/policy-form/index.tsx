import { Text, Textarea, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { insertAt, RICH_TOOLS } from './rich-text';
import './index.scss';

export { eligibilityReading } from './eligibility';
export { insertAt, previewHtml, RICH_TOOLS, toRichHtml } from './rich-text';

export interface Option {
  value: string;
  label: string;
}

interface MultiSelectProps {
  label: string;
  /** Class of the field (tests and journeys find it by it). */
  className: string;
  options: Option[] | undefined;
  selected: string[];
  onChange: (values: string[]) => void;
  /** What no selection means: 「不限」 for a restriction, 「请选择」 for a required list. */
  emptyText?: string;
  error?: string;
  hint?: string;
}

/**
 * A list of values chosen from a dictionary: the chosen ones as tags (each removable), and 选择 opening every
 * option as a toggle. A chosen value the dictionary no longer offers (made inactive) stays, to be removed.
 */
export function PolicyMultiSelect({
  label,
  className,
  options,
  selected,
  onChange,
  emptyText = '不限',
  error,
  hint,
}: MultiSelectProps) {
  const [open, setOpen] = useState(false);
  const labelOf = (v: string) => options?.find((o) => o.value === v)?.label ?? v;
  const toggle = (v: string) => onChange(selected.includes(v) ? selected.filter((s) => s !== v) : [...selected, v]);
  const all = [
    ...(options ?? []),
    ...selected.filter((v) => !options?.some((o) => o.value === v)).map((v) => ({ value: v, label: v })),
  ];
  return (
    <View className={`qs-field policy-select ${className}`}>
      <View className="policy-select__head">
        <Text className="qs-field__label policy-select__label">{label}</Text>
        <View className="policy-select__toggle" role="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? '收起' : '选择'}
        </View>
      </View>
      <View className="policy-select__chosen">
        {selected.length ? (
          selected.map((v) => (
            <Text key={v} className="policy-select__value" data-value={v}>
              {labelOf(v)}
            </Text>
          ))
        ) : (
          <Text className="qs-muted policy-select__none">{emptyText}</Text>
        )}
      </View>
      {open && (
        <View className="policy-select__options">
          {options === undefined ? (
            <Text className="qs-muted">选项加载中…</Text>
          ) : (
            all.map((o) => {
              const on = selected.includes(o.value);
              return (
                <View
                  key={o.value}
                  className={`policy-select__option${on ? ' policy-select__option--on' : ''}`}
                  role="checkbox"
                  aria-checked={on}
                  data-value={o.value}
                  onClick={() => toggle(o.value)}
                >
                  {on ? '✓ ' : ''}
                  {o.label}
                </View>
              );
            })
          )}
        </View>
      )}
      {error ? (
        <Text className="qs-field__error">{error}</Text>
      ) : (
        hint && <Text className="qs-field__hint">{hint}</Text>
      )}
    </View>
  );
}

interface RichTextFieldProps {
  label: string;
  className: string;
  value: string;
  onChange: (value: string) => void;
  maxlength: number;
  placeholder?: string;
  error?: string;
}

/**
 * Rich text as a textarea of simple HTML (or plain paragraphs), with a toolbar that inserts 加粗 / 标题 / 列表 /
 * 段落 where the cursor was. The server keeps only the safe subset of what is saved.
 */
export function RichTextField({
  label,
  className,
  value,
  onChange,
  maxlength,
  placeholder,
  error,
}: RichTextFieldProps) {
  const cursor = useRef<number>();
  const insert = (snippet: string) => {
    const next = insertAt(value, cursor.current, snippet);
    cursor.current = next.cursor;
    onChange(next.text.slice(0, maxlength));
  };
  return (
    <View className={`qs-field policy-rich ${className}`}>
      <Text className="qs-field__label">{label}</Text>
      <View className="policy-rich__toolbar">
        {RICH_TOOLS.map((t) => (
          <View
            key={t.key}
            className={`policy-rich__tool policy-rich__tool--${t.key}`}
            role="button"
            onClick={() => insert(t.snippet)}
          >
            {t.label}
          </View>
        ))}
      </View>
      <Textarea
        className="policy-rich__input"
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        placeholderClass="qs-field__placeholder"
        nativeProps={{ 'aria-label': label }}
        onInput={(e) => {
          cursor.current = e.detail.cursor;
          onChange(e.detail.value);
        }}
        onBlur={(e) => {
          const c = (e.detail as { cursor?: number }).cursor;
          if (typeof c === 'number') cursor.current = c;
        }}
      />
      {error && <Text className="qs-field__error">{error}</Text>}
    </View>
  );
}
