import { useEffect, useState } from 'react';
import type { StaffItem } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { butlerAdminApi } from '@/services/butler-admin.api';

/** The most pages of 100 read for a picker: 500 active staff, far above a city's (and a page per picker). */
const MAX_PAGES = 5;

/**
 * Who can serve an enterprise (or take over a butler's work): the active butlers and supervisors, by username,
 * for a picker. Loaded once when `enabled` turns true; `error` when that failed (the picker says so).
 */
export function useButlerOptions(enabled: boolean) {
  const [options, setOptions] = useState<StaffItem[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setLoading(true);
    setError(null);
    void (async () => {
      try {
        const all: StaffItem[] = [];
        let cursor: string | null = null;
        for (let i = 0; i < MAX_PAGES; i++) {
          const page = await butlerAdminApi.staff({ active: true }, cursor, 100);
          all.push(...page.items.filter((s) => s.role === Role.BUTLER || s.role === Role.SUPERVISOR));
          cursor = page.nextCursor;
          if (!cursor) break;
        }
        if (live) setOptions(all);
      } catch (e) {
        if (live) setError(e as Error);
      } finally {
        if (live) setLoading(false);
      }
    })();
    return () => {
      live = false;
    };
  }, [enabled, attempt]);

  return { options, loading, error, retry: () => setAttempt((n) => n + 1) };
}

/** 「李管家（营商中心）」. */
export function butlerLabel(s: Pick<StaffItem, 'name' | 'department'>): string {
  return s.department ? `${s.name}（${s.department.name}）` : s.name;
}
