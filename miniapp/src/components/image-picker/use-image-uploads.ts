import Taro from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { filesApi } from '@/services/files.api';
import type { DraftImage } from '@/utils/draft';
import { IS_WEAPP } from '@/utils/platform';
import { toast } from '@/utils/routes';

export type PickedStatus = 'waiting' | 'uploading' | 'done' | 'failed';

/** One picked image and its upload. */
export interface PickedImage {
  /** Local key (React's, and the tile's `data-key`). */
  key: string;
  /** The picked local file: thumbnail and preview. */
  path: string;
  /** Bytes of the picked file when known (small files are not compressed). */
  size?: number;
  /** The compressed copy that is uploaded (kept for a retry). */
  uploadPath?: string;
  status: PickedStatus;
  /** 0–100 while uploading. */
  progress: number;
  /** The server's file id once uploaded. */
  id?: string;
  uploadedAt?: number;
  /** Why it failed, in the server's (or the network's) words. */
  error?: string;
}

/** Uploads at a time: WeChat allows ten network tasks in all, and the form's own requests need some. */
const CONCURRENT_UPLOADS = 3;
/** Files above this are compressed first (WeChat only; H5 has no compressImage). */
const COMPRESS_ABOVE_BYTES = 1024 * 1024;
/** The server keeps an unused upload this long. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
export const UPLOAD_EXPIRED_MESSAGE = '图片上传已超过 24 小时，请点「重试」重新上传';

let seq = 0;
const nextKey = () => `img-${Date.now().toString(36)}-${(seq++).toString(36)}`;

/** The picked file, smaller: WeChat's compressImage; the original when it is small, in H5, or when compressing fails. */
async function compress(path: string, size: number | undefined): Promise<string> {
  if (!IS_WEAPP || (size !== undefined && size <= COMPRESS_ABOVE_BYTES)) return path;
  try {
    const res = await Taro.compressImage({ src: path, quality: 80 });
    return res.tempFilePath || path;
  } catch {
    return path;
  }
}

/**
 * wx.chooseMedia through its callbacks: Taro 4.2 does not make it a promise in WeChat (it is missing from Taro's
 * list of promised APIs, so `await Taro.chooseMedia()` gets undefined). Should a later Taro return a promise too,
 * its rejection (a cancel) is caught here as well.
 */
function chooseMedia(count: number): Promise<Taro.chooseMedia.SuccessCallbackResult> {
  return new Promise((resolve, reject) => {
    const returned: unknown = Taro.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      success: resolve,
      fail: reject,
    });
    (returned as Promise<unknown> | undefined)?.catch?.(() => undefined);
  });
}

/** Chooses up to `count` images: chooseMedia in WeChat, chooseImage in H5. Null when the user cancelled. */
async function chooseFiles(count: number): Promise<{ path: string; size?: number }[] | null> {
  try {
    if (IS_WEAPP) {
      const res = await chooseMedia(count);
      return res.tempFiles.map((f) => ({ path: f.tempFilePath, size: f.size }));
    }
    const res = await Taro.chooseImage({ count, sourceType: ['album', 'camera'] });
    return res.tempFiles?.length
      ? res.tempFiles.map((f) => ({ path: f.path, size: f.size }))
      : res.tempFilePaths.map((path) => ({ path }));
  } catch {
    return null; // cancelled, or no permission: nothing to add
  }
}

function restore(saved: DraftImage[], now: number): PickedImage[] {
  return saved.map((s) =>
    now - s.uploadedAt >= UPLOAD_TTL_MS
      ? { key: nextKey(), path: s.path, status: 'failed', progress: 0, error: UPLOAD_EXPIRED_MESSAGE }
      : { key: nextKey(), path: s.path, status: 'done', progress: 100, id: s.id, uploadedAt: s.uploadedAt },
  );
}

export interface ImageUploads {
  items: PickedImage[];
  max: number;
  /** An image is waiting or uploading: the form must not be submitted yet. */
  uploading: boolean;
  failed: number;
  /** Ids of the uploaded images, in order: the `images` of the request. */
  ids: string[];
  /** What a draft keeps: uploaded images only. */
  saved: DraftImage[];
  choose: () => Promise<void>;
  retry: (key: string) => void;
  remove: (key: string) => void;
  preview: (key: string) => void;
  /** The server refused the `index`-th of `ids` on submit (expired, used …): shown on that image, with 重试. */
  failUploaded: (index: number, message: string) => void;
  /** Drops every image (清空). */
  reset: () => void;
}

