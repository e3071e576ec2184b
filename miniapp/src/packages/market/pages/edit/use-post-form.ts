import Taro, { useDidHide, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  CreateMarketPostDto,
  MarketPostDetail,
  MarketPostKind,
  UpdateMarketPostDto,
} from '@qsgj/shared/contracts';
import { MembershipStatus } from '@qsgj/shared/enums';
import { useImageUploads } from '@/components/image-picker';
import { markRefusedImages } from '@/components/image-picker/refused';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { ApiError, apiUrl, newIdempotencyKey } from '@/services/http';
import { marketApi } from '@/services/market.api';
import { meApi } from '@/services/me.api';
import { isStaff, sessionStore } from '@/stores/session';
import type { DraftImage } from '@/utils/draft';
import { openPage, PAGES, toast } from '@/utils/routes';
import { useDictionary } from '@/packages/market/components/dictionary';
import { loginTo } from '@/packages/market/components/use-publish-gate';
import {
  editPath,
  MARKET_DESCRIPTION_MAX,
  MARKET_IMAGES_MAX,
  MARKET_TITLE_MAX,
  MARKET_VALID_DAYS_DEFAULT,
  param,
  postPath,
  textLength,
} from '@/packages/market/components/words';
import { clearMarketDraft, draftHasContent, loadMarketDraft, type MarketDraft, saveMarketDraft } from './draft';

/** Who may use the form: `ready` shows it; the others say why not and what to do. */
export type EditGate = 'signed-out' | 'staff' | 'unbound' | 'pending' | 'not-manager' | 'closed' | 'ready';

export type PostField =
  'kind' | 'category' | 'industry' | 'district' | 'title' | 'description' | 'images' | 'validDays';
export type PostErrors = Partial<Record<PostField | 'form', string>> & { alreadySent?: boolean };
const FIELDS: readonly PostField[] = [
  'kind',
  'category',
  'industry',
  'district',
  'title',
  'description',
  'images',
  'validDays',
];

export interface PostValues {
  kind: MarketPostKind | '';
  category: string;
  industry: string;
  district: string;
  title: string;
  description: string;
  validDays: number;
}

export const ALREADY_SENT_MESSAGE =
  '您之前提交的信息已经发布（当时网络中断，未收到结果），可在「我的供需」中查看。如需再发布一条，请再点发布。';
export const IMAGES_FAILED_MESSAGE = '有图片上传失败，请点「重试」或删除后再提交';

const DRAFT_DEBOUNCE_MS = 500;

/** What the form checks before sending (the server checks again; its words land at the same fields). */
export function checkPost(v: PostValues): PostErrors {
  const errors: PostErrors = {};
  if (!v.kind) errors.kind = '请选择供应或需求';
  if (!v.category) errors.category = '请选择类别';
  if (!v.district) errors.district = '请选择区域';
  const title = v.title.trim();
  if (!title) errors.title = '请填写标题';
  else if (textLength(title) > MARKET_TITLE_MAX) errors.title = `标题不能超过 ${MARKET_TITLE_MAX} 个字`;
  const description = v.description.trim();
  if (!description) errors.description = '请填写详细描述';
  else if (textLength(description) > MARKET_DESCRIPTION_MAX)
    errors.description = `详细描述不能超过 ${MARKET_DESCRIPTION_MAX} 个字`;
  return errors;
}

/**
 * 发布/编辑供需 (`?id=` edits; none publishes, `?kind=supply|demand` preselects). A visitor goes to sign in and comes
 * back; the binding is asked after the form shows (the server has the last word). Editing loads the post first.
 */
