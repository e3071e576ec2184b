import { Image } from '@tarojs/components';
import { IS_WEAPP } from '@/utils/platform';
import './index.scss';

interface Props {
  src: string;
  /** The text alternative (screen readers; H5's `alt`). */
  alt: string;
  className?: string;
  onClick?: () => void;
  onError?: () => void;
}

/**
 * A picture cropped to fill its box (WeChat's `aspectFill`). In WeChat it is `<Image>` with an aria-label; in H5 a
 * plain `<img>` with `alt`, because Taro's H5 image hides its inner `<img>` from the props (an `imgProps` object
 * never reaches it), which leaves screen readers without a text alternative.
 */
export default function Picture({ src, alt, className, onClick, onError }: Props) {
  if (!IS_WEAPP) {
    return <img className={`qs-picture ${className ?? ''}`} src={src} alt={alt} onClick={onClick} onError={onError} />;
  }
  return (
    <Image className={className} src={src} mode="aspectFill" ariaLabel={alt} onClick={onClick} onError={onError} />
  );
}