/**
 * The images of a form: choose (up to `max`), compress, upload each with its progress, three at a time; a failed
 * image keeps its message and offers 重试. `initial` are a draft's uploads (those older than the server keeps them
 * come back failed, to be uploaded again).
 */
export function useImageUploads(initial: DraftImage[], max: number): ImageUploads {
  const [items, setItems] = useState<PickedImage[]>(() => restore(initial, Date.now()));
  const ref = useRef(items);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const commit = useCallback((next: PickedImage[]) => {
    ref.current = next;
    if (mounted.current) setItems(next);
  }, []);

  const patch = useCallback(
    (key: string, changes: Partial<PickedImage>) => {
      if (!ref.current.some((i) => i.key === key)) return; // removed meanwhile
      commit(ref.current.map((i) => (i.key === key ? { ...i, ...changes } : i)));
    },
    [commit],
  );

  const pumpRef = useRef<() => void>(() => undefined);

  const upload = useCallback(
    async (item: PickedImage) => {
      patch(item.key, { status: 'uploading', progress: 0, error: undefined });
      try {
        const path = item.uploadPath ?? (await compress(item.path, item.size));
        patch(item.key, { uploadPath: path });
        let shown = 0;
        const res = await filesApi.uploadImage(path, (percent) => {
          // Every tenth percent is enough for the bar (each change is a setData in WeChat).
          const step = Math.min(99, Math.floor(percent / 10) * 10);
          if (step > shown) {
            shown = step;
            patch(item.key, { progress: step });
          }
        });
        patch(item.key, { status: 'done', progress: 100, id: res.id, uploadedAt: Date.now(), error: undefined });
      } catch (e) {
        const err = e as Error & { fieldMessage?: (f: string) => string | undefined };
        patch(item.key, { status: 'failed', progress: 0, error: err.fieldMessage?.('file') ?? err.message });
      }
      pumpRef.current();
    },
    [patch],
  );

  const pump = useCallback(() => {
    let active = ref.current.filter((i) => i.status === 'uploading').length;
    for (const item of ref.current) {
      if (active >= CONCURRENT_UPLOADS) break;
      if (item.status !== 'waiting') continue;
      active++;
      void upload(item);
    }
  }, [upload]);
  pumpRef.current = pump;

  const choose = useCallback(async () => {
    const room = max - ref.current.length;
    if (room <= 0) {
      toast(`最多上传 ${max} 张图片`);
      return;
    }
    const files = await chooseFiles(room);
    if (!files?.length) return;
    const room2 = max - ref.current.length; // images removed or added while the chooser was open
    if (files.length > room2) toast(`最多上传 ${max} 张图片，已忽略多出的 ${files.length - Math.max(room2, 0)} 张`);
    const added = files
      .slice(0, Math.max(room2, 0))
      .map((f): PickedImage => ({ key: nextKey(), path: f.path, size: f.size, status: 'waiting', progress: 0 }));
    if (!added.length) return;
    commit([...ref.current, ...added]);
    pump();
  }, [commit, max, pump]);

  const retry = useCallback(
    (key: string) => {
      const item = ref.current.find((i) => i.key === key);
      if (!item || item.status !== 'failed') return;
      patch(key, { status: 'waiting', progress: 0, error: undefined, id: undefined });
      pump();
    },
    [patch, pump],
  );

  const remove = useCallback((key: string) => commit(ref.current.filter((i) => i.key !== key)), [commit]);

  const preview = useCallback((key: string) => {
    const item = ref.current.find((i) => i.key === key);
    if (!item) return;
    void Taro.previewImage({ current: item.path, urls: ref.current.map((i) => i.path) }).catch(() => undefined);
  }, []);

  const failUploaded = useCallback(
    (index: number, message: string) => {
      const item = ref.current.filter((i) => i.status === 'done')[index];
      // Uploaded again from the local file on 重试 (a new upload, a new id).
      if (item) patch(item.key, { status: 'failed', id: undefined, uploadPath: undefined, error: message });
    },
    [patch],
  );

  const reset = useCallback(() => commit([]), [commit]);

  const ids = useMemo(() => items.filter((i) => i.status === 'done' && i.id).map((i) => i.id as string), [items]);
  const saved = useMemo(
    () =>
      items
        .filter((i) => i.status === 'done' && i.id)
        .map((i) => ({ id: i.id as string, path: i.path, uploadedAt: i.uploadedAt ?? Date.now() })),
    [items],
  );

  return {
    items,
    max,
    uploading: items.some((i) => i.status === 'waiting' || i.status === 'uploading'),
    failed: items.filter((i) => i.status === 'failed').length,
    ids,
    saved,
    choose,
    retry,
    remove,
    preview,
    failUploaded,
    reset,
  };
}
