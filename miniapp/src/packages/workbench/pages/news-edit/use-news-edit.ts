import { useEffect, useState } from 'react';
import type { AdminNewsDetail, NewsState } from '@qsgj/shared/contracts';
import { useImageUploads } from '@/components/image-picker';
import { useAction } from '@/hooks/use-action';
import { adminNewsApi } from '@/services/news.api';
import { toast } from '@/utils/routes';
import {
  fieldErrors,
  saveChecked,
  useEditedRecord,
  withoutError,
} from '@/packages/workbench/components/editor-shell/use-editor';
import { useAdmin } from '@/packages/workbench/components/policy-admin/use-admin';
import { EMPTY_FORM, formOf, inputOf, localErrors, type NewsForm, publishAtOf } from './form';

type Confirm = { kind: 'publish'; publishAt: string | undefined } | { kind: 'withdraw' } | null;

/**
 * 编辑动态 (`?id=`; none: a new one). 保存 creates it (POST) or saves every field (PATCH); the cover is an upload
 * (POST /files/images) sent as `coverFileId`. 发布 saves what changed, then asks — 立即发布 or 定时 at the moment
 * chosen — before publishing; 撤回 asks first too. Refusals are shown beside their fields.
 */
export function useNewsEdit() {
  const admin = useAdmin();
  const { initialId, loaded } = useEditedRecord(admin, (id) => adminNewsApi.detail(id));

  const [saved, setSaved] = useState<AdminNewsDetail>();
  const [form, setForm] = useState<NewsForm | undefined>(initialId ? undefined : EMPTY_FORM);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState(false);
  const [confirm, setConfirm] = useState<Confirm>(null);
  /** The saved cover was removed in the form (not yet saved). */
  const [coverRemoved, setCoverRemoved] = useState(false);
  const uploads = useImageUploads([], 1);
  const action = useAction();

  const adopt = (n: AdminNewsDetail) => {
    setSaved(n);
    setForm(formOf(n));
    setDirty(false);
    setCoverRemoved(false);
    uploads.reset();
  };

  useEffect(() => {
    if (loaded.data) adopt(loaded.data);
  }, [loaded.data]);

  const id = saved?.id ?? initialId;
  const state: NewsState = saved?.state ?? 'draft';
  const newCover = uploads.ids[0];
  const coverFileId = newCover ?? (coverRemoved ? null : (saved?.coverFileId ?? null));
  const coverChanged = newCover !== undefined || coverRemoved;

  const clearError = (key: string) => setErrors(withoutError(key));

  const set = <K extends keyof NewsForm>(key: K, value: NewsForm[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    // The 定时发布 moment is sent with 发布, not saved with the article.
    if (key !== 'schedule' && key !== 'day' && key !== 'time') setDirty(true);
    setConfirm(null);
    clearError(key === 'day' || key === 'time' || key === 'schedule' ? 'publishAt' : key);
  };

  /** Saves the form; the saved article (thrown when refused: the errors are shown). */
  const persist = async (): Promise<AdminNewsDetail> => {
    if (!form) throw new Error('文章尚未加载');
    if (uploads.uploading) throw new Error('封面图片上传中，请稍候');
    if (uploads.failed) throw new Error('封面图片上传失败，请重试或删除后重新选择');
    return saveChecked(localErrors(form, new Date()), setErrors, async () => {
      const body = inputOf(form, coverFileId);
      const answer = id ? await adminNewsApi.update(id, body) : await adminNewsApi.create(body);
      const keep = form;
      adopt(answer);
      // The schedule is not a saved field: keep what was chosen.
      setForm({ ...formOf(answer), schedule: keep.schedule, day: keep.day, time: keep.time });
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
      if (!form) return;
      const local = localErrors(form, new Date(), true);
      if (Object.keys(local).length) {
        setErrors(local);
        throw new Error(Object.values(local)[0]);
      }
      if (dirty || coverChanged || !id) await persist();
      setConfirm({ kind: 'publish', publishAt: publishAtOf(form) });
    });

  const publish = () =>
    void action.run(async () => {
      if (!id || confirm?.kind !== 'publish') return;
      try {
        const answer = await adminNewsApi.publish(id, confirm.publishAt ? { publishAt: confirm.publishAt } : {});
        setConfirm(null);
        adopt(answer);
        toast(answer.state === 'scheduled' ? '已定时发布' : '已发布', 'success');
      } catch (e) {
        setConfirm(null);
        setErrors(fieldErrors(e as Error));
        throw e;
      }
    });

  const withdraw = () =>
    void action.run(async () => {
      if (!id) return;
      const answer = await adminNewsApi.withdraw(id);
      setConfirm(null);
      adopt(answer);
      toast('已撤回', 'success');
    });

  return {
    admin,
    id,
    loaded,
    saved,
    form,
    set,
    state,
    dirty: dirty || coverChanged,
    errors,
    uploads,
    /** The saved cover while it is kept and no new one is picked. */
    savedCover: newCover === undefined && !coverRemoved ? (saved?.cover ?? null) : null,
    removeCover: () => {
      setCoverRemoved(true);
      setConfirm(null);
    },
    preview,
    togglePreview: () => setPreview((p) => !p),
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
