import Taro from '@tarojs/taro';
import type { MarketPostKind } from '@qsgj/shared/contracts';
import type { DraftImage } from '@/utils/draft';

/**
 * An unsent new post, kept on the device so that it survives closing the app. `key` is the Idempotency-Key made when
 * the form first opened: a submit retried after a lost answer, even after a restart, is the same post, never two.
 */
export interface MarketDraft {
  /** Whose draft: another user signed in on the same phone never sees it. */
  userId: string;
  key: string;
  kind: MarketPostKind | '';
  category: string;
  industry: string;
  district: string;
  title: string;
  description: string;
  validDays: number;
  images: DraftImage[];
  savedAt: number;
}

export const MARKET_DRAFT_KEY = 'qsgj.marketDraft';

const isString = (v: unknown): v is string => typeof v === 'string';

function isDraft(v: unknown): v is MarketDraft {
  const d = v as MarketDraft | null;
  return (
    !!d &&
    typeof d === 'object' &&
    isString(d.userId) &&
    isString(d.key) &&
    d.key.length > 0 &&
    (d.kind === '' || d.kind === 'supply' || d.kind === 'demand') &&
    [d.category, d.industry, d.district, d.title, d.description].every(isString) &&
    typeof d.validDays === 'number' &&
    Array.isArray(d.images) &&
    d.images.every((i) => !!i && isString(i.id) && isString(i.path) && typeof i.uploadedAt === 'number')
  );
}

/** The user's draft, or null (none, another user's, or unreadable). */
export function loadMarketDraft(userId: string): MarketDraft | null {
  try {
    const raw: unknown = Taro.getStorageSync(MARKET_DRAFT_KEY);
    return isDraft(raw) && raw.userId === userId ? raw : null;
  } catch {
    return null;
  }
}

export function saveMarketDraft(draft: MarketDraft): void {
  try {
    Taro.setStorageSync(MARKET_DRAFT_KEY, draft);
  } catch {
    // storage full: the form still works, only the draft is not kept
  }
}

export function clearMarketDraft(): void {
  try {
    Taro.removeStorageSync(MARKET_DRAFT_KEY);
  } catch {
    // nothing to do
  }
}

/** Something worth restoring (a draft holding only its key is not shown as restored). */
export function draftHasContent(d: MarketDraft | null): boolean {
  return !!d && (d.title.trim() !== '' || d.description.trim() !== '' || d.images.length > 0);
}
