import './news-cover.scss';
import Cover from '@/components/cover';

interface Props {
  /** The cover's API path (`NewsCard.cover`); null: the placeholder. */
  src: string | null;
  alt: string;
  className?: string;
}

/**
 * An article's cover (staff previewing a draft download it with the sign-in), or a tinted box with 「营商动态」 while it
 * loads, when there is none, or when it cannot be loaded. A tap goes to whatever holds it.
 */
export default function NewsCover(props: Props) {
  return <Cover {...props} block="news-cover" mark="营商动态" />;
}
