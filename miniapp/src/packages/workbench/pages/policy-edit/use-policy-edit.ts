import { useEffect, useState } from 'react';
import type { DictionaryResponse, PolicyAudienceResponse, PolicyDetail } from '@qsgj/shared/contracts';
import { type DictionaryKind, PolicyStatus } from '@qsgj/shared/enums';
import { useAction } from '@/hooks/use-action';
import { type RequestState, useRequest } from '@/hooks/use-request';
import { adminPoliciesApi, dictionariesApi } from '@/services/policies.api';
import { openPage, PAGES, toast } from '@/utils/routes';
import { saveChecked, useEditedRecord, withoutError } from '@/packages/workbench/components/editor-shell/use-editor';
import { useAdmin } from '@/packages/workbench/components/policy-admin/use-admin';
import { EMPTY_FORM, formOf, inputOf, localErrors, type PolicyForm, previewOf } from './form';

type Confirm = { kind: 'publish'; audience: PolicyAudienceResponse } | { kind: 'withdraw' } | null;

const KINDS: readonly DictionaryKind[] = ['categories', 'industries', 'districts', 'qualifications'];

/**
 * 编辑政策 (`?id=`; none: a new one). The policy loads first (the page's one request), the four dictionaries once
 * the form shows. 保存草稿 creates it (POST) or saves every field (PATCH); refusals are shown beside their fields.
 * 发布 saves what changed, asks how many will receive it (`GET …/audience`) and says so before publishing, then
 * opens the push's progress; 撤回 asks first too.
 */
export function usePolicyEdit() {
  const admin = useAdmin();
  const { initialId, loaded } = useEditedRecord(admin, (id) => adminPoliciesApi.detail(id));

  const [saved, setSaved] = useState<PolicyDetail>();
  const [status, setStatus] = useState<PolicyStatus>(PolicyStatus.DRAFT);
  const [form, setForm] = useState<PolicyForm | undefined>(initialId ? undefined : EMPTY_FORM);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState(false);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const action = useAction();

  useEffect(() => {
    if (!loaded.data) return;
    setSaved(loaded.data);
    setStatus(loaded.data.status);
    setForm(formOf(loaded.data));
    setDirty(false);
  }, [loaded.data]);

  const id = saved?.id ?? initialId;
  const ready = admin && !!form;
  const dicts: Record<DictionaryKind, RequestState<DictionaryResponse>> = {
    categories: useRequest(() => dictionariesApi.get('categories'), [], { enabled: ready }),
    industries: useRequest(() => dictionariesApi.get('industries'), [], { enabled: ready }),
    districts: useRequest(() => dictionariesApi.get('districts'), [], { enabled: ready }),
    qualifications: useRequest(() => dictionariesApi.get('qualifications'), [], { enabled: ready }),
  };
  const options: Partial<Record<DictionaryKind, Array<{ value: string; label: string }>>> = {};
  for (const kind of KINDS) {
    const items = dicts[kind].data?.items;
    if (items) options[kind] = items.map((e) => ({ value: e.value, label: e.value }));
  }

  const set = <K extends keyof PolicyForm>(key: K, value: PolicyForm[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setDirty(true);
    setConfirm(null);
    setErrors(withoutError(key));
  };

  /** Saves the form; the saved policy, or undefined when refused (the errors are shown). */
  const persist = async (): Promise<PolicyDetail | undefined> => {
    if (!form) return undefined;
    return saveChecked(localErrors(form), setErrors, async () => {
      const body = inputOf(form);
      const answer = id ? await adminPoliciesApi.update(id, body) : await adminPoliciesApi.create(body);
      setSaved(answer);
      setStatus(answer.status);
      setDirty(false);
      return answer;
    });
  };

  const save = () =>
    void action.run(async () => {
      setConfirm(null);
      await persist();
      toast('已保存', 'success');
    });

  const askPublish = () =>
    void action.run(async () => {
      setConfirm(null);
      const policy = dirty || !id ? await persist() : saved;
      if (!policy) return;
      const audience = await adminPoliciesApi.audience(policy.id);
      setConfirm({ kind: 'publish', audience });
    });

  const publish = () =>
    void action.run(async () => {
      if (!id) return;
      const answer = await adminPoliciesApi.publish(id);
      setConfirm(null);
      setStatus(answer.policy.status);
      if (answer.push) {
        void openPage(`${PAGES.pushProgress}?id=${encodeURIComponent(answer.push.id)}`, { replace: true });
      } else toast('已发布', 'success');
    });

  const withdraw = () =>
    void action.run(async () => {
      if (!id) return;
      const answer = await adminPoliciesApi.withdraw(id);
      setConfirm(null);
      setStatus(answer.policy.status);
      toast('已撤回', 'success');
    });

  return {
    admin,
    id,
    loaded,
    form,
    set,
    options,
    status,
    dirty,
    errors,
    preview,
    togglePreview: () => setPreview((p) => !p),
    previewPolicy: form ? previewOf(form) : undefined,
    confirm,
    cancelConfirm: () => setConfirm(null),
    askWithdraw: () => setConfirm({ kind: 'withdraw' }),
    save,
    askPublish,
    publish,
    withdraw,
    busy: action.busy,
    error: action.error,
  };
}
