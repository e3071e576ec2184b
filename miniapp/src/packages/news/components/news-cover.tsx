import './news-cover.scss';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { loadAuthedImage } from '@/components/authed-image';
import Picture from '@/components/picture';

interface Props {
  /** The cover's API path (`NewsCard.cover`); null: the placeholder. */
  src: string | null;
  alt: string;
  className?: string;
}

/**
 * An article's cover: downloaded with the sign-in when there is one (staff previewing a draft), a tinted box
 * with 「营商动态」 while it loads, when there is none, or when it cannot be loaded. A tap goes to whatever holds it.
 */
export default function NewsCover({ src, alt, className }: Props) {
  const [file, setFile] = useState<{ src: string; path: string } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    if (!src) return undefined;
    let live = true;
    loadAuthedImage(src).then(
      (path) => live && setFile({ src, path }),
      () => live && setFailed(src),
    );
    return () => {
      live = false;
    };
  }, [src]);

  const shown = src && file?.src === src && failed !== src ? file.path : null;
  if (!shown) {
    return (
      <View className={`news-cover news-cover--none ${className ?? ''}`} aria-label={alt}>
        <Text className="news-cover__mark">营商动态</Text>
      </View>
    );
  }
  return <Picture className={`news-cover ${className ?? ''}`} src={shown} alt={alt} />;
}
