import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import './choices.scss';

/** Above this many options a chooser offers a search box (行业 has two dozen). */
export const SEARCH_FROM = 12;

export interface Option {
  value: string;
  label: string;
}

/** Options from dictionary values, keeping a value already chosen that the dictionary no longer offers. */
export function optionsOf(values: readonly string[], chosen: readonly (string | null)[] = []): Option[] {
  const all = [...values];
  for (const v of chosen) if (v && !all.includes(v)) all.push(v);
  return all.map((value) => ({ value, label: value }));
}

interface OneProps {
  label: string;
  /** Tests and styles find the field by it (`profile__industry`). */
  name: string;
  value: string | null;
  options: Option[];
  onChange: (value: string | null) => void;
  error?: string;
  hint?: string;
}

/**
 * One value out of a list: tap to open the options (a search box when the list is long), tap one to
 * choose it, 「暂不填写」 to clear. Plain views, not WeChat's picker wheel: large, searchable and the same on H5.
 */
export function OneOf({ label, name, value, options, onChange, error, hint }: OneProps) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const shown = q.trim() ? options.filter((o) => o.label.includes(q.trim())) : options;
  const chosen = options.find((o) => o.value === value)?.label ?? value;
  const pick = (v: string | null) => {
    onChange(v);
    setOpen(false);
    setQ('');
  };
  return (
    <View className={`qs-field choice ${name}`}>
      <Text className="qs-field__label">{label}</Text>
      <View
        className={`choice__value${open ? ' choice__value--open' : ''}${value ? '' : ' choice__value--empty'}`}
        role="button"
        aria-expanded={open}
        data-value={value ?? ''}
        onClick={() => setOpen(!open)}
      >
        <Text className="choice__text">{chosen ?? '请选择'}</Text>
        <Text className="choice__arrow" aria-hidden="true">
          {open ? '收起' : '选择'}
        </Text>
      </View>
      {open && (
        <View className="choice__options">
          {options.length > SEARCH_FROM && (
            <Input
              className="qs-field__input choice__search"
              value={q}
              placeholder={`搜索${label}`}
              placeholderClass="qs-field__placeholder"
              nativeProps={{ 'aria-label': `搜索${label}` }}
              onInput={(e) => setQ(e.detail.value)}
            />
          )}
          <View className="choice__option choice__option--none" role="button" onClick={() => pick(null)}>
            <Text>暂不填写</Text>
          </View>
          {shown.map((o) => (
            <View
              key={o.value}
              className={`choice__option${o.value === value ? ' choice__option--on' : ''}`}
              role="button"
              aria-pressed={o.value === value}
              data-value={o.value}
              onClick={() => pick(o.value)}
            >
              <Text>{o.label}</Text>
            </View>
          ))}
          {shown.length === 0 && <Text className="qs-muted choice__none">没有找到「{q.trim()}」</Text>}
        </View>
      )}
      {error ? (
        <Text className={`qs-field__error ${name}-error`}>{error}</Text>
      ) : (
        hint && <Text className="qs-field__hint">{hint}</Text>
      )}
    </View>
  );
}

interface ManyProps {
  label: string;
  name: string;
  values: readonly string[];
  options: Option[];
  onChange: (values: string[]) => void;
  error?: string;
  hint?: string;
  /** The most that may be chosen; a further tap says so. */
  max?: number;
  onTooMany?: () => void;
}

/** Any number of values: chips that toggle, 已选 in words (not colour alone). */
export function ManyOf({ label, name, values, options, onChange, error, hint, max, onTooMany }: ManyProps) {
  const toggle = (v: string) => {
    if (values.includes(v)) onChange(values.filter((x) => x !== v));
    else if (max !== undefined && values.length >= max) onTooMany?.();
    else onChange([...values, v]);
  };
  return (
    <View className={`qs-field choice ${name}`}>
      <Text className="qs-field__label">{label}</Text>
      <View className="choice__chips">
        {options.map((o) => {
          const on = values.includes(o.value);
          return (
            <View
              key={o.value}
              className={`choice__chip${on ? ' choice__chip--on' : ''}`}
              role="checkbox"
              aria-checked={on}
              data-value={o.value}
              onClick={() => toggle(o.value)}
            >
              <Text>{on ? `✓ ${o.label}` : o.label}</Text>
            </View>
          );
        })}
      </View>
      {error ? (
        <Text className={`qs-field__error ${name}-error`}>{error}</Text>
      ) : (
        hint && <Text className="qs-field__hint">{hint}</Text>
      )}
    </View>
  );
}
