import Taro, { useDidHide, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CreateCaseDto } from '@qsgj/shared/contracts';
import { MembershipStatus } from '@qsgj/shared/enums';
import { useImageUploads } from '@/components/image-picker';
import { markRefusedImages } from '@/components/image-picker/refused';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { casesApi } from '@/services/cases.api';
import { ApiError, newIdempotencyKey } from '@/services/http';
import { meApi } from '@/services/me.api';
import { isStaff, sessionStore } from '@/stores/session';
import { type CaseDraft, clearDraft, type DraftFormType, draftHasContent, loadDraft, saveDraft } from '@/utils/draft';
import { openPage, PAGES, toast } from '@/utils/routes';
import { CASE_CONTENT_MAX, CASE_IMAGES_MAX, textLength } from './case-limits';

export type CaseFormType = DraftFormType;

/** The page's query: `?type=consult|complaint[&butlerId=…&butlerName=…][&policyId=…]`. */
export interface CaseFormQuery {
  type: CaseFormType | null;
  butlerId?: string;
  butlerName?: string;
  policyId?: string;
}

/**
 * WeChat hands the query over undecoded, H5 decoded: decode once, and keep a value that does not decode as it is.
 * A key without a value arrives as the string "undefined".
 */
function param(value: string | undefined): string | undefined {
  if (!value || value === 'undefined') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function readQuery(params: Partial<Record<string, string>>): CaseFormQuery {
  const type = param(params.type);
  return {
    type: type === 'consult' || type === 'complaint' ? type : null,
    butlerId: param(params.butlerId),
    butlerName: param(params.butlerName),
    policyId: param(params.policyId),
  };
}

/** This page with its query, as sign-in's `redirect` (values encoded once). */
export function caseFormUrl(q: CaseFormQuery): string {
  const pairs: [string, string | undefined][] = [
    ['type', q.type ?? undefined],
    ['butlerId', q.butlerId],
    ['butlerName', q.butlerName],
    ['policyId', q.policyId],
  ];
  const query = pairs
    .filter((p): p is [string, string] => !!p[1])
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return query ? `${PAGES.caseNew}?${query}` : PAGES.caseNew;
}

/**
 * Who may use the form: `ready` shows it (also while `/me` is still loading — the server has the last word);
 * the others say why not and what to do.
 */
export type CaseFormGate = 'signed-out' | 'staff' | 'unbound' | 'pending' | 'ready';

export type CaseFormField = 'content' | 'category' | 'images' | 'butlerId' | 'anonymous';
export type CaseFormErrors = Partial<Record<CaseFormField | 'form', string>> & {
  /** The key was already used: an earlier submit of this form went through (its answer was lost). */
  alreadySent?: boolean;
};

const FIELDS: readonly CaseFormField[] = ['content', 'category', 'images', 'butlerId', 'anonymous'];

export const ALREADY_SENT_MESSAGE =
  '您之前提交的内容已经送达（当时网络中断，未收到结果），可在「我的诉求」中查看。如需再提交一份修改后的内容，请再点提交。';
export const IMAGES_FAILED_MESSAGE = '有图片上传失败，请点「重试」或删除后再提交';

/** How long typing may pause before the draft is written (also written on hide, leave and submit). */
const DRAFT_DEBOUNCE_MS = 500;

export function checkContent(content: string): string | undefined {
  const text = content.trim();
  if (!text) return '请描述您的问题';
  if (textLength(text) > CASE_CONTENT_MAX) return `内容不能超过 ${CASE_CONTENT_MAX} 个字`;
  return undefined;
}

/**
 * 咨询 / 投诉: the form, its draft on the device (restored on open, written on every change, cleared after
 * success), its Idempotency-Key (made when the form first opened and kept in the draft, so a retry — even after the
 * app was closed — is the same request), its images, and the submit.
 */
export function useCaseForm() {
  const { params } = useRouter();
  const query = useMemo(() => readQuery(params ?? {}), [params]);
  const type = query.type;
  const session = useStore(sessionStore);
  const userId = session?.user.id;
  const staff = isStaff(session);
  const formOn = !!type && !!userId && !staff;

  // The draft of the user who opened the form, read once.
  const [opened] = useState(() => {
    const draft = formOn && type && userId ? loadDraft(type, userId) : null;
    return { userId, draft, restored: draftHasContent(draft) };
  });
  const draft = opened.draft;

  const [key, setKey] = useState(() => draft?.key ?? newIdempotencyKey());
  const [content, setContentValue] = useState(draft?.content ?? '');
  const [category, setCategoryValue] = useState<string | null>(draft?.category ?? null);
  const [anonymous, setAnonymousValue] = useState(draft?.anonymous ?? false);
  const [restored, setRestored] = useState(opened.restored);
  const [errors, setErrors] = useState<CaseFormErrors>({});
  const [notBound, setNotBound] = useState(false);
  const uploads = useImageUploads(draft?.images ?? [], CASE_IMAGES_MAX);
  const { run, busy } = useAction();

  // Signed out when it opened: to sign-in, which comes back here with the same query.
  const signedOutAtOpen = useRef(!session);
  useEffect(() => {
    if (signedOutAtOpen.current && type) {
      void openPage(`${PAGES.login}?redirect=${encodeURIComponent(caseFormUrl(query))}`, { replace: true }).catch(
        () => undefined,
      );
    }
  }, []); // once, on open

  useEffect(() => {
    if (type) void Taro.setNavigationBarTitle({ title: type === 'consult' ? '咨询' : '投诉' }).catch(() => undefined);
  }, [type]);

  // Whether the user's enterprise binding is approved: after the form has rendered (it is not needed to show it).
  const me = useRequest(() => meApi.get(), [userId], { enabled: formOn });

  let gate: CaseFormGate = 'ready';
  if (!session) gate = 'signed-out';
  else if (staff) gate = 'staff';
  else if (notBound) gate = 'unbound';
  else if (me.data && me.data.id === userId) {
    const status = me.data.membership?.status;
    if (status === MembershipStatus.PENDING) gate = 'pending';
    else if (status !== MembershipStatus.APPROVED) gate = 'unbound';
  }

  // ---- the draft: written DRAFT_DEBOUNCE_MS after the last change, and at once on hide, leave and submit.
  const snapshot = useMemo<CaseDraft | null>(
    () =>
      formOn && opened.userId
        ? {
            userId: opened.userId,
            key,
            content,
            category,
            anonymous,
            images: uploads.saved,
            savedAt: Date.now(),
          }
        : null,
    [formOn, opened.userId, key, content, category, anonymous, uploads.saved],
  );
  const unsaved = useRef<CaseDraft | null>(null);
  const done = useRef(false);
  const flush = useCallback(() => {
    const d = unsaved.current;
    unsaved.current = null;
    if (d && type && !done.current) saveDraft(type, { ...d, savedAt: Date.now() });
  }, [type]);
  useEffect(() => {
    if (!snapshot) return;
    unsaved.current = snapshot;
    const timer = setTimeout(flush, DRAFT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [snapshot, flush]);
  useDidHide(flush);
  useEffect(() => () => flush(), [flush]);

  // ---- fields
  const clearError = (field: CaseFormField) =>
    setErrors((e) => (e[field] || e.form ? { ...e, [field]: undefined, form: undefined, alreadySent: false } : e));

  const setContent = (value: string) => {
    setContentValue(value);
    clearError('content');
  };
  const setCategory = (code: string | null) => {
    setCategoryValue(code);
    clearError('category');
  };
  const setAnonymous = (on: boolean) => {
    setAnonymousValue(on);
    clearError('anonymous');
  };

  /** 清空: a fresh form, with a fresh key (what was typed is dropped, so nothing can be sent twice). */
  const clear = () => {
    setContentValue('');
    setCategoryValue(null);
    setAnonymousValue(false);
    uploads.reset();
    setKey(newIdempotencyKey());
    setErrors({});
    setRestored(false);
  };

  /** The server's refusal beside the field it names; an image it names is marked on that image. */
  const fromServer = (e: Error): CaseFormErrors => {
    if (!(e instanceof ApiError)) return { form: e.message };
    if (e.code === 'IDEMPOTENCY_KEY_REUSED') {
      setKey(newIdempotencyKey());
      return { form: ALREADY_SENT_MESSAGE, alreadySent: true };
    }
    if (e.code === 'ENTERPRISE_NOT_BOUND') {
      setNotBound(true);
      return { form: e.message };
    }
    if (e.isNetwork) return { form: `${e.message}。已填写的内容已保存在本机，可稍后再提交` };
    const found: CaseFormErrors = {};
    const images = markRefusedImages(e, uploads);
    if (images) found.images = images;
    if (Array.isArray(e.details)) {
      for (const d of e.details) {
        if ((FIELDS as readonly string[]).includes(d.field)) found[d.field as CaseFormField] ??= d.message || e.message;
      }
    }
    return Object.keys(found).length ? found : { form: e.message };
  };

  const submit = async () => {
    if (!type || busy || uploads.uploading) return;
    const contentError = checkContent(content);
    const imagesError = uploads.failed ? IMAGES_FAILED_MESSAGE : undefined;
    if (contentError || imagesError) {
      setErrors({ content: contentError, images: imagesError });
      return;
    }
    setErrors({});
    const dto: CreateCaseDto = {
      type,
      content: content.trim(),
      ...(category ? { category } : {}),
      ...(uploads.ids.length ? { images: uploads.ids } : {}),
      ...(type === 'consult' && query.butlerId ? { butlerId: query.butlerId } : {}),
      ...(type === 'complaint' ? { anonymous } : {}),
      ...(query.policyId ? { policyId: query.policyId } : {}),
    };
    // The key is on the device before the request leaves: a retry after closing the app sends it again.
    unsaved.current = snapshot;
    flush();
    await run(
      async () => {
        const created = await casesApi.submit(dto, key);
        done.current = true;
        clearDraft(type);
        await openPage(`${PAGES.caseDetail}?id=${encodeURIComponent(created.id)}`, { replace: true }).catch(
          () => undefined,
        );
        toast(`已提交，编号 ${created.number}`);
      },
      (e) => {
        setErrors(fromServer(e));
        return undefined;
      },
    );
  };

  return {
    type,
    query,
    gate,
    /** Signed out: sign in, then back here. */
    signIn: () =>
      void openPage(`${PAGES.login}?redirect=${encodeURIComponent(caseFormUrl(query))}`).catch(() => undefined),
    bind: () => void openPage(PAGES.bind).catch(() => undefined),
    myCases: () => void openPage(PAGES.myCases).catch(() => undefined),
    home: () => void openPage(PAGES.home).catch(() => undefined),
    content,
    setContent,
    length: textLength(content.trim()),
    category,
    setCategory,
    anonymous,
    setAnonymous,
    uploads,
    restored,
    clear,
    errors,
    busy,
    /** Submit waits for the images' uploads. */
    canSubmit: !busy && !uploads.uploading,
    submit,
    /** The Idempotency-Key this form sends (tests and journeys read it from the draft). */
    idempotencyKey: key,
  };
}

export type CaseForm = ReturnType<typeof useCaseForm>;
