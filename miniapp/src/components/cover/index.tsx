import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { loadAuthedImage } from '@/components/authed-image';
import Picture from '@/components/picture';

interface Props {
  /** The image's API path; null: the placeholder. */
  src: string | null;
  alt: string;
  /** The placeholder's word. */
  mark: string;
  /** The BEM block that styles it (`<block>`, `<block>--none`, `<block>__mark`): each section has its own look. */
  block: string;
  className?: string;
}

/**
 * A cover picture: downloaded with the sign-in when there is one (an owner or staff member sees what is not public),
 * a tinted box with a word while it loads, when there is none, or when it cannot be loaded.
 */
export default function Cover({ src, alt, mark, block, className }: Props) {
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
      <View className={`${block} ${block}--none ${className ?? ''}`} aria-label={alt}>
        <Text className={`${block}__mark`}>{mark}</Text>
      </View>
    );
  }
  return <Picture className={`${block} ${className ?? ''}`} src={shown} alt={alt} />;
}
