/** A rate (0..1, null when nothing to divide by) as 「92.6%」 or 「—」. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** An average number of working days (two decimals from the server) or 「—」. */
export function days(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : String(Math.round(value * 100) / 100);
}

/** 「14:05」 in Asia/Shanghai. */
export function shanghaiTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : new Date(ms + 8 * 3_600_000).toISOString().slice(11, 16);
}
