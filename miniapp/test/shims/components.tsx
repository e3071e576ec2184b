/**
 * Taro's components as plain DOM elements for component tests (View → div, Text → span …).
 * Events keep Taro's shape: onInput/onConfirm get `{ detail: { value } }`, Switch's onChange too.
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
export const Image = ({ src, className }: Props) => createElement('img', { src, className });

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
