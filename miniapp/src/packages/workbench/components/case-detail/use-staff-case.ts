import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseDetail, CaseDetailStaff, CaseOptionsResponse, CaseTransitionDto } from '@qsgj/shared/contracts';
import { CASE_ACTION_LABEL, type CaseAction, isBadRating, Role } from '@qsgj/shared/enums';
import type { CasePayloadField } from '@qsgj/shared/rules';
import { useImageUploads } from '@/components/image-picker';
import {
  imagesNotReady,
  markRefusedImages,
  MESSAGE_IMAGES_MAX,
  messageImages,
} from '@/components/case-messages/message-images';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { casesApi } from '@/services/cases.api';
import { ApiError } from '@/services/http';
import { isStaff, sessionStore } from '@/stores/session';
import { toast } from '@/utils/routes';
import type { FieldErrors } from '@/packages/workbench/components/action-form/fields';

/** What the workbench says for a case that is not there, or not in the viewer's scope (the server answers 404). */
export const CASE_MISSING = '诉求不存在或无权查看';

/** Transfer targets and assignable staff change rarely: one answer for the session's pages. */
let optionsOnce: Promise<CaseOptionsResponse> | null = null;
function loadOptions(): Promise<CaseOptionsResponse> {
  optionsOnce ??= casesApi.options().catch((e: unknown) => {
    optionsOnce = null;
    throw e;
  });
  return optionsOnce;
}

const isStaffDetail = (d: CaseDetail | CaseDetailStaff): d is CaseDetailStaff =>
  !!d && typeof d === 'object' && Array.isArray((d as CaseDetailStaff).notes);

/**
 * One case in the workbench: the staff view (`GET /cases/:id`), and every write on it — a transition, a reply, an
 * internal note, an appeal of the rating and its decision (申诉复核). Each write answers the case as the viewer sees it, and the answer replaces
 * what is shown; a 409 (someone changed the case meanwhile) shows the server's Chinese message and loads it again.
 * `onChange` hears every new version (the desktop queue updates its row).
 */
