import { useCallback, useEffect, useState } from 'react';
import type { EnterpriseProfile, UpdateEnterpriseProfileDto } from '@qsgj/shared/contracts';
import type { EnterpriseScale } from '@qsgj/shared/enums';
import { type ProfileField, profileGaps } from '@qsgj/shared/rules';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { ApiError } from '@/services/http';
import { profileApi } from '@/services/policies.api';
import { toast } from '@/utils/routes';
import { useDictionaries } from './use-dictionaries';

export type ProfileDraft = UpdateEnterpriseProfileDto;
export type ProfileFormField = keyof ProfileDraft;
export type ProfileErrors = Partial<Record<ProfileFormField | 'form', string>>;

const FIELDS: readonly ProfileFormField[] = ['industry', 'scale', 'district', 'qualifications', 'foundedOn'];
export const QUALIFICATIONS_MAX = 20;
const EARLIEST = '1900-01-01';

/** Today in Shanghai, `YYYY-MM-DD` (the day the server's rules count with). */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function draftOf(p: EnterpriseProfile): ProfileDraft {
  return {
    industry: p.industry,
    scale: p.scale,
    district: p.district,
    qualifications: [...p.qualifications],
    foundedOn: p.foundedOn,
  };
}

/** What the form checks before sending (the server checks again, against the dictionaries). */
export function checkProfile(d: ProfileDraft, today: string = shanghaiToday()): ProfileErrors {
  const errors: ProfileErrors = {};
  if (d.foundedOn !== null) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d.foundedOn)) errors.foundedOn = '请选择成立日期';
    else if (d.foundedOn > today) errors.foundedOn = '成立日期不能晚于今天';
    else if (d.foundedOn < EARLIEST) errors.foundedOn = '成立日期不能早于 1900 年';
  }
  if (d.qualifications.length > QUALIFICATIONS_MAX) errors.qualifications = `企业资质最多 ${QUALIFICATIONS_MAX} 项`;
  return errors;
}

/** The server's refusal, field by field (`qualifications.0` belongs to `qualifications`); the rest for the form. */
export function serverErrors(e: Error): ProfileErrors {
  const errors: ProfileErrors = {};
  if (e instanceof ApiError && Array.isArray(e.details)) {
    for (const d of e.details) {
      const field = FIELDS.find((f) => d.field === f || d.field.startsWith(`${f}.`) || d.field.startsWith(`${f}[`));
      if (field && !errors[field]) errors[field] = d.message;
    }
  }
  if (!FIELDS.some((f) => errors[f])) errors.form = e.message;
  return errors;
}

/** No enterprise (or a binding not yet approved): the page asks to bind one. */
export function isNotBound(e: Error | null): boolean {
  return e instanceof ApiError && (e.code === 'ENTERPRISE_NOT_BOUND' || e.statusCode === 404);
}

/**
 * 一企一档: the profile (again whenever the page is shown), the form over it, the dictionaries its choosers offer
 * (once the profile has rendered, and only for who may edit), and the save.
 */
export function useProfile() {
  const profile = useRequest(() => profileApi.mine(), []);
  const [saved, setSaved] = useState<EnterpriseProfile>();
  const current = saved ?? profile.data;
  const [draft, setDraft] = useState<ProfileDraft>();
  const [errors, setErrors] = useState<ProfileErrors>({});
  const [justSaved, setJustSaved] = useState(false);
  const { run, busy } = useAction();
  const canEdit = !!current?.canEdit;
  const dictionaries = useDictionaries(['industries', 'districts', 'qualifications'], canEdit);

  useEffect(() => {
    if (profile.data) {
      setSaved(undefined);
      setDraft(draftOf(profile.data));
    }
  }, [profile.data]);

  const set = useCallback(<K extends ProfileFormField>(field: K, value: ProfileDraft[K]) => {
    setDraft((d) => (d ? { ...d, [field]: value } : d));
    setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
    setJustSaved(false);
  }, []);

  const save = async () => {
    if (!draft || busy) return;
    const found = checkProfile(draft);
    setErrors(found);
    if (Object.keys(found).length) return;
    const result = await run(
      () => profileApi.saveMine(draft),
      (e) => {
        setErrors(serverErrors(e));
        return e.message;
      },
    );
    if (result) {
      setSaved(result);
      setDraft(draftOf(result));
      setJustSaved(true);
      toast('已保存', 'success');
    }
  };

  const gaps: ProfileField[] = draft ? profileGaps(draft) : (current?.gaps ?? []);

  return {
    profile: current,
    loading: profile.loading && !current,
    error: current ? null : profile.error,
    notBound: !current && isNotBound(profile.error),
    reload: profile.reload,
    draft,
    set,
    setScale: (v: EnterpriseScale | null) => set('scale', v),
    errors,
    gaps,
    save,
    busy,
    justSaved,
    dictionaries,
  };
}

export type ProfileForm = ReturnType<typeof useProfile>;
