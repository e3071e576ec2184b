import Cover from '@/components/cover';
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
 * A post's cover or an enterprise's logo (the owner downloads a post off the board with the sign-in), or a tinted
 * box with a word while it loads, when there is none, or when it cannot be loaded.
 */
export default function MarketCover(props: Props) {
  return <Cover {...props} block="market-cover" />;
}
