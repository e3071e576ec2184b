import type { PublicStatsResponse } from '@qsgj/shared/contracts';
import { useRequest } from '@/hooks/use-request';
import { statsApi } from '@/services/cases.api';

/** 服务公开: the city's and each department's figures (no sign-in; the server keeps them for 30 s). */
export function usePublicStats() {
  const stats = useRequest<PublicStatsResponse>(() => statsApi.public(), [], { refreshOnShow: true });
  const data = stats.data;
  const empty = !!data && data.city.received === 0 && data.departments.length === 0;
  return { stats, data, empty };
}

/** A rate (0..1, null when nothing was rated) as 「92.6%」 or 「—」. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** 「14:05」 in Asia/Shanghai. */
export function shanghaiTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : new Date(ms + 8 * 3_600_000).toISOString().slice(11, 16);
}
