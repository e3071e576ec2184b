import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { CaseDetail, CaseFollowUpItem } from '@qsgj/shared/contracts';
import { CaseAction, type FollowUpRating } from '@qsgj/shared/enums';
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

let clock = 0;

/** What staff last asked the enterprise to supply (the newest 要求补充材料's reason). */
export function lastInfoRequest(c: CaseDetail): string | null {
  const asked = c.timeline.filter((e) => e.action === CaseAction.REQUEST_INFO).sort((a, b) => b.seq - a.seq)[0];
  return asked?.reason ?? null;
}

/** The case could not be found or is not this user's (404; 400 for an id that is not one). */
export function isNotFound(error: Error | null): boolean {
  return error instanceof ApiError && (error.statusCode === 404 || error.statusCode === 400);
}

/**
 * 诉求详情: one request (`GET /cases/:id`), again when the page is shown again (back from 评价); every write answers
 * the case in the enterprise's view and the page shows that answer at once — a reply, 补充材料, the follow-up's rating.
 */
export function useCaseDetail() {
  const { params } = useRouter();
  const id = params?.id ?? '';
  const session = useStore(sessionStore);
  const enterprise = !!session && !isStaff(session);
  // Every read and write is numbered when it starts: what the page shows is the newest of the last read and the
  // last write's answer (a read that started before a reply was sent does not hide the reply).
  const request = useRequest(
    () => {
      const at = ++clock;
      return casesApi.detail(id).then((c) => ({ c, at }));
    },
    [id, session?.user.id],
    { enabled: enterprise && !!id, refreshOnShow: true },
  );
  const [written, setWritten] = useState<{ c: CaseDetail; at: number }>();
  const loaded = request.data && request.data.c.id === id ? request.data : undefined;
  const newest = written && written.c.id === id && (!loaded || written.at > loaded.at) ? written : loaded;
  const detail = newest?.c;
  const wrote = (c: CaseDetail, at: number) => setWritten({ c, at });

  // The case's images download (wx.downloadFile, with the sign-in) once the case is on screen: the page's first render
  // waits for one request only, the case itself.
  const [imagesReady, setImagesReady] = useState(false);
  const shown = !!detail;
  useEffect(() => {
    if (!shown || imagesReady) return undefined;
    const timer = setTimeout(() => setImagesReady(true), 0);
    return () => clearTimeout(timer);
  }, [shown, imagesReady]);

  usePullDownRefresh(() => {
    if (!enterprise || !id) return void Taro.stopPullDownRefresh();
    void request.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const [reply, setReply] = useState('');
  const [supplement, setSupplement] = useState('');
  const replyImages = useImageUploads([], MESSAGE_IMAGES_MAX);
  const supplementImages = useImageUploads([], MESSAGE_IMAGES_MAX);
  const [replyImagesError, setReplyImagesError] = useState<string>();
  const [supplementImagesError, setSupplementImagesError] = useState<string>();
  const sending = useAction();
  const supplying = useAction();
  const ratingFix = useAction();

  /** 留言, with its images: the text stays until the server took it; a refused image is marked on its tile. */
  const sendReply = async () => {
    if (sending.busy || replyImages.uploading) return;
    const text = reply.trim();
    if (!text) return sending.setError('请输入留言内容');
    const notReady = imagesNotReady(replyImages);
    if (notReady) return setReplyImagesError(notReady);
    setReplyImagesError(undefined);
    const at = ++clock;
    const answer = await sending.run(
      () => casesApi.message(id, { content: text, ...messageImages(replyImages) }),
      (e) => {
        const refused = markRefusedImages(e, replyImages);
        setReplyImagesError(refused);
        return refused ? undefined : e.message;
      },
    );
    if (!answer) return;
    wrote(answer, at);
    setReply('');
    replyImages.reset();
    toast('留言已发送', 'success');
  };

  /**
   * 补充材料 with photos is two writes: first the photos as a message (with the text), then the `supplement`
   * transition with the text as its reason. The message comes first because it is the one that can be lost: once the
   * supplement is in, the case leaves 待补充材料 and this box (with its picked photos) is gone. Should the supplement
   * fail after the message went through, the photos are already in 沟通记录 and leave the box; the text stays, and
   * 提交 again sends the supplement alone.
   */
  const sendSupplement = async () => {
    if (supplying.busy || supplementImages.uploading) return;
    const text = supplement.trim();
    if (!text) return supplying.setError('请填写补充说明');
    const notReady = imagesNotReady(supplementImages);
    if (notReady) return setSupplementImagesError(notReady);
    setSupplementImagesError(undefined);
    let photosSent = false;
    const answer = await supplying.run(
      async () => {
        if (supplementImages.ids.length) {
          const at = ++clock;
          wrote(await casesApi.message(id, { content: text, ...messageImages(supplementImages) }), at);
          supplementImages.reset();
          photosSent = true;
        }
        const at = ++clock;
        const c = await casesApi.supplement(id, text);
        wrote(c, at);
        return c;
      },
      (e) => {
        if (photosSent)
          return `图片已发送到沟通记录，补充说明未提交：${e.message.replace(/[。.]$/, '')}。请再点「提交补充材料」`;
        const refused = markRefusedImages(e, supplementImages);
        setSupplementImagesError(refused);
        return refused ? undefined : e.message;
      },
    );
    if (!answer) return;
    setSupplement('');
    toast('补充材料已提交', 'success');
  };

  const rateFix = async (followUp: CaseFollowUpItem, rating: FollowUpRating) => {
    const at = ++clock;
    const answer = await ratingFix.run(() => casesApi.rateFollowUp(followUp.id, { rating }));
    if (!answer || !detail) return;
    wrote({ ...detail, followUp: answer }, at);
    toast('感谢您的评价', 'success');
  };

  return {
    id,
    session,
    staff: isStaff(session),
    detail,
    loading: request.loading && !detail,
    error: detail ? null : request.error,
    notFound: !id || (!detail && isNotFound(request.error)),
    reload: request.reload,
    imagesReady,
    reply: {
      text: reply,
      setText: setReply,
      send: sendReply,
      busy: sending.busy,
      error: sending.error,
      images: replyImages,
      imagesError: replyImagesError,
    },
    supplement: {
      text: supplement,
      setText: setSupplement,
      send: sendSupplement,
      busy: supplying.busy,
      error: supplying.error,
      images: supplementImages,
      imagesError: supplementImagesError,
    },
    fix: { rate: rateFix, busy: ratingFix.busy, error: ratingFix.error },
  };
}
