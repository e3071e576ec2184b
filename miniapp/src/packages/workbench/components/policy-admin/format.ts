const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** 「2026-12-03 14:05」 (Asia/Shanghai) for an instant; '' for a bad one. */
export function policyTime(iso: string | null | undefined): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return '';
  const s = new Date(t + SHANGHAI_OFFSET_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}
