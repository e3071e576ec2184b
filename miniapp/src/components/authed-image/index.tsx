import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import Picture from '@/components/picture';
import { filesApi } from '@/services/files.api';
import './index.scss';

/** Local copies of served images, by API path: a page shown again does not download them again. */
const cache = new Map<string, string>();
const inFlight = new Map<string, Promise<string>>();

/**
 * A local file for an image the server serves only to those who may see it (`/api/v1/cases/:id/images/:fileId`):
 * `<Image>` cannot send the sign-in, so the image is downloaded with it (wx.downloadFile; in H5 a blob URL).
 */
export function loadAuthedImage(path: string): Promise<string> {
  const hit = cache.get(path);
  if (hit) return Promise.resolve(hit);
  let p = inFlight.get(path);
  if (!p) {
    p = filesApi
      .download(path.replace(/^\/api\/v1/, ''))
      .then((file) => {
        cache.set(path, file);
        return file;
      })
      .finally(() => inFlight.delete(path));
    inFlight.set(path, p);
  }
  return p;
}

interface Props {
  /** The API path of the image (`CaseImageItem.url`). */
  src: string;
  className?: string;
  /** All the images beside it, for the full-screen preview (tap to open). */
  gallery?: string[];
  alt?: string;
}

/** One image of a case: a grey box while it loads, 「图片加载失败」 (tap to retry) when it cannot. */
export default function AuthedImage({ src, className, gallery, alt }: Props) {
  const [file, setFile] = useState<string | undefined>(cache.get(src));
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setFailed(false);
    loadAuthedImage(src).then(
      (f) => live && setFile(f),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [src, attempt]);

  const preview = async () => {
    if (!file) return;
    const all = gallery?.length ? gallery : [src];
    const urls = await Promise.all(all.map((g) => loadAuthedImage(g).catch(() => '')));
    void Taro.previewImage({ current: file, urls: urls.filter(Boolean) }).catch(() => undefined);
  };

  if (failed) {
    return (
      <View
        className={`qs-authed-image qs-authed-image--failed ${className ?? ''}`}
        role="button"
        onClick={() => setAttempt((n) => n + 1)}
      >
        图片加载失败，点击重试
      </View>
    );
  }
  if (!file)
    return <View className={`qs-authed-image qs-authed-image--pending ${className ?? ''}`} aria-label="图片加载中" />;
  return (
    <Picture
      className={`qs-authed-image ${className ?? ''}`}
      src={file}
      alt={alt ?? '诉求图片'}
      onClick={() => void preview()}
    />
  );
}
