import { Text, View } from '@tarojs/components';
import './chips.scss';

interface Choice {
  value: string;
  label: string;
}

/** One choice among several (a filter, a form's field): a row of chips, the chosen one filled. */
export function Chips({
  choices,
  value,
  onChange,
  className,
  label,
}: {
  choices: readonly Choice[];
  value: string;
  onChange: (value: string) => void;
  className?: string;
  /** What the group chooses, for screen readers. */
  label: string;
}) {
  return (
    <View className={`market-chips${className ? ` ${className}` : ''}`} role="group" aria-label={label}>
      {choices.map((c) => (
        <View
          key={c.value}
          className={`market-chips__chip${c.value === value ? ' market-chips__chip--on' : ''}`}
          role="button"
          aria-pressed={c.value === value}
          data-value={c.value}
          onClick={() => onChange(c.value)}
        >
          <Text>{c.label}</Text>
        </View>
      ))}
    </View>
  );
}

/** Values as choices, optionally led by 「全部」/「不限」 (value ''). */
export function choicesOf(values: readonly string[], any?: string): Choice[] {
  return [...(any ? [{ value: '', label: any }] : []), ...values.map((v) => ({ value: v, label: v }))];
}
