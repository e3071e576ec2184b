import Taro from '@tarojs/taro';

/** The enterprise's two forms; each keeps its own draft. */
export type DraftFormType = 'consult' | 'complaint';

/** An image the server already holds (`POST /files/images` answered its id), with the local file it came from. */
export interface DraftImage {
  id: string;
  /** Local path of the picked file, for the thumbnail and the preview (it may be gone after a restart). */
  path: string;
  /** When the upload finished (ms): the server keeps an unused upload for 24 hours only. */
  uploadedAt: number;
}

/**
 * An unsent 咨询 / 投诉, kept on the device so that it survives closing the app. `key` is the Idempotency-Key made
 * when the form opened: a submit retried after a lost answer, even after a restart, is the same request and never a
 * second case.
 */
export interface CaseDraft {
  /** Whose draft: another user signed in on the same phone never sees it. */
  userId: string;
  key: string;
  content: string;
  category: string | null;
  anonymous: boolean;
  images: DraftImage[];
  /** When it was saved (ms). */
  savedAt: number;
}

const PREFIX = 'qsgj.caseDraft.';

export function draftStorageKey(type: DraftFormType): string {
  return `${PREFIX}${type}`;
}

const isString = (v: unknown): v is string => typeof v === 'string';

function isDraftImage(v: unknown): v is DraftImage {
  const i = v as DraftImage | null;
  return !!i && typeof i === 'object' && isString(i.id) && isString(i.path) && typeof i.uploadedAt === 'number';
}

/** A stored value of the right shape (an older version's, or a damaged one, is ignored). */
function isDraft(v: unknown): v is CaseDraft {
  const d = v as CaseDraft | null;
  return (
    !!d &&
    typeof d === 'object' &&
    isString(d.userId) &&
    isString(d.key) &&
    d.key.length > 0 &&
    isString(d.content) &&
    (d.category === null || isString(d.category)) &&
    typeof d.anonymous === 'boolean' &&
    Array.isArray(d.images) &&
    d.images.every(isDraftImage)
  );
}

/** The user's draft of this form, or null (none, another user's, or unreadable). */
export function loadDraft(type: DraftFormType, userId: string): CaseDraft | null {
  try {
    const raw: unknown = Taro.getStorageSync(draftStorageKey(type));
    return isDraft(raw) && raw.userId === userId ? raw : null;
  } catch {
    return null;
  }
}

/** Saves the draft (replacing the one before); false when the device refused (storage full). */
export function saveDraft(type: DraftFormType, draft: CaseDraft): boolean {
  try {
    Taro.setStorageSync(draftStorageKey(type), draft);
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(type: DraftFormType): void {
  try {
    Taro.removeStorageSync(draftStorageKey(type));
  } catch {
    // Nothing to remove, or storage unavailable: the next save replaces it anyway.
  }
}

/** Something the user wrote or chose (a draft that holds only its key is not worth announcing). */
export function draftHasContent(draft: CaseDraft | null): boolean {
  return (
    !!draft && (draft.content.trim() !== '' || draft.images.length > 0 || draft.category !== null || draft.anonymous)
  );
}
