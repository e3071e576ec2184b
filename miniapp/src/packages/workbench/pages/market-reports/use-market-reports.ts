import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { MarketPostCard, MarketReportItem } from '@qsgj/shared/contracts';
import { MARKET_QUERY_MAX } from '@qsgj/shared/rules';
import { useAction } from '@/hooks/use-action';
import { usePagedList } from '@/hooks/use-paged-list';
import { useStore } from '@/hooks/use-store';
import { ApiError } from '@/services/http';
import { marketApi, staffMarketApi } from '@/services/market.api';
import { isStaff, sessionStore } from '@/stores/session';
import { openPage, PAGES, toast } from '@/utils/routes';

export type MarketTab = 'reports' | 'patrol';
export type ReportFilter = 'open' | 'decided' | 'all';

export const REPORT_FILTERS: ReadonlyArray<{ key: ReportFilter; label: string }> = [
  { key: 'open', label: '待处理' },
  { key: 'decided', label: '已处理' },
  { key: 'all', label: '全部' },
];

/** The server refused the staff member (a butler: 403): the page says so instead of a retry. */
export function isRefused(e: Error | null): boolean {
  return e instanceof ApiError && e.statusCode === 403;
}

/** Trimmed, not blank (the server's rule for a note or a reason). */
const blank = (text: string) => !text.trim();

/**
 * 商圈管理 (supervisors and admins; the server answers anyone else 403, shown as it is): the tab shown. Anyone not
 * signed in as staff goes to the staff sign-in.
 */
export function useMarketStaff() {
  const session = useStore(sessionStore);
  const staff = isStaff(session);
  useDidShow(() => {
    if (!isStaff(sessionStore.get())) void Taro.redirectTo({ url: PAGES.staffLogin });
  });
  const [tab, setTab] = useState<MarketTab>('reports');
  return {
    staff,
    tab,
    setTab,
    back: () => void Taro.reLaunch({ url: PAGES.workbench }),
  };
}

/** 举报处理: reports by status (`GET /staff/market/reports`), the oldest first; loads again when shown again. */
export function useReports() {
  const staff = isStaff(useStore(sessionStore));
  const [status, setStatus] = useState<ReportFilter>('open');
  const list = usePagedList<MarketReportItem>(
    (cursor) => staffMarketApi.reports({ status, cursor: cursor ?? undefined }),
    [status],
    { key: (r) => r.id, enabled: staff, refreshOnShow: true },
  );
  return {
    status,
    setStatus,
    list,
    refused: isRefused(list.error),
    /** A decided report replaces its row (it stays in view with its result until the list loads again). */
    decided: (r: MarketReportItem) => list.update((rows) => rows.map((x) => (x.id === r.id ? r : x))),
    open: (postId: string) => void openPage(`${PAGES.marketPost}?id=${encodeURIComponent(postId)}`),
  };
}

/**
 * One report's decision: a note (required), 下架 or 驳回, asked to confirm, then
 * `POST /staff/market/reports/:id/decision` (idempotent). The server's refusal is shown at the note or the row.
 */
export function useDecision(report: MarketReportItem, onDecided: (r: MarketReportItem) => void) {
  const [note, setNoteText] = useState('');
  const [noteError, setNoteError] = useState<string>();
  const [confirm, setConfirm] = useState<boolean | null>(null);
  const action = useAction();

  const ask = (takeDown: boolean) => {
    action.setError(undefined);
    if (blank(note)) {
      setNoteError('请填写处理意见');
      return;
    }
    setConfirm(takeDown);
  };

  const decide = () =>
    void action.run(
      async () => {
        if (confirm === null) return;
        const answer = await staffMarketApi.decide(report.id, { takeDown: confirm, note: note.trim() });
        setConfirm(null);
        onDecided(answer);
        toast(confirm ? '已下架' : '已驳回', 'success');
      },
      (e) => {
        setConfirm(null);
        const field = e instanceof ApiError ? e.fieldMessage('note') : undefined;
        if (field) setNoteError(field);
        return field ? undefined : e.message;
      },
    );

  return {
    note,
    setNote: (v: string) => {
      setNoteText(v);
      setNoteError(undefined);
      setConfirm(null);
    },
    noteError,
    confirm,
    ask,
    cancel: () => setConfirm(null),
    decide,
    busy: action.busy,
    error: action.error,
  };
}

/** 供需巡查: the board as everyone sees it (`GET /market/posts?q=`), searched on confirm. */
export function usePatrol() {
  const staff = isStaff(useStore(sessionStore));
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  /** Posts taken down here, with the reason (the board no longer lists them once it loads again). */
  const [down, setDown] = useState<Record<string, string>>({});
  const list = usePagedList<MarketPostCard>(
    (cursor) => marketApi.posts({ q: q || undefined, cursor: cursor ?? undefined }),
    [q],
    { key: (p) => p.id, enabled: staff },
  );
  return {
    text,
    setText,
    q,
    search: (value?: string) => setQ((value ?? text).trim().slice(0, MARKET_QUERY_MAX)),
    clear: () => {
      setText('');
      setQ('');
    },
    list,
    down,
    takenDown: (id: string, reason: string) => setDown((d) => ({ ...d, [id]: reason })),
    open: (postId: string) => void openPage(`${PAGES.marketPost}?id=${encodeURIComponent(postId)}`),
  };
}

/** One post's take-down from the patrol: a reason (required), confirmed, `POST /staff/market/posts/:id/takedown`. */
export function useTakedown(post: MarketPostCard, onDone: (id: string, reason: string) => void) {
  const [open, setOpen] = useState(false);
  const [reason, setReasonText] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const action = useAction();

  const submit = () =>
    void action.run(
      async () => {
        if (blank(reason)) {
          setReasonError('请填写下架理由');
          return;
        }
        await staffMarketApi.takedown(post.id, { reason: reason.trim() });
        setOpen(false);
        onDone(post.id, reason.trim());
        toast('已下架', 'success');
      },
      (e) => {
        const field = e instanceof ApiError ? e.fieldMessage('reason') : undefined;
        if (field) setReasonError(field);
        return field ? undefined : e.message;
      },
    );

  return {
    open,
    start: () => {
      action.setError(undefined);
      setOpen(true);
    },
    cancel: () => setOpen(false),
    reason,
    setReason: (v: string) => {
      setReasonText(v);
      setReasonError(undefined);
    },
    reasonError,
    submit,
    busy: action.busy,
    error: action.error,
  };
}