export function useStaffCase(id: string | undefined, onChange?: (detail: CaseDetailStaff) => void) {
  const session = useStore(sessionStore);
  const staff = isStaff(session);
  const req = useRequest(() => casesApi.detailStaff(id!), [id], { enabled: !!id && staff });
  // The last write's answer, valid until the next load replaces the one it was made on.
  const [answer, setAnswer] = useState<{ base: CaseDetailStaff | undefined; value: CaseDetailStaff }>();
  const detail = answer && answer.base === req.data ? answer.value : req.data;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [notice, setNotice] = useState<string>();
  // Every loaded version too, not only a write's answer: the page's 「发布为常见问题」 needs a case opened resolved.
  useEffect(() => {
    if (req.data) onChangeRef.current?.(req.data);
  }, [req.data]);

  const replace = useCallback(
    (d: CaseDetailStaff) => {
      setAnswer({ base: req.data, value: d });
      onChangeRef.current?.(d);
    },
    [req.data],
  );

  const reload = useCallback(async () => {
    setNotice(undefined);
    await req.reload();
  }, [req.reload]);

  usePullDownRefresh(() => {
    if (!id) return void Taro.stopPullDownRefresh();
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  /**
   * A write refused because the case is no longer what the viewer saw (409), or no longer theirs to see (404):
   * the message stays on screen and the case is loaded again. Other errors go back to the form.
   */
  const stale = (e: Error): boolean => {
    if (!(e instanceof ApiError) || (e.statusCode !== 409 && e.statusCode !== 404)) return false;
    setNotice(e.statusCode === 404 ? CASE_MISSING : e.message);
    void req.reload();
    return true;
  };

  // ---------------------------------------------------------------- transitions
  const [acting, setActing] = useState<CaseAction | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const transition = useAction();
  const [optionsWanted, setOptionsWanted] = useState(false);
  const options = useRequest(loadOptions, [], { enabled: optionsWanted });

  const startAction = (action: CaseAction) => {
    setActing(action);
    setFieldErrors({});
    transition.setError(undefined);
    if (action === 'transfer' || action === 'assign') setOptionsWanted(true);
  };
  const cancelAction = () => {
    setActing(null);
    transition.setError(undefined);
  };

  const submitAction = (dto: CaseTransitionDto) => {
    if (!id) return;
    setFieldErrors({});
    void transition.run(
      async () => {
        const d = await casesApi.transition(id, dto);
        replace(d);
        setActing(null);
        setNotice(undefined);
        toast(`已${CASE_ACTION_LABEL[dto.action]}`, 'success');
      },
      (e) => {
        if (stale(e)) {
          setActing(null);
          return undefined;
        }
        if (e instanceof ApiError && Array.isArray(e.details) && e.details.length > 0) {
          const byField: FieldErrors = {};
          for (const d of e.details) byField[d.field as CasePayloadField] ??= d.message;
          setFieldErrors(byField);
        }
        return e.message;
      },
    );
  };

  // ---------------------------------------------------------------- reply and internal note
  const [reply, setReply] = useState('');
  const replyImages = useImageUploads([], MESSAGE_IMAGES_MAX);
  const [replyImagesError, setReplyImagesError] = useState<string>();
  const replying = useAction();
  /** A reply with its images: the text and images stay until the server took them; a refused image is marked. */
  const sendReply = () => {
    const content = reply.trim();
    if (!id || replying.busy || replyImages.uploading) return;
    if (!content) return void replying.setError('请输入留言内容');
    const notReady = imagesNotReady(replyImages);
    if (notReady) return void setReplyImagesError(notReady);
    setReplyImagesError(undefined);
    void replying.run(
      async () => {
        const d = await casesApi.message(id, { content, ...messageImages(replyImages) });
        setReply('');
        replyImages.reset();
        if (isStaffDetail(d)) replace(d);
        else await req.reload();
        toast('已发送', 'success');
      },
      (e) => {
        if (stale(e)) return undefined;
        const refused = markRefusedImages(e, replyImages);
        setReplyImagesError(refused);
        return refused ? undefined : e.message;
      },
    );
  };

  const [note, setNote] = useState('');
  const noting = useAction();
  const addNote = () => {
    const content = note.trim();
    if (!id) return;
    if (!content) return void noting.setError('请输入备注内容');
    void noting.run(
      async () => {
        replace(await casesApi.note(id, content));
        setNote('');
        toast('已添加备注', 'success');
      },
      (e) => (stale(e) ? undefined : e.message),
    );
  };

  // ---------------------------------------------------------------- 申诉复核 of the rating
  const [appealOpen, setAppealOpen] = useState(false);
  const [appealReason, setAppealReason] = useState('');
  const appealing = useAction();
  const me = session?.user;
  /**
   * The rated butler (the case's butler when it was rated: a resolved or closed case cannot be reassigned), once:
   * the appeal then comes back with the case (`detail.appeal`).
   */
  const canAppeal =
    !!detail?.rating &&
    !detail.rating.voided &&
    isBadRating(detail.rating.level) &&
    !!me &&
    detail.butler?.id === me.id &&
    !detail.appeal;
  const sendAppeal = () => {
    const reason = appealReason.trim();
    if (!id) return;
    if (!reason) return void appealing.setError('请填写申诉理由');
    void appealing.run(
      async () => {
        await casesApi.appeal(id, reason);
        setAppealOpen(false);
        setAppealReason('');
        toast('已提交申诉', 'success');
        await req.reload();
      },
      (e) => e.message,
    );
  };

  /** The lead's decision (`detail.appeal.canDecide`): uphold or void the rating, with a reason; then the case again. */
  const [decisionReason, setDecisionReason] = useState('');
  const deciding = useAction();
  const decideAppeal = (uphold: boolean) => {
    const appeal = detail?.appeal;
    const reason = decisionReason.trim();
    if (!appeal) return;
    if (!reason) return void deciding.setError('请填写复核理由');
    void deciding.run(
      async () => {
        await casesApi.decideAppeal(appeal.id, { uphold, reason });
        setDecisionReason('');
        toast(uphold ? '已维持原评价' : '已撤销该评价', 'success');
        await req.reload();
      },
      // Decided meanwhile (409): the message stays on screen and the case is loaded again.
      (e) => (e instanceof ApiError && e.statusCode === 409 && stale(e) ? undefined : e.message),
    );
  };

  /** A butler assigns only to themself (认领); a supervisor or an admin picks anyone of the department. */
  const self = me && me.role === Role.BUTLER ? { id: me.id, name: me.displayName } : null;

  return {
    req,
    detail,
    notice,
    reload,
    /** Not there, not in the viewer's scope, or the viewer is not staff: 「诉求不存在或无权查看」. */
    missing: !staff || (req.error instanceof ApiError && req.error.statusCode === 404),
    actions: {
      acting,
      start: startAction,
      cancel: cancelAction,
      submit: submitAction,
      busy: transition.busy,
      error: transition.error,
      fieldErrors,
      options,
      self,
    },
    reply: {
      value: reply,
      set: setReply,
      send: sendReply,
      busy: replying.busy,
      error: replying.error,
      images: replyImages,
      imagesError: replyImagesError,
    },
    note: { value: note, set: setNote, add: addNote, busy: noting.busy, error: noting.error },
    appeal: {
      can: canAppeal,
      open: appealOpen,
      setOpen: setAppealOpen,
      reason: appealReason,
      setReason: setAppealReason,
      send: sendAppeal,
      busy: appealing.busy,
      error: appealing.error,
    },
    decision: {
      reason: decisionReason,
      setReason: setDecisionReason,
      decide: decideAppeal,
      busy: deciding.busy,
      error: deciding.error,
    },
  };
}

export type StaffCase = ReturnType<typeof useStaffCase>;
