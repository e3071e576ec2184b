import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { FollowUpDto, FollowUpListItem } from '@qsgj/shared/contracts';
import { type FollowUpContactMethod, Role } from '@qsgj/shared/enums';
import { shanghaiDay } from '@qsgj/shared/rules';
import { useAction } from '@/hooks/use-action';
import { usePagedList } from '@/hooks/use-paged-list';
import { useStore } from '@/hooks/use-store';
import { casesApi } from '@/services/cases.api';
import { ApiError } from '@/services/http';
import { isStaff, sessionStore } from '@/stores/session';
import { openPage, PAGES, toast } from '@/utils/routes';

/** The longest outcome or rectification (CASE_CONTENT_MAX of the contracts). */
export const FOLLOW_UP_TEXT_MAX = 2000;

export interface FollowUpForm {
  contactMethod: FollowUpContactMethod | '';
  /** YYYY-MM-DD and HH:mm, Asia/Shanghai. */
  date: string;
  time: string;
  outcome: string;
  rectification: string;
}

export type FormField = 'contactMethod' | 'contactedAt' | 'outcome' | 'rectification';

/** Now in Asia/Shanghai as a day and a minute. */
export function shanghaiNow(now = new Date()): { date: string; time: string } {
  return { date: shanghaiDay(now), time: new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(11, 16) };
}

/** The form as the server takes it, or what is missing (in Chinese, per field). */
export function checkFollowUp(
  form: FollowUpForm,
  now = new Date(),
): { dto?: FollowUpDto; errors: Partial<Record<FormField, string>> } {
  const errors: Partial<Record<FormField, string>> = {};
  if (!form.contactMethod) errors.contactMethod = '请选择回访方式';
  const contactedAt = `${form.date}T${form.time}:00+08:00`;
  const at = Date.parse(contactedAt);
  if (!form.date || !form.time || Number.isNaN(at)) errors.contactedAt = '请选择回访时间';
  else if (at > now.getTime()) errors.contactedAt = '回访时间不能晚于现在';
  const outcome = form.outcome.trim();
  if (!outcome) errors.outcome = '请填写回访情况';
  if (Object.keys(errors).length || !form.contactMethod) return { errors };
  const dto: FollowUpDto = { contactMethod: form.contactMethod, contactedAt, outcome };
  const rectification = form.rectification.trim();
  if (rectification) dto.rectification = rectification;
  return { dto, errors };
}

function freshForm(): FollowUpForm {
  return { contactMethod: '', ...shanghaiNow(), outcome: '', rectification: '' };
}

/** 回访整改: the follow-ups of 差评 for supervisors (their department's) and admins (all), and the record form. */
export function useFollowUps() {
  const session = useStore(sessionStore);
  const role = session?.user.role;
  const allowed = isStaff(session) && (role === Role.SUPERVISOR || role === Role.ADMIN);
  const list = usePagedList<FollowUpListItem>((cursor) => casesApi.followUps(cursor), [], {
    key: (f) => f.id,
    enabled: allowed,
    refreshOnShow: true,
  });
  const [openId, setOpenId] = useState<string>();
  const [form, setForm] = useState<FollowUpForm>(freshForm);
  const [errors, setErrors] = useState<Partial<Record<FormField, string>>>({});
  const saving = useAction();

  useDidShow(() => {
    if (!isStaff(sessionStore.get())) void Taro.redirectTo({ url: PAGES.staffLogin });
  });

  const open = (id: string) => {
    setOpenId((current) => (current === id ? undefined : id));
    setForm(freshForm());
    setErrors({});
    saving.setError(undefined);
  };

  const set = <K extends keyof FollowUpForm>(key: K, value: FollowUpForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    const field: FormField = key === 'date' || key === 'time' ? 'contactedAt' : (key as FormField);
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = () => {
    const id = openId;
    if (!id) return;
    const { dto, errors: problems } = checkFollowUp(form);
    setErrors(problems);
    if (!dto) return;
    void saving.run(
      async () => {
        const saved = await casesApi.recordFollowUp(id, dto);
        list.update((rows) => rows.map((r) => (r.id === id ? { ...r, ...saved, overdue: false } : r)));
        setOpenId(undefined);
        toast('回访已登记', 'success');
      },
      (e) => {
        if (e instanceof ApiError && Array.isArray(e.details)) {
          const byField: Partial<Record<FormField, string>> = {};
          for (const d of e.details)
            if (['contactMethod', 'contactedAt', 'outcome', 'rectification'].includes(d.field))
              byField[d.field as FormField] = d.message;
          setErrors(byField);
        }
        return e.message;
      },
    );
  };

  const openCase = (caseId: string) => void openPage(`${PAGES.staffCase}?id=${caseId}`);

  return {
    allowed,
    list,
    openId,
    open,
    form,
    set,
    errors,
    submit,
    saving: saving.busy,
    saveError: saving.error,
    openCase,
  };
}
