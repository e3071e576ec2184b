import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { loadAuthedImage } from '@/components/authed-image';
import Picture from '@/components/picture';
import './market-cover.scss';

interface Props {
  /** The image's API path (`MarketPostCard.cover`, `MarketEnterpriseCard.logo`); null: the placeholder. */
  src: string | null;
  alt: string;
  /** The placeholder's word: 供应, 需求, or the enterprise's first character. */
  mark: string;
  className?: string;
}

/**
 * A post's cover or an enterprise's logo: downloaded with the sign-in when there is one (the owner sees a post off
 * the board), a tinted box with a word while it loads, when there is none, or when it cannot be loaded.
 */
export default function MarketCover({ src, alt, mark, className }: Props) {
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
      <View className={`market-cover market-cover--none ${className ?? ''}`} aria-label={alt}>
        <Text className="market-cover__mark">{mark}</Text>
      </View>
    );
  }
  return <Picture className={`market-cover ${className ?? ''}`} src={shown} alt={alt} />;
}
