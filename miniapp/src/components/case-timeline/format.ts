/**
 * Times of a case as the enterprise and staff read them: Asia/Shanghai (UTC+8, no daylight saving), whatever the
 * device's time zone — the same day the deadline rules in `@qsgj/shared/rules` count with.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function parts(iso: string): { y: number; m: number; d: number; hh: string; mm: string } | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const s = new Date(t + SHANGHAI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    y: s.getUTCFullYear(),
    m: s.getUTCMonth() + 1,
    d: s.getUTCDate(),
    hh: pad(s.getUTCHours()),
    mm: pad(s.getUTCMinutes()),
  };
}

/** 「12月3日 14:05」 (the year named when it is not this year's). */
export function caseTime(iso: string, now: Date = new Date()): string {
  const p = parts(iso);
  if (!p) return '';
  const thisYear = parts(now.toISOString())?.y;
  return `${p.y === thisYear ? '' : `${p.y}年`}${p.m}月${p.d}日 ${p.hh}:${p.mm}`;
}

/** 「2026年12月3日」 for an instant (Shanghai day) or a `YYYY-MM-DD` day. */
export function caseDay(value: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  if (day) return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
  const p = parts(value);
  return p ? `${p.y}年${p.m}月${p.d}日` : '';
}
