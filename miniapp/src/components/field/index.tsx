import { Input, Text, View } from '@tarojs/components';

interface Props {
  label: string;
  /** Extra class on the input, e.g. `bind__code` (tests and styles find the field by it). */
  inputClass?: string;
  value: string;
  onInput: (value: string) => void;
  onConfirm?: () => void;
  placeholder?: string;
  maxlength?: number;
  password?: boolean;
  /** Shown in red under the input; replaces the hint. */
  error?: string;
  errorClass?: string;
  hint?: string;
}

/** A labelled text input with its error (or hint) in place underneath. */
export default function Field({
  label,
  inputClass,
  value,
  onInput,
  onConfirm,
  placeholder,
  maxlength,
  password,
  error,
  errorClass,
  hint,
}: Props) {
  return (
    <View className="qs-field">
      <Text className="qs-field__label">{label}</Text>
      <Input
        className={`qs-field__input${inputClass ? ` ${inputClass}` : ''}`}
        value={value}
        password={password}
        maxlength={maxlength}
        placeholder={placeholder}
        placeholderClass="qs-field__placeholder"
        // H5: the label names the inner <input> (a screen reader reads it; a password field has no placeholder).
        nativeProps={{ 'aria-label': label }}
        onInput={(e) => onInput(e.detail.value)}
        onConfirm={onConfirm}
      />
      {error ? (
        <Text className={`qs-field__error${errorClass ? ` ${errorClass}` : ''}`}>{error}</Text>
      ) : (
        hint && <Text className="qs-field__hint">{hint}</Text>
      )}
    </View>
  );
}
