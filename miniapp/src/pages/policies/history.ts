import Taro from '@tarojs/taro';

const KEY = 'qsgj.policySearchHistory';
/** The searches kept on the device, newest first. */
export const HISTORY_MAX = 10;

/** The last searches on this device (newest first); anything unreadable is no history. */
export function loadHistory(): string[] {
  try {
    const raw = Taro.getStorageSync(KEY) as unknown;
    return Array.isArray(raw)
      ? raw.filter((q): q is string => typeof q === 'string' && q.trim() !== '').slice(0, HISTORY_MAX)
      : [];
  } catch {
    return [];
  }
}

/** Puts `query` first (once: an earlier copy moves up), keeps the last HISTORY_MAX, saves and returns them. */
export function rememberQuery(history: string[], query: string): string[] {
  const q = query.trim();
  if (!q) return history;
  const next = [q, ...history.filter((h) => h !== q)].slice(0, HISTORY_MAX);
  try {
    Taro.setStorageSync(KEY, next);
  } catch {
    // Storage full or refused: the history lives for this visit only.
  }
  return next;
}

export function clearHistory(): string[] {
  try {
    Taro.removeStorageSync(KEY);
  } catch {
    // Nothing to clear.
  }
  return [];
}
