import { useEffect, useState } from 'react';
import type { MyMarketListing } from '@qsgj/shared/contracts';
import { useImageUploads } from '@/components/image-picker';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { marketApi } from '@/services/market.api';
import { isStaff, sessionStore } from '@/stores/session';
import { openPage, PAGES, toast } from '@/utils/routes';
import {
  bodyOf,
  formOf,
  type ListingErrors,
  type ListingForm,
  localErrors,
  refusalOf,
  serverErrors,
  stateOf,
} from './form';

/**
 * 企业名录入驻 (the enterprise's owner): the listing (`GET /me/enterprise/listing`), its form, and one write
 * (`PUT`): 加入 / 保存 (visible) or 退出 (hidden at once; the text stays for a return). A plain member gets 403 and a
 * user without an approved enterprise 404: the page says why. Not signed in: nothing is asked, 登录 comes back here.
 */
export function useListing() {
  const session = useStore(sessionStore);
  const staff = isStaff(session);
  const enabled = !!session && !staff;
  const loaded = useRequest(() => marketApi.listing(), [], { enabled });

  const [saved, setSaved] = useState<MyMarketListing>();
  const [form, setForm] = useState<ListingForm>();
  const [errors, setErrors] = useState<ListingErrors>({});
  const [confirmLeave, setConfirmLeave] = useState(false);
  /** The saved logo was removed in the form (not yet saved). */
  const [logoRemoved, setLogoRemoved] = useState(false);
  const uploads = useImageUploads([], 1);
  const action = useAction();

  const adopt = (l: MyMarketListing) => {
    setSaved(l);
    setForm(formOf(l));
    setErrors({});
    setLogoRemoved(false);
    uploads.reset();
  };

  useEffect(() => {
    if (loaded.data) adopt(loaded.data);
  }, [loaded.data]);

  const newLogo = uploads.ids[0];
  const logoFileId = newLogo ?? (logoRemoved ? null : (saved?.logoFileId ?? null));

  const set = (key: keyof ListingForm, value: string) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setErrors((e) => ({ ...e, [key]: undefined }));
    setConfirmLeave(false);
  };

  /** Sends the listing: the form's text when joining or saving; the saved text when leaving. */
  const put = (visible: boolean, done: string) =>
    void action.run(
      async () => {
        if (!form || !saved) return;
        const text = visible ? form : formOf(saved);
        if (visible) {
          if (uploads.uploading) throw new Error('标志图片上传中，请稍候');
          if (uploads.failed) throw new Error('标志图片上传失败，请重试或删除后重新选择');
          const local = localErrors(form);
          if (Object.keys(local).length) {
            setErrors(local);
            throw new Error('请先修改标红的项目');
          }
        }
        setErrors({});
        const answer = await marketApi.putListing(bodyOf(text, visible ? logoFileId : saved.logoFileId, visible));
        setConfirmLeave(false);
        adopt(answer);
        toast(done, 'success');
      },
      (e) => {
        const fields = serverErrors(e);
        if (fields) setErrors(fields);
        return e.message;
      },
    );

  const refusal = refusalOf(loaded.error);
  const state = saved ? stateOf(saved) : undefined;

  return {
    session,
    staff,
    loaded,
    refusal,
    listing: saved,
    state,
    form,
    set,
    errors,
    uploads,
    /** The saved logo while it is kept and no new one is picked (its URL answers only while listed). */
    savedLogo: newLogo === undefined && !logoRemoved && saved?.logoFileId ? saved : null,
    removeLogo: () => {
      setLogoRemoved(true);
      setConfirmLeave(false);
    },
    join: () => put(true, '已加入企业名录'),
    save: () => put(true, '已保存'),
    confirmLeave,
    askLeave: () => {
      action.setError(undefined);
      setConfirmLeave(true);
    },
    cancelLeave: () => setConfirmLeave(false),
    leave: () => put(false, '已退出企业名录'),
    busy: action.busy,
    error: action.error,
    login: () =>
      void openPage(`${PAGES.login}?redirect=${encodeURIComponent(PAGES.marketListing)}`).catch(() => undefined),
    bind: () => void openPage(PAGES.bind).catch(() => undefined),
    profile: () => void openPage(PAGES.enterpriseProfile).catch(() => undefined),
  };
}

export type Listing = ReturnType<typeof useListing>;