export function useMarketEdit() {
  const { params } = useRouter();
  const id = param(params?.id);
  const kindParam = param(params?.kind);
  const presetKind: MarketPostKind | '' = kindParam === 'supply' || kindParam === 'demand' ? kindParam : '';
  const session = useStore(sessionStore);
  const staff = isStaff(session);
  const userId = session?.user.id;
  const on = !!userId && !staff;
  const [notBound, setNotBound] = useState(false);

  const back = id ? editPath(id) : presetKind ? `${PAGES.marketEdit}?kind=${presetKind}` : PAGES.marketEdit;
  const signedOutAtOpen = useRef(!session);
  useEffect(() => {
    if (signedOutAtOpen.current) void openPage(loginTo(back), { replace: true }).catch(() => undefined);
  }, []); // once, on open

  useEffect(() => {
    if (id) void Taro.setNavigationBarTitle({ title: '编辑供需' }).catch(() => undefined);
  }, [id]);

  const post = useRequest(() => marketApi.post(id), [id, userId], { enabled: on && !!id });
  const me = useRequest(() => meApi.get(), [userId], { enabled: on && !id });
  const loaded: MarketPostDetail | undefined = post.data && post.data.id === id ? post.data : undefined;

  let gate: EditGate = 'ready';
  if (!session) gate = 'signed-out';
  else if (staff) gate = 'staff';
  else if (notBound) gate = 'unbound';
  else if (loaded && !loaded.canManage) gate = 'not-manager';
  else if (loaded && loaded.status === 'taken_down') gate = 'closed';
  else if (me.data && me.data.id === userId) {
    const status = me.data.membership?.status;
    if (status === MembershipStatus.PENDING) gate = 'pending';
    else if (status !== MembershipStatus.APPROVED) gate = 'unbound';
  }

  return {
    id,
    presetKind,
    userId,
    gate,
    post: loaded,
    loading: !!id && on && post.loading && !loaded,
    error: id && !loaded ? post.error : null,
    notFound: post.error instanceof ApiError && (post.error.statusCode === 404 || post.error.statusCode === 400),
    reload: post.reload,
    /** The form's dictionaries wait for the page's own request (at most two requests at a time on a cold open). */
    dictionariesReady: !!id || !me.loading,
    setNotBound,
    signIn: () => void openPage(loginTo(back)).catch(() => undefined),
    bind: () => void openPage(PAGES.bind).catch(() => undefined),
    board: () => void openPage(PAGES.market).catch(() => undefined),
  };
}

export type MarketEdit = ReturnType<typeof useMarketEdit>;

/** The images of a post being edited, as the picker holds uploads (their thumbnails from the server). */
function imagesOf(post: MarketPostDetail): DraftImage[] {
  const now = Date.now();
  return post.images.map((i) => ({ id: i.id, path: apiUrl(i.url.replace(/^\/api\/v1/, '')), uploadedAt: now }));
}

/**
 * The form itself, mounted once what it starts from is known: a new post (its draft restored, the draft written on
 * every change and cleared after success, its Idempotency-Key kept in the draft) or the post being edited.
 */
