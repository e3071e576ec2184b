import { Button, Input, View } from '@tarojs/components';

interface Props {
  value: string;
  onInput: (value: string) => void;
  /** 搜索 or the keyboard's search key (with the input's value). */
  onSearch: (value?: string) => void;
  /** Shows 清除 while there is text; without it, no clear button. */
  onClear?: () => void;
  maxlength: number;
  placeholder: string;
  /** The input's accessible name, e.g. 搜索常见问题. */
  label: string;
  /** The page's classes for the row, the input, 清除 and 搜索 (tests and styles find them by these). */
  classes: { box: string; input: string; clear?: string; submit: string };
}

/** A search line: the input (the keyboard's search key searches), 清除 while there is text, and 搜索. */
export default function SearchBox({
  value,
  onInput,
  onSearch,
  onClear,
  maxlength,
  placeholder,
  label,
  classes,
}: Props) {
  return (
    <View className={classes.box}>
      <Input
        className={`qs-field__input ${classes.input}`}
        value={value}
        maxlength={maxlength}
        confirmType="search"
        placeholder={placeholder}
        placeholderClass="qs-field__placeholder"
        nativeProps={{ 'aria-label': label }}
        onInput={(e) => onInput(e.detail.value)}
        onConfirm={(e) => onSearch(e.detail.value)}
      />
      {onClear && value !== '' && (
        <View className={classes.clear} role="button" aria-label="清除搜索词" onClick={onClear}>
          清除
        </View>
      )}
      <Button className={`qs-btn ${classes.submit}`} onClick={() => onSearch()}>
        搜索
      </Button>
    </View>
  );
}
