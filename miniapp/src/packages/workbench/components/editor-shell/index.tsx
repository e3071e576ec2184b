import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import StateView from '@/components/state-view';
import type { RequestState } from '@/hooks/use-request';
import { AdminOnly } from '@/packages/workbench/components/policy-admin';
import './index.scss';

/**
 * The admin editors (政策, 动态, 服务包, 活动) share one frame. Each part takes the page's BEM `block`
 * (`wb-policy`, …) and renders the page's own class names (`${block}__top`, `${block}__confirm`, …), which the
 * page's styles refine and its tests query; `editor-shell__*` carries the styles they have in common.
 */

/** What the frame needs of an editor's hook. */
interface Edit {
  admin: boolean;
  /** The saved record's load (none for a new one). */
  loaded: Pick<RequestState<unknown>, 'loading' | 'error' | 'reload'>;
  /** The form, once there is one to edit. */
  form: unknown;
  /** With `togglePreview`: the 预览 / 返回编辑 switch. */
  preview?: boolean;
  togglePreview?: () => void;
}

/**
 * Non-admins see 「…由管理员维护」; admins the loading / error states until the form is ready, then the top bar
 * (status tag, 新建… / 编辑…, anything the page adds, 预览 / 返回编辑 when the editor has a preview) and the editor.
 */
export function EditorShell({
  block,
  what,
  edit,
  tag,
  heading,
  extra,
  children,
}: {
  block: string;
  /** What is maintained here, for the 无此权限 line: 涉企政策, 营商动态 … */
  what: string;
  edit: Edit;
  tag: ReactNode;
  heading: string;
  /** Shown after the heading. */
  extra?: ReactNode;
  /** The editor below the top bar, built only once the form is there. */
  children: () => ReactNode;
}) {
  if (!edit.admin) return <AdminOnly what={what} />;
  const ready = !!edit.form;
  return (
    <StateView
      loading={!ready && edit.loaded.loading}
      error={ready ? null : edit.loaded.error}
      onRetry={() => void edit.loaded.reload()}
    >
      {ready && (
        <View className={block}>
          <View className={`qs-section editor-shell__top ${block}__top`}>
            {tag}
            <Text className={`editor-shell__heading ${block}__heading`}>{heading}</Text>
            {extra}
            {edit.togglePreview && (
              <View className={`editor-shell__mode ${block}__mode`} role="button" onClick={edit.togglePreview}>
                {edit.preview ? '返回编辑' : '预览'}
              </View>
            )}
          </View>
          {children()}
        </View>
      )}
    </StateView>
  );
}

/** Below the form: 有未保存的修改, the last action's error, then the page's buttons or confirm box. */
export function ActionBar({
  block,
  dirty,
  error,
  children,
}: {
  block: string;
  dirty: boolean;
  error: string | undefined;
  children: ReactNode;
}) {
  return (
    <View className={`qs-section ${block}__actions`}>
      {dirty && <Text className={`editor-shell__dirty ${block}__dirty`}>有未保存的修改</Text>}
      {error && (
        <View className={`qs-field__error ${block}__error`} role="alert">
          {error}
        </View>
      )}
      {children}
    </View>
  );
}

type Tone = 'primary' | 'plain' | 'danger';
const TONE: Record<Tone, string> = {
  primary: 'qs-btn',
  plain: 'qs-btn qs-btn--plain',
  danger: 'qs-btn qs-btn--danger',
};

/** One of the editor's buttons (`${block}__${name}`), off while an action runs; `spin` shows that it is the one running. */
export function EditorButton({
  block,
  name,
  tone = 'primary',
  busy,
  spin,
  onClick,
  children,
}: {
  block: string;
  /** The element part of its class; none for a plain 取消. */
  name?: string;
  tone?: Tone;
  busy: boolean;
  spin?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Button
      className={name ? `${TONE[tone]} ${block}__${name}` : TONE[tone]}
      disabled={busy}
      loading={spin ? busy : undefined}
      onClick={onClick}
    >
      {children}
    </Button>
  );
}

/** Asks before an action that cannot be taken back: what will happen, 确定… and 取消 / 返回. */
export function ConfirmBox({
  block,
  kind,
  text,
  children,
  action,
  actionName,
  danger,
  cancel = '取消',
  cancelName,
  busy,
  onConfirm,
  onCancel,
}: {
  block: string;
  /** Adds `${block}__confirm--${kind}`. */
  kind?: string;
  text: ReactNode;
  /** Shown between the text and the buttons (e.g. a reason to fill in). */
  children?: ReactNode;
  /** The confirm button's words, 确定发布 …, and its class part. */
  action: string;
  actionName: string;
  danger?: boolean;
  cancel?: string;
  cancelName?: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <View className={kind ? `${block}__confirm ${block}__confirm--${kind}` : `${block}__confirm`} role="alert">
      <Text className={`${block}__confirm-text`}>{text}</Text>
      {children}
      <EditorButton
        block={block}
        name={actionName}
        tone={danger ? 'danger' : 'primary'}
        busy={busy}
        spin
        onClick={onConfirm}
      >
        {action}
      </EditorButton>
      <EditorButton block={block} name={cancelName} tone="plain" busy={busy} onClick={onCancel}>
        {cancel}
      </EditorButton>
    </View>
  );
}