export function usePostForm(e: MarketEdit) {
  const editing = e.post;
  const [opened] = useState(() => {
    const draft = !editing && e.userId ? loadMarketDraft(e.userId) : null;
    return { draft, restored: draftHasContent(draft) };
  });
  const draft = opened.draft;
  const start: PostValues = editing
    ? {
        kind: editing.kind,
        category: editing.category,
        industry: editing.industry ?? '',
        district: editing.district,
        title: editing.title,
        description: editing.description,
        validDays: MARKET_VALID_DAYS_DEFAULT,
      }
    : {
        kind: draft?.kind || e.presetKind,
        category: draft?.category ?? '',
        industry: draft?.industry ?? '',
        district: draft?.district ?? '',
        title: draft?.title ?? '',
        description: draft?.description ?? '',
        validDays: draft?.validDays ?? MARKET_VALID_DAYS_DEFAULT,
      };
  const [values, setValues] = useState<PostValues>(start);
  const [key, setKey] = useState(() => draft?.key ?? newIdempotencyKey());
  const [restored, setRestored] = useState(opened.restored);
  const [errors, setErrors] = useState<PostErrors>({});
  const uploads = useImageUploads(editing ? imagesOf(editing) : (draft?.images ?? []), MARKET_IMAGES_MAX);
  const { run, busy } = useAction();

  // The dictionaries after the form has rendered: 区域 first, 行业 once it is there (two requests at a time at most).
  const districts = useDictionary('districts', e.dictionariesReady);
  const industries = useDictionary('industries', !!districts.values);

  // ---- the draft of a new post
  const snapshot = useMemo<MarketDraft | null>(
    () =>
      !editing && e.userId ? { userId: e.userId, key, ...values, images: uploads.saved, savedAt: Date.now() } : null,
    [editing, e.userId, key, values, uploads.saved],
  );
  const unsaved = useRef<MarketDraft | null>(null);
  const done = useRef(false);
  const flush = useCallback(() => {
    const d = unsaved.current;
    unsaved.current = null;
    if (d && !done.current) saveMarketDraft({ ...d, savedAt: Date.now() });
  }, []);
  useEffect(() => {
    if (!snapshot) return undefined;
    unsaved.current = snapshot;
    const timer = setTimeout(flush, DRAFT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [snapshot, flush]);
  useDidHide(flush);
  useEffect(() => () => flush(), [flush]);

  const set = <K extends keyof PostValues>(field: K, value: PostValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((x) => (x[field] || x.form ? { ...x, [field]: undefined, form: undefined, alreadySent: false } : x));
  };

  const clear = () => {
    setValues({ ...start, kind: e.presetKind, category: '', industry: '', district: '', title: '', description: '' });
    uploads.reset();
    setKey(newIdempotencyKey());
    setErrors({});
    setRestored(false);
  };

  /** The server's refusal beside the field it names; an image it names is marked on that image. */
  const fromServer = (err: Error): PostErrors => {
    if (!(err instanceof ApiError)) return { form: err.message };
    if (err.code === 'IDEMPOTENCY_KEY_REUSED') {
      setKey(newIdempotencyKey());
      return { form: ALREADY_SENT_MESSAGE, alreadySent: true };
    }
    if (err.code === 'ENTERPRISE_NOT_BOUND') {
      e.setNotBound(true);
      return { form: err.message };
    }
    if (err.isNetwork)
      return { form: editing ? err.message : `${err.message}。已填写的内容已保存在本机，可稍后再提交` };
    const found: PostErrors = {};
    const images = markRefusedImages(err, uploads);
    if (images) found.images = images;
    if (Array.isArray(err.details)) {
      for (const d of err.details) {
        if ((FIELDS as readonly string[]).includes(d.field)) found[d.field as PostField] ??= d.message || err.message;
      }
    }
    return Object.keys(found).length ? found : { form: err.message };
  };

  const submit = async () => {
    if (busy || uploads.uploading) return;
    const checked = checkPost(values);
    if (uploads.failed) checked.images = IMAGES_FAILED_MESSAGE;
    if (Object.keys(checked).length) {
      setErrors(checked);
      return;
    }
    setErrors({});
    const common = {
      kind: values.kind as MarketPostKind,
      category: values.category as CreateMarketPostDto['category'],
      district: values.district,
      title: values.title.trim(),
      description: values.description.trim(),
      images: uploads.ids,
    };
    if (editing) {
      const patch: UpdateMarketPostDto = { ...common, industry: values.industry || null };
      await run(
        async () => {
          const saved = await marketApi.update(editing.id, patch);
          toast(saved.status === 'held' ? '已保存，内容审核通过后展示' : '已保存', 'success');
          if (Taro.getCurrentPages().length > 1) await Taro.navigateBack();
          else await openPage(postPath(saved.id), { replace: true });
        },
        (err) => {
          setErrors(fromServer(err));
          return undefined;
        },
      );
      return;
    }
    const dto: CreateMarketPostDto = {
      ...common,
      ...(values.industry ? { industry: values.industry } : {}),
      validDays: values.validDays,
    };
    // The key is on the device before the request leaves: a retry after closing the app sends it again.
    unsaved.current = snapshot;
    flush();
    await run(
      async () => {
        const created = await marketApi.create(dto, key);
        done.current = true;
        clearMarketDraft();
        await openPage(postPath(created.id), { replace: true }).catch(() => undefined);
        toast(created.status === 'held' ? '已提交，内容审核通过后展示' : '已发布', 'success');
      },
      (err) => {
        setErrors(fromServer(err));
        return undefined;
      },
    );
  };

  return {
    editing,
    values,
    set,
    errors,
    uploads,
    districts,
    industries,
    restored,
    clear,
    busy,
    canSubmit: !busy && !uploads.uploading,
    submit: () => void submit(),
    myPosts: () => void openPage(PAGES.myMarketPosts).catch(() => undefined),
    /** The Idempotency-Key a new post is sent with (kept in the draft). */
    idempotencyKey: key,
  };
}

export type PostForm = ReturnType<typeof usePostForm>;
