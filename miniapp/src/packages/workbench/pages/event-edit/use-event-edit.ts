import { useEffect, useState } from 'react';
import type { EventDetail } from '@qsgj/shared/contracts';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { casesApi } from '@/services/cases.api';
import { adminEventsApi } from '@/services/events.api';
import { dictionariesApi } from '@/services/policies.api';
import { toast } from '@/utils/routes';
import {
  fieldErrors,
  saveChecked,
  useEditedRecord,
  withoutError,
} from '@/packages/workbench/components/editor-shell/use-editor';
import { EVENT_LIMITS, useEventStaff } from '@/packages/workbench/components/event-admin';
import { type EventForm, formOf, inputOf, localErrors, newForm } from './form';

type Confirm = 'publish' | 'cancel' | null;

/**
 * 编辑活动 (`?id=`; none: a new one). The event loads first (the page's one request); the districts, industries
 * and departments once the form shows. 保存草稿 creates it (POST) or saves every field (PATCH); 发布 saves what
 * changed, then asks; 取消活动 asks for the reason (registrants are told). Each refusal is shown at its field
 * (a capacity below the confirmed count at 名额), and its message under the buttons.
 */
export function useEventEdit() {
  const { admin } = useEventStaff();
  const { initialId, loaded } = useEditedRecord(admin, (id) => adminEventsApi.detail(id));

  const [saved, setSaved] = useState<EventDetail>();
  const [form, setForm] = useState<EventForm | undefined>(() => (initialId ? undefined : newForm(new Date())));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [reason, setReason] = useState('');
  const action = useAction();

  const adopt = (d: EventDetail) => {
    setSaved(d);
    setForm(formOf(d));
    setDirty(false);
  };

  useEffect(() => {
    if (loaded.data) adopt(loaded.data);
  }, [loaded.data]);

  const ready = admin && !!form;
  const districts = useRequest(() => dictionariesApi.get('districts'), [], { enabled: ready });
  const industries = useRequest(() => dictionariesApi.get('industries'), [], { enabled: ready });
  const departments = useRequest(() => casesApi.options(), [], { enabled: ready });
  const options = (items: Array<{ value: string }> | undefined) =>
    items?.map((e) => ({ value: e.value, label: e.value }));

  const id = saved?.id ?? initialId;

  const set = <K extends keyof EventForm>(key: K, value: EventForm[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setDirty(true);
    setConfirm(null);
    const field =
      key === 'startDay' || key === 'startTime'
        ? 'startsAt'
        : key === 'endDay' || key === 'endTime'
          ? 'endsAt'
          : key === 'deadlineDay' || key === 'deadlineTime'
            ? 'signupDeadline'
            : key;
    setErrors(withoutError(field));
  };

  /** Saves the form; the saved event (thrown when refused: the errors are shown at their fields). */
  const persist = async (): Promise<EventDetail> => {
    if (!form) throw new Error('活动尚未加载');
    return saveChecked(localErrors(form), setErrors, async () => {
      const body = inputOf(form);
      const answer = id ? await adminEventsApi.update(id, body) : await adminEventsApi.create(body);
      adopt(answer);
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
      if (dirty || !id) await persist();
      setConfirm('publish');
    });

  const publish = () =>
    void action.run(async () => {
      if (!id) return;
      try {
        const answer = await adminEventsApi.publish(id);
        setConfirm(null);
        adopt(answer);
        toast('已发布', 'success');
      } catch (e) {
        setConfirm(null);
        setErrors(fieldErrors(e as Error));
        throw e;
      }
    });

  const cancelEvent = () =>
    void action.run(async () => {
      if (!id) return;
      const why = reason.trim();
      if (!why) {
        setErrors((e) => ({ ...e, reason: '请填写取消原因' }));
        throw new Error('请填写取消原因');
      }
      try {
        const answer = await adminEventsApi.cancel(id, { reason: why });
        setConfirm(null);
        setReason('');
        adopt(answer);
        toast('活动已取消', 'success');
      } catch (e) {
        setErrors(fieldErrors(e as Error));
        throw e;
      }
    });

  return {
    admin,
    id,
    loaded,
    saved,
    form,
    set,
    dirty,
    errors,
    districtOptions: options(districts.data?.items),
    industryOptions: options(industries.data?.items),
    departments: departments.data?.departments,
    confirm,
    askCancel: () => {
      setConfirm('cancel');
      action.setError(undefined);
    },
    closeConfirm: () => setConfirm(null),
    reason,
    setReason: (v: string) => {
      setReason(v.slice(0, EVENT_LIMITS.cancelReason));
      setErrors(withoutError('reason'));
    },
    save,
    askPublish,
    publish,
    cancelEvent,
    busy: action.busy,
    error: action.error,
  };
}
