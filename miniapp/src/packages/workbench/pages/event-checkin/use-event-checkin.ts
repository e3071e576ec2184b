import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type {
  CheckinDto,
  CheckinResult,
  EventAttendance,
  EventCard,
  RegistrationStatus,
  StaffRegistrationItem,
  StaffRegistrationPage,
} from '@qsgj/shared/contracts';
import type { CaseType } from '@qsgj/shared/enums';
import { useAction } from '@/hooks/use-action';
import { usePagedList } from '@/hooks/use-paged-list';
import { useRequest } from '@/hooks/use-request';
import { casesApi } from '@/services/cases.api';
import { staffEventsApi } from '@/services/events.api';
import { openPage, PAGES, toast } from '@/utils/routes';
import { EVENT_LIMITS, useEventStaff } from '@/packages/workbench/components/event-admin';

export type RegistrationFilter = RegistrationStatus | 'all';

export const REGISTRATION_FILTERS: ReadonlyArray<{ key: RegistrationFilter; label: string }> = [
  { key: 'all', label: '全部' },
  { key: 'confirmed', label: '报名成功' },
  { key: 'waitlisted', label: '候补中' },
  { key: 'cancelled', label: '已取消' },
];

/** The types a 接待日 topic may become (咨询 / 投诉 / 诉求反映; the server's default is 诉求反映). */
export const CASE_TYPES: ReadonlyArray<Extract<CaseType, 'consult' | 'complaint' | 'appeal'>> = [
  'appeal',
  'consult',
  'complaint',
];

/** The last check-in on this page: who, and whether it was new; or the refusal in the server's words. */
export type CheckinOutcome =
  { kind: 'done'; result: CheckinResult; by: 'code' | 'list' } | { kind: 'refused'; message: string };

/** The 转为诉求 form of one registration. */
export interface CaseDraft {
  registrationId: string;
  type: (typeof CASE_TYPES)[number];
  /** '' : the enterprise's butler's department (the server's default). */
  departmentId: string;
}

/** A registration's case as this page knows it: the number once it was made here. */
export interface MadeCase {
  caseId: string;
  caseNumber: string | null;
}

const cancelled = (e: unknown) => /cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? ''));

/**
 * 活动签到 (`?id=` an event): its registrations (keyset paged, phones masked) with the attendance the same answer
 * carries (the page's one request), by status. Check-in by a scanned code (WeChat: `scanCode` from the camera), a
 * typed or scanner-gun code (H5), or a tick on a confirmed row; the answer's attendance replaces the counts and the
 * row is marked. 企业接待日: a registration's topic becomes a case (`reception_day`), its number shown.
 */
export function useEventCheckin() {
  const { staff } = useEventStaff();
  const { params } = useRouter();
  const eventId = params.id || '';
  const [status, setStatus] = useState<RegistrationFilter>('all');
  const [event, setEvent] = useState<EventCard>();
  const [attendance, setAttendance] = useState<EventAttendance>();
  const list = usePagedList<StaffRegistrationItem, StaffRegistrationPage>(
    (cursor) => staffEventsApi.registrations(eventId, { status, cursor: cursor ?? undefined }),
    [eventId, status],
    {
      key: (r) => r.id,
      enabled: staff && !!eventId,
      refreshOnShow: true,
      onPage: (page) => {
        setEvent(page.event);
        setAttendance(page.attendance);
      },
    },
  );

  const [code, setCode] = useState('');
  const [outcome, setOutcome] = useState<CheckinOutcome>();
  const [ticking, setTicking] = useState<string>();
  const checking = useAction();

  /** One check-in; the outcome shown either way (a refusal in the server's Chinese). */
  const checkIn = async (body: CheckinDto): Promise<boolean> => {
    try {
      const result = await staffEventsApi.checkIn(eventId, body);
      setAttendance(result.attendance);
      list.update((rows) =>
        rows.map((r) => (r.id === result.registrationId ? { ...r, checkedInAt: result.checkedInAt } : r)),
      );
      setOutcome({ kind: 'done', result, by: body.code === undefined ? 'list' : 'code' });
      return true;
    } catch (e) {
      setOutcome({ kind: 'refused', message: (e as Error).message });
      return false;
    }
  };

  const scan = () =>
    void checking.run(async () => {
      let scanned: string;
      try {
        const answer = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
        scanned = String(answer.result ?? '').trim();
      } catch (e) {
        if (cancelled(e)) return; // the user closed the camera: nothing to say
        setOutcome({ kind: 'refused', message: '未能打开扫码，请重试，或在下方名单中勾选签到' });
        return;
      }
      if (!scanned) {
        setOutcome({ kind: 'refused', message: '没有识别到签到码，请重新扫描' });
        return;
      }
      await checkIn({ code: scanned });
    });

  const submitCode = () =>
    void checking.run(async () => {
      const typed = code.trim();
      if (!typed) {
        setOutcome({ kind: 'refused', message: '请扫描或输入签到码' });
        return;
      }
      if (await checkIn({ code: typed })) setCode('');
    });

  const tick = (registrationId: string) =>
    void checking.run(async () => {
      setTicking(registrationId);
      try {
        const ok = await checkIn({ registrationId });
        toast(ok ? '签到成功' : '签到未成功，原因见页面上方', ok ? 'success' : 'none');
      } finally {
        setTicking(undefined);
      }
    });

  // 企业接待日 → 诉求
  const [draft, setDraft] = useState<CaseDraft>();
  const [made, setMade] = useState<Record<string, MadeCase>>({});
  const [caseError, setCaseError] = useState<string>();
  const options = useRequest(() => casesApi.options(), [], { enabled: !!draft });
  const converting = useAction();

  const openCase = (registrationId: string) => {
    setCaseError(undefined);
    setDraft({ registrationId, type: 'appeal', departmentId: '' });
  };

  const toCase = () =>
    void converting.run(async () => {
      if (!draft) return;
      setCaseError(undefined);
      try {
        const answer = await staffEventsApi.toCase(eventId, draft.registrationId, {
          type: draft.type,
          ...(draft.departmentId ? { departmentId: draft.departmentId } : {}),
        });
        setMade((m) => ({ ...m, [answer.registrationId]: { caseId: answer.caseId, caseNumber: answer.caseNumber } }));
        list.update((rows) => rows.map((r) => (r.id === answer.registrationId ? { ...r, caseId: answer.caseId } : r)));
        setDraft(undefined);
        toast(answer.created ? '已转为诉求' : '该报名此前已转为诉求', answer.created ? 'success' : 'none');
      } catch (e) {
        setCaseError((e as Error).message);
      }
    });

  return {
    staff,
    eventId,
    event,
    attendance,
    list,
    status,
    setStatus,
    code,
    setCode: (v: string) => setCode(v.slice(0, EVENT_LIMITS.checkinCode)),
    outcome,
    scan,
    submitCode,
    tick,
    ticking,
    checking: checking.busy,
    draft,
    setDraft: (patch: Partial<CaseDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d)),
    openCase,
    closeCase: () => setDraft(undefined),
    departments: options.data?.departments,
    toCase,
    converting: converting.busy,
    caseError,
    made,
    viewCase: (caseId: string) => void openPage(`${PAGES.staffCase}?id=${encodeURIComponent(caseId)}`),
  };
}
