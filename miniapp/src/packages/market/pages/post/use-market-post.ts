import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import type { ContactRequestStatus, MarketPostDetail } from '@qsgj/shared/contracts';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { ApiError } from '@/services/http';
import { marketApi } from '@/services/market.api';
import { isStaff, sessionStore } from '@/stores/session';
import { openPage, PAGES, toast } from '@/utils/routes';
import { loginTo } from '@/packages/market/components/use-publish-gate';
import {
  MARKET_MESSAGE_MAX,
  MARKET_REASON_MAX,
  MARKET_VALID_DAYS_DEFAULT,
  param,
  postPath,
  requestPath,
  textLength,
} from '@/packages/market/components/words';

/** Not there for this reader: unknown, or off the board and not theirs (404), or not an id (400). */
export function isNotFound(error: Error | null): boolean {
  return error instanceof ApiError && (error.statusCode === 404 || error.statusCode === 400);
}

/** The form open below the post: 我要对接, 举报, 关闭 (confirm) or 续期. */
export type PostForm = 'contact' | 'report' | 'close' | 'renew' | null;

function checkText(text: string, max: number, missing: string, what: string): string | undefined {
  const t = text.trim();
  if (!t) return missing;
  if (textLength(t) > max) return `${what}不能超过 ${max} 个字`;
  return undefined;
}

/**
 * 供需详情 (`?id=`): the post (one request on a cold open), then its suggested matches. Others ask for contact
 * (我要对接: a repeat answers the same request) or report it; its managers edit, close and renew it.
 */
export function useMarketPost() {
  const { params } = useRouter();
  const id = param(params?.id);
  const session = useStore(sessionStore);
  const staff = isStaff(session);
  const request = useRequest(() => marketApi.post(id), [id, session?.user.id], { enabled: !!id, refreshOnShow: true });
  const loaded: MarketPostDetail | undefined = request.data && request.data.id === id ? request.data : undefined;
  // What a write answered, until the next read (close and renew answer the post; 对接 the request).
  const [changed, setChanged] = useState<MarketPostDetail>();
  const [sent, setSent] = useState<{ id: string; status: ContactRequestStatus }>();
  const post = changed && loaded && changed.id === loaded.id ? { ...loaded, ...changed } : loaded;
  const myRequest = post?.myRequest ?? sent ?? null;
  const matches = useRequest(() => marketApi.matches(id), [id], { enabled: !!loaded });

  const [form, setForm] = useState<PostForm>(null);
  const [message, setMessage] = useState('');
  const [reason, setReason] = useState('');
  const [days, setDays] = useState(MARKET_VALID_DAYS_DEFAULT);
  const [fieldError, setFieldError] = useState<string>();
  const [unbound, setUnbound] = useState(false);
  const [reported, setReported] = useState(false);
  const action = useAction();

  usePullDownRefresh(() => {
    if (!id) return void Taro.stopPullDownRefresh();
    void Promise.all([request.reload(), loaded ? matches.reload() : undefined]).finally(() =>
      Taro.stopPullDownRefresh(),
    );
  });

  useShareAppMessage(() => ({
    title: post ? `【${post.kind === 'supply' ? '供应' : '需求'}】${post.title}` : '企业商圈',
    path: postPath(id),
  }));

  const open = (next: PostForm) => {
    if ((next === 'contact' || next === 'report') && !session) {
      toast('登录后即可操作');
      void openPage(loginTo(postPath(id))).catch(() => undefined);
      return;
    }
    setFieldError(undefined);
    action.setError(undefined);
    setForm(next);
  };

  /** The server's refusal: at its field when it names one, else above the buttons. */
  const refused = (e: Error, field: string) => {
    if (e instanceof ApiError && e.code === 'ENTERPRISE_NOT_BOUND') setUnbound(true);
    const at = e instanceof ApiError ? e.fieldMessage(field) : undefined;
    if (at) {
      setFieldError(at);
      return undefined;
    }
    return e.message;
  };

  const sendContact = async () => {
    const error = checkText(message, MARKET_MESSAGE_MAX, '请写下您想对接的内容', '留言');
    if (error) return setFieldError(error);
    setFieldError(undefined);
    const created = await action.run(
      () => marketApi.requestContact(id, { message: message.trim() }),
      (e) => refused(e, 'message'),
    );
    if (!created) return;
    setSent({ id: created.id, status: created.status });
    setForm(null);
    setMessage('');
    toast('对接申请已发送', 'success');
  };

  const sendReport = async () => {
    const error = checkText(reason, MARKET_REASON_MAX, '请填写举报理由', '举报理由');
    if (error) return setFieldError(error);
    setFieldError(undefined);
    const receipt = await action.run(
      () => marketApi.report(id, { reason: reason.trim() }),
      (e) => refused(e, 'reason'),
    );
    if (!receipt) return;
    setReported(true);
    setForm(null);
    setReason('');
    toast('举报已提交，工作人员会尽快核实', 'success');
  };

  const close = async () => {
    const next = await action.run(() => marketApi.close(id));
    if (!next) return;
    setChanged(next);
    setForm(null);
    toast('已关闭，不再在商圈展示', 'success');
  };

  const renew = async () => {
    const next = await action.run(
      () => marketApi.renew(id, { validDays: days }),
      (e) => refused(e, 'validDays'),
    );
    if (!next) return;
    setChanged(next);
    setForm(null);
    toast(`已续期 ${days} 天`, 'success');
  };

  return {
    id,
    post,
    loading: request.loading,
    error: request.error,
    notFound: !id || isNotFound(request.error),
    reload: request.reload,
    matches,
    signedIn: !!session,
    staff,
    myRequest,
    reported,
    unbound,
    form,
    open,
    cancel: () => setForm(null),
    message,
    setMessage: (v: string) => {
      setMessage(v);
      setFieldError(undefined);
    },
    reason,
    setReason: (v: string) => {
      setReason(v);
      setFieldError(undefined);
    },
    days,
    setDays,
    fieldError,
    formError: action.error,
    busy: action.busy,
    sendContact: () => void sendContact(),
    sendReport: () => void sendReport(),
    close: () => void close(),
    renew: () => void renew(),
    edit: () => void openPage(`${PAGES.marketEdit}?id=${encodeURIComponent(id)}`).catch(() => undefined),
    openRequest: (requestId: string) => void openPage(requestPath(requestId)).catch(() => undefined),
    bind: () => void openPage(PAGES.bind).catch(() => undefined),
    board: () => void openPage(PAGES.market).catch(() => undefined),
  };
}

export type MarketPostView = ReturnType<typeof useMarketPost>;
