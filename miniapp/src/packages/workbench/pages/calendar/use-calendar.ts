import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { CalendarYearDto, CalendarYearResponse } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { shanghaiDay } from '@qsgj/shared/rules';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { calendarApi } from '@/services/cases.api';
import { ApiError } from '@/services/http';
import { isStaff, sessionStore } from '@/stores/session';
import { PAGES, toast } from '@/utils/routes';
import { isWeekend } from './month-grid';

export type EditMode = 'holiday' | 'workday';

/**
 * 工作日历 (admins): this year, then next; each day of a month toggled as 放假 or 调休上班; saved
 * with PUT, whose refusal (the server checks the year with `validateCalendarYear`) is shown as it says. Warns
 * while next year has no official data: deadlines running into it count weekends only.
 */
export function useCalendar() {
  const session = useStore(sessionStore);
  const admin = isStaff(session) && session?.user.role === Role.ADMIN;
  const [today] = useState(() => shanghaiDay(new Date()));
  const thisYear = Number(today.slice(0, 4));
  const years = [thisYear, thisYear + 1];
  // This year first (the page shows it); next year right after, so the page opens on one request of its own.
  const current = useRequest(() => calendarApi.get(thisYear), [thisYear], { enabled: admin });
  const following = useRequest(() => calendarApi.get(thisYear + 1), [thisYear], { enabled: admin && !!current.data });
  const loaded = {
    data: current.data ? [current.data, ...(following.data ? [following.data] : [])] : undefined,
    loading: current.loading,
    error: current.error ?? following.error,
    reload: () => (current.error ? current.reload() : following.reload()),
  };
  const [saved, setSaved] = useState<Record<number, CalendarYearResponse>>({});
  const [drafts, setDrafts] = useState<Record<number, CalendarYearDto>>({});
  const [year, setYearState] = useState(thisYear);
  const [month, setMonth] = useState(Number(today.slice(5, 7)));
  const [mode, setMode] = useState<EditMode>('holiday');
  const [notice, setNotice] = useState<string>();
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const saving = useAction();

  useDidShow(() => {
    if (!isStaff(sessionStore.get())) void Taro.redirectTo({ url: PAGES.staffLogin });
  });

  const entryOf = (y: number) => saved[y] ?? loaded.data?.find((e) => e.year === y);
  const entry = entryOf(year);
  const draft: CalendarYearDto | undefined =
    drafts[year] ?? (entry ? { holidays: entry.holidays, workdays: entry.workdays } : undefined);
  const next = entryOf(thisYear + 1);

  const clearMessages = () => {
    setNotice(undefined);
    setConfirmEmpty(false);
    setProblems([]);
    saving.setError(undefined);
  };

  const setYear = (y: number) => {
    setYearState(y);
    setMonth(y === thisYear ? Number(today.slice(5, 7)) : 1);
    clearMessages();
  };

  const moveMonth = (delta: number) => setMonth((m) => Math.min(12, Math.max(1, m + delta)));

  const toggle = (day: string) => {
    if (!draft) return;
    clearMessages();
    if (mode === 'workday' && !isWeekend(day)) {
      setNotice('调休上班日应为周六或周日（周一至周五本来就上班）');
      return;
    }
    const holidays = new Set(draft.holidays);
    const workdays = new Set(draft.workdays);
    const [mine, other] = mode === 'holiday' ? [holidays, workdays] : [workdays, holidays];
    if (mine.has(day)) mine.delete(day);
    else {
      mine.add(day);
      other.delete(day);
    }
    setDrafts((d) => ({ ...d, [year]: { holidays: [...holidays].sort(), workdays: [...workdays].sort() } }));
  };

  const reset = () => {
    setDrafts((d) => {
      const rest = { ...d };
      delete rest[year];
      return rest;
    });
    clearMessages();
  };

  const save = () => {
    const body = drafts[year];
    if (!body) return;
    // Saving marks the year official: an empty year by mistake would hide the warning and drop every holiday.
    if (!body.holidays.length && !confirmEmpty) {
      setConfirmEmpty(true);
      return;
    }
    setConfirmEmpty(false);
    setProblems([]);
    void saving.run(
      async () => {
        const answer = await calendarApi.put(year, body);
        setSaved((s) => ({ ...s, [year]: answer }));
        setDrafts((d) => {
          const rest = { ...d };
          delete rest[year];
          return rest;
        });
        toast(`${year} 年工作日历已保存`, 'success');
      },
      (e) => {
        if (e instanceof ApiError && Array.isArray(e.details)) setProblems(e.details.map((d) => d.message));
        return e.message;
      },
    );
  };

  return {
    admin,
    loaded,
    years,
    thisYear,
    year,
    setYear,
    month,
    moveMonth,
    entry,
    draft,
    dirty: !!drafts[year],
    nextYearMissing: !!next && !next.official,
    nextYear: thisYear + 1,
    mode,
    setMode: (m: EditMode) => {
      setMode(m);
      clearMessages();
    },
    toggle,
    notice,
    reset,
    save,
    confirmEmpty,
    saving: saving.busy,
    saveError: saving.error,
    problems,
  };
}
