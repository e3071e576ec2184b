/**
 * Taro's components as plain DOM elements for component tests (View → div, Text → span …).
 * Events keep Taro's shape: onInput/onConfirm get `{ detail: { value } }` (Textarea's onInput `{ value, cursor }`),
 * Switch's and Picker's onChange `{ detail: { value } }` too.
 */
import { createElement, type ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode; className?: string };

function passthrough(tag: string) {
  return function Component({ children, className, onClick, style, ...rest }: Props) {
    const attrs: Record<string, unknown> = { className, onClick, style };
    for (const [k, v] of Object.entries(rest))
      if (k.startsWith('data-') || k.startsWith('aria-') || k === 'role') attrs[k] = v;
    return createElement(tag, attrs, children);
  };
}

export const View = passthrough('div');
export const Text = passthrough('span');
export const ScrollView = passthrough('div');
export const Image = ({ src, className, onError }: Props) => createElement('img', { src, className, onError });

export const Label = ({ children, className }: Props) => createElement('label', { className }, children);

type Handler = ((e: unknown) => void) | undefined;

/** A `<textarea>`; the label given as `nativeProps['aria-label']` is kept, as on H5. */
export function Textarea({ className, value, placeholder, maxlength, disabled, nativeProps, onInput, onBlur }: Props) {
  const label = (nativeProps as Record<string, string> | undefined)?.['aria-label'];
  return createElement('textarea', {
    className,
    value: value ?? '',
    placeholder,
    maxLength: maxlength,
    disabled: Boolean(disabled),
    'aria-label': label,
    onChange: (e: { target: { value: string } }) =>
      (onInput as Handler)?.({ detail: { value: e.target.value, cursor: e.target.value.length } }),
    onBlur: (e: { target: { value: string } }) => (onBlur as Handler)?.({ detail: { value: e.target.value } }),
  });
}

/**
 * Rich text as a `<div class="rich-text …">` holding the HTML it was given, readable as `data-html`
 * (or `data-nodes`, after Taro's prop): the tests check what the page hands to it, not how WeChat draws it.
 */
export function RichText({ className, nodes }: Props) {
  const html = typeof nodes === 'string' ? nodes : JSON.stringify(nodes);
  return createElement('div', {
    className: ['rich-text', className].filter(Boolean).join(' '),
    'data-html': html,
    'data-nodes': html,
  });
}

/**
 * Taro's Picker: its children (what the user taps) followed by the control a test changes, in
 * `.picker.picker--<mode>` (also `.picker-shim`). A selector is a `<select>` with one option per entry of `range`
 * (`rangeKey` picks the label of an object), valued by index, and onChange gets the chosen index as
 * `{ detail: { value: '2' } }`; a date or time is an `<input type="date|time">` bounded by start/end, and onChange
 * gets `{ detail: { value: '2026-12-20' } }` or `'09:30'`. The control is `.picker__value.picker__value--<mode>`
 * (also `.picker-shim__input`).
 */
export function Picker({ children, mode = 'selector', range, rangeKey, value, start, end, disabled, onChange }: Props) {
  const kind = String(mode);
  if (!['selector', 'date', 'time'].includes(kind)) throw new Error(`The Picker shim has no mode "${kind}" yet`);
  const classes = `picker__value picker__value--${kind} picker-shim__input`;
  const change = (e: { target: { value: string } }) => (onChange as Handler)?.({ detail: { value: e.target.value } });
  const label = (entry: unknown) =>
    String(
      rangeKey && entry && typeof entry === 'object' ? (entry as Record<string, unknown>)[String(rangeKey)] : entry,
    );
  const control =
    kind === 'date' || kind === 'time'
      ? createElement('input', {
          className: classes,
          type: kind,
          min: start,
          max: end,
          disabled: Boolean(disabled),
          value: String(value ?? ''),
          onChange: change,
        })
      : createElement(
          'select',
          { className: classes, disabled: Boolean(disabled), value: String(value ?? 0), onChange: change },
          ((range as unknown[] | undefined) ?? []).map((entry, i) =>
            createElement('option', { key: i, value: String(i) }, label(entry)),
          ),
        );
  return createElement('div', { className: `picker picker--${kind} picker-shim` }, children, control);
}

export function Button({ children, className, onClick, disabled, loading }: Props) {
  return createElement(
    'button',
    { className, onClick, disabled: Boolean(disabled) || Boolean(loading), type: 'button' },
    children,
  );
}

export function Input({ className, value, placeholder, onInput, onConfirm, password, maxlength }: Props) {
  return createElement('input', {
    className,
    value: value ?? '',
    placeholder,
    type: password ? 'password' : 'text',
    maxLength: maxlength,
    onChange: (e: { target: { value: string } }) =>
      (onInput as ((e: unknown) => void) | undefined)?.({ detail: { value: e.target.value } }),
    onKeyDown: (e: { key: string; target: { value: string } }) => {
      if (e.key === 'Enter') (onConfirm as ((e: unknown) => void) | undefined)?.({ detail: { value: e.target.value } });
    },
  });
}

export function Switch({ checked, onChange, ...rest }: Props) {
  return createElement('input', {
    type: 'checkbox',
    role: 'switch',
    'aria-label': rest['aria-label'],
    checked: Boolean(checked),
    onChange: (e: { target: { checked: boolean } }) =>
      (onChange as ((e: unknown) => void) | undefined)?.({ detail: { value: e.target.checked } }),
  });
}
