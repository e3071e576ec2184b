import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { PolicyDetail } from '@qsgj/shared/contracts';
import { useAction } from '@/hooks/use-action';
import { newIdempotencyKey } from '@/services/http';
import { policyApplicationsApi } from '@/services/service-packages.api';
import { openPage, PAGES, toast } from '@/utils/routes';
import { isExpired } from '@/components/policy-card/validity';

/** SERVICE_APPLICATION_NOTE_MAX of the contracts (a value import would bring class-validator into the bundle). */
const NOTE_MAX = 500;

/** 申请享受 is offered for a policy my enterprise matches and that is in force. */
export function canApply(p: PolicyDetail, staff: boolean): boolean {
  return !staff && !!p.match?.eligible && !isExpired(p);
}

/**
 * 一键申报: 「申请享受」 opens the confirmation (the key is made then, so a retried tap never opens two cases);
 * 「确认申报」 sends it, prefilled on the server from 一企一档, and opens the case.
 */
export function usePolicyApply(id: string) {
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const applying = useAction();
  const submit = async () => {
    const text = note.trim();
    const created = await applying.run(
      () => policyApplicationsApi.apply(id, text ? { note: text } : {}, key),
      (e) => {
        toast(e.message);
        return e.message;
      },
    );
    if (!created) return;
    setConfirming(false);
    await openPage(`${PAGES.caseDetail}?id=${encodeURIComponent(created.id)}`).catch(() => undefined);
    toast(`已提交申报，编号 ${created.number}`);
  };
  return {
    confirming,
    note,
    setNote,
    start: () => {
      setKey(newIdempotencyKey());
      setConfirming(true);
    },
    cancel: () => setConfirming(false),
    submit: () => void submit(),
    busy: applying.busy,
    error: applying.error,
  };
}

export type PolicyApply = ReturnType<typeof usePolicyApply>;

/** The confirmation: what is sent (from 一企一档, the conditions met), an optional note, 确认申报. */
export function ApplyConfirm({ a, p }: { a: PolicyApply; p: PolicyDetail }) {
  return (
    <View className="qs-section policy-detail__apply-confirm" role="dialog" aria-label="确认申报">
      <Text className="qs-section__title">申请享受政策</Text>
      <Text className="policy-detail__apply-line">{`将为本企业申报「${p.title}」，由您的亲商管家所在部门受理。`}</Text>
      <Text className="qs-muted policy-detail__apply-line">
        企业名称、信用代码、行业、规模、区域和资质按一企一档自动填写，无需重复录入。
      </Text>
      {p.match && p.match.met.length > 0 && (
        <Text className="policy-detail__apply-line">{`符合条件：${p.match.met.join('、')}`}</Text>
      )}
      <View className="qs-field">
        <Text className="qs-field__label">补充说明（选填）</Text>
        <Textarea
          className="policy-detail__apply-note"
          value={a.note}
          maxlength={NOTE_MAX}
          placeholder="如申报项目、联系人等"
          placeholderClass="qs-field__placeholder"
          disableDefaultPadding
          nativeProps={{ 'aria-label': '补充说明' }}
          onInput={(e) => a.setNote(e.detail.value)}
        />
      </View>
      {a.error && <Text className="qs-field__error">{a.error}</Text>}
      <View className="policy-detail__apply-actions">
        <Button className="qs-btn qs-btn--plain policy-detail__apply-cancel" disabled={a.busy} onClick={a.cancel}>
          取消
        </Button>
        <Button className="qs-btn policy-detail__apply-submit" loading={a.busy} disabled={a.busy} onClick={a.submit}>
          确认申报
        </Button>
      </View>
    </View>
  );
}
