import { Button, Text, Textarea, View } from '@tarojs/components';
import { CASE_TYPE_LABEL, RATING_LEVEL_LABEL, type RatingLevel } from '@qsgj/shared/enums';
import { CASE_COMMENT_MAX } from '@/components/case-timeline/words';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { openPage, PAGES } from '@/utils/routes';
import { tagsFor, useRateCase } from './use-rate-case';
import './index.scss';

const LEVELS: readonly RatingLevel[] = [5, 4, 3, 2, 1];

/** 评价: five levels (large tap targets), the level's tags, an optional comment; the rater is not shown to the butler. */
function RateCase() {
  const r = useRateCase();
  if (!r.session) {
    return (
      <View className="qs-section">
        <Text className="qs-section__title">登录后评价</Text>
        <Button
          className="qs-btn"
          onClick={() => void openPage(`${PAGES.login}?redirect=${encodeURIComponent(`${PAGES.caseRate}?id=${r.id}`)}`)}
        >
          登录
        </Button>
      </View>
    );
  }
  if (r.staff || !r.id) {
    return (
      <View className="qs-section">
        <Text className="qs-section__title">只有提交诉求的企业可以评价</Text>
      </View>
    );
  }
  const c = r.detail;
  const offered = tagsFor(r.level);
  return (
    <StateView loading={r.loading} error={r.error} onRetry={() => void r.reload()}>
      {c && !c.awaitingRating && (
        <View className="qs-section case-rate__closed">
          <Text className="qs-section__title">{c.rating ? '该诉求已评价' : '该诉求暂不能评价'}</Text>
          <Text className="qs-muted">{c.rating ? '每件诉求只能评价一次' : '诉求办结后才能评价'}</Text>
          <Button className="qs-btn" onClick={() => void openPage(`${PAGES.caseDetail}?id=${c.id}`, { replace: true })}>
            查看诉求
          </Button>
        </View>
      )}
      {c && c.awaitingRating && (
        <>
          <View className="qs-section case-rate__case">
            <Text className="qs-muted">
              {CASE_TYPE_LABEL[c.type]} · {c.number}
            </Text>
            <Text className="case-rate__excerpt">{c.excerpt}</Text>
          </View>
          <View className="qs-section">
            <Text className="qs-section__title">您对本次办理是否满意？</Text>
            <View className="case-rate__levels">
              {LEVELS.map((l) => (
                <View
                  key={l}
                  className={`case-rate__level case-rate__level--${l}${r.level === l ? ' case-rate__level--on' : ''}`}
                  data-level={l}
                  role="button"
                  aria-pressed={r.level === l}
                  onClick={() => r.setLevel(l)}
                >
                  {RATING_LEVEL_LABEL[l]}
                </View>
              ))}
            </View>
            {offered.length > 0 && (
              <View className="case-rate__tags">
                {offered.map((t) => (
                  <View
                    key={t}
                    className={`case-rate__tag${r.tags.includes(t) ? ' case-rate__tag--on' : ''}`}
                    role="button"
                    aria-pressed={r.tags.includes(t)}
                    onClick={() => r.toggleTag(t)}
                  >
                    {t}
                  </View>
                ))}
              </View>
            )}
            <Textarea
              className="case-rate__comment"
              value={r.comment}
              maxlength={CASE_COMMENT_MAX}
              autoHeight
              placeholder="还有什么想说的？（选填）"
              placeholderClass="qs-field__placeholder"
              nativeProps={{ 'aria-label': '评价内容' }}
              onInput={(e) => r.setComment(e.detail.value)}
            />
            <View className="case-rate__count">
              <Text className="qs-muted">
                {r.comment.length}/{CASE_COMMENT_MAX}
              </Text>
            </View>
            <Text className="qs-muted case-rate__privacy">
              评价仅用于改进服务，承办管家看不到评价人的身份；评价不满意时，主管会与您联系回访整改。
            </Text>
            {r.formError && <Text className="qs-field__error case-rate__error">{r.formError}</Text>}
            <Button
              className="qs-btn case-rate__submit"
              disabled={r.busy}
              loading={r.busy}
              onClick={() => void r.submit()}
            >
              提交评价
            </Button>
          </View>
        </>
      )}
    </StateView>
  );
}

export default function RateCasePage() {
  return (
    <PageShell className="case-rate">
      <RateCase />
    </PageShell>
  );
}
