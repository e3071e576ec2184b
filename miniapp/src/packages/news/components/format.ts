import { caseDay } from '@/components/case-timeline/format';
import { PAGES } from '@/utils/routes';

/** 「2026年12月3日」 of a publish time; '' for none. */
export function newsDay(iso: string | null | undefined): string {
  return iso ? caseDay(iso) : '';
}

/** 「阅读 1.2万」 / 「阅读 356」. */
export function viewsText(n: number): string {
  if (n >= 10_000) return `阅读 ${(Math.floor(n / 1000) / 10).toFixed(1).replace(/\.0$/, '')}万`;
  return `阅读 ${n}`;
}

/** The article's own address: the share card's path (it opens the article cold) and the H5 link. */
export function newsDetailPath(id: string): string {
  return `${PAGES.newsDetail}?id=${encodeURIComponent(id)}`;
}

/** H5: the address that opens the article (hash routing), for 复制链接; '' outside a browser. */
export function newsLink(id: string): string {
  if (typeof window === 'undefined' || !window.location) return '';
  const { origin, pathname } = window.location;
  return `${origin}${pathname}#${newsDetailPath(id)}`;
}
