import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { CaseDetail } from '@qsgj/shared/contracts';
import type { RatingLevel } from '@qsgj/shared/enums';
import { CASE_COMMENT_MAX, CASE_RATING_TAGS } from '@/components/case-timeline/words';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { casesApi } from '@/services/cases.api';
import { ApiError } from '@/services/http';
import { isStaff, sessionStore } from '@/stores/session';
import { openPage, PAGES, toast } from '@/utils/routes';

/** The tags offered beside a level: 好评 tags for 4–5, 差评 tags for 1–2, none for 3. */
export function tagsFor(level: RatingLevel | null): readonly string[] {
  if (level === null || level === 3) return [];
  return level >= 4 ? CASE_RATING_TAGS.good : CASE_RATING_TAGS.bad;
}

/** Back to the case: the detail page underneath when the user came from it (it reloads on show), else opened in place. */
function backToCase(id: string): void {
  const pages = Taro.getCurrentPages() as { route?: string }[];
  const previous = String(pages[pages.length - 2]?.route ?? '')
    .replace(/^\//, '')
    .split('?')[0];
  if (previous === PAGES.caseDetail.slice(1)) void Taro.navigateBack();
  else void openPage(`${PAGES.caseDetail}?id=${id}`, { replace: true });
}

/**
 * 评价 (一事一评): the case (one request, to name it and know whether it still waits for a rating), the chosen level,
 * its tags and an optional comment. Submitting twice is harmless: a case already rated answers 409
 * `CASE_ALREADY_RATED`, which also leads back to the case.
 */
export function useRateCase() {
  const { params } = useRouter();
  const id = params?.id ?? '';
  const session = useStore(sessionStore);
  const enterprise = !!session && !isStaff(session);
  const request = useRequest<CaseDetail>(() => casesApi.detail(id), [id], { enabled: enterprise && !!id });
  const [level, setLevelState] = useState<RatingLevel | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [comment, setCommentState] = useState('');
  const action = useAction();

  const setLevel = (next: RatingLevel) => {
    setLevelState(next);
    const offered = tagsFor(next);
    setTags((chosen) => chosen.filter((t) => offered.includes(t)));
    action.setError(undefined);
  };
  const toggleTag = (tag: string) =>
    setTags((chosen) => (chosen.includes(tag) ? chosen.filter((t) => t !== tag) : [...chosen, tag]));
  const setComment = (text: string) => setCommentState(text.slice(0, CASE_COMMENT_MAX));

  const submit = async () => {
    if (level === null) return action.setError('请选择评价等级');
    const text = comment.trim();
    let already = false;
    const done = await action.run(
      async () => {
        await casesApi.rate(id, { level, tags: tags.length ? tags : undefined, comment: text || undefined });
        return true;
      },
      (e) => {
        already = e instanceof ApiError && e.code === 'CASE_ALREADY_RATED';
        return already ? undefined : e.message;
      },
    );
    if (!done && !already) return;
    backToCase(id);
    toast(done ? '评价成功，感谢您的反馈' : '该诉求已评价过', done ? 'success' : 'none');
  };

  return {
    id,
    session,
    staff: isStaff(session),
    detail: request.data,
    loading: request.loading && !request.data,
    error: request.error,
    reload: request.reload,
    level,
    setLevel,
    tags,
    toggleTag,
    comment,
    setComment,
    submit,
    busy: action.busy,
    formError: action.error,
  };
}
