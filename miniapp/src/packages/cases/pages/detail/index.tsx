import { Button, Text, Textarea, View } from '@tarojs/components';
import type { CaseDetail, CaseFollowUpItem } from '@qsgj/shared/contracts';
import {
  CaseAction,
  CaseSource,
  CaseState,
  CASE_SOURCE_LABEL,
  CASE_STATE_LABEL,
  CASE_TYPE_LABEL,
  FOLLOW_UP_CONTACT_METHOD_LABEL,
  FOLLOW_UP_RATING_LABEL,
  FollowUpRating,
  RATING_LEVEL_LABEL,
} from '@qsgj/shared/enums';
import { CASE_REASON_MAX, expectedReplyText } from '@qsgj/shared/rules';
import AuthedImage from '@/components/authed-image';
import CaseMessages from '@/components/case-messages';
import { imagesMessage } from '@/components/case-messages/message-images';
import CaseTimeline from '@/components/case-timeline';
import { caseDay, caseTime } from '@/components/case-timeline/format';
import { CASE_CONTENT_MAX, caseCategoryLabel } from '@/components/case-timeline/words';
import ImagePicker, { type ImageUploads } from '@/components/image-picker';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { goBack, openPage, PAGES } from '@/utils/routes';
import { lastInfoRequest, useCaseDetail } from './use-case-detail';
import './index.scss';

const FINAL: ReadonlySet<string> = new Set([CaseState.CLOSED, CaseState.REJECTED]);
const FIX_RATINGS: readonly FollowUpRating[] = [
  FollowUpRating.SATISFIED,
  FollowUpRating.BASICALLY_SATISFIED,
  FollowUpRating.DISSATISFIED,
];

function Row({ label, children, className }: { label: string; children: string; className?: string }) {
  return (
    <View className={`case-detail__row${className ? ` ${className}` : ''}`}>
      <Text className="case-detail__label">{label}</Text>
      <Text className="case-detail__value">{children}</Text>
    </View>
  );
}

function Header({ c }: { c: CaseDetail }) {
  const category = caseCategoryLabel(c.category);
  return (
    <View className="qs-section case-detail__header">
      <View className="case-detail__title">
        <Text className={`case-detail__type case-detail__type--${c.type}`}>{CASE_TYPE_LABEL[c.type]}</Text>
        <Text className="case-detail__number">{c.number}</Text>
        <Text className={`case-detail__state case-detail__state--${c.state}`}>{CASE_STATE_LABEL[c.state]}</Text>
      </View>
      {c.paused ? (
        <Text className="case-detail__expected case-detail__expected--paused">待补充材料，补充后继续计时</Text>
      ) : (
        c.expectedBy && (
          <Text className="case-detail__expected">{expectedReplyText(new Date(c.expectedBy), new Date())}</Text>
        )
      )}
      <Row label="诉求分类">{category ?? '待工作人员分类'}</Row>
      <Row label="承办部门">{c.department?.name ?? '待分派'}</Row>
      <Row label="提交时间">{caseTime(c.createdAt)}</Row>
      {c.source !== CaseSource.MINIAPP && <Row label="来源">{CASE_SOURCE_LABEL[c.source]}</Row>}
      {c.nextReviewOn && <Row label="下次跟踪">{caseDay(c.nextReviewOn)}</Row>}
      {c.anonymous && <Text className="qs-muted case-detail__anonymous">已对被投诉部门隐藏企业身份</Text>}
      {c.extensions.map((x, i) => (
        <View key={`${x.at}-${i}`} className="case-detail__extension">
          <Text>
            {caseTime(x.at)} 延期 {x.days} 个工作日：{x.reason}
          </Text>
        </View>
      ))}
    </View>
  );
}

function Content({ c, imagesReady }: { c: CaseDetail; imagesReady: boolean }) {
  const gallery = c.images.map((img) => img.url);
  return (
    <View className="qs-section case-detail__content">
      <Text className="qs-section__title">诉求内容</Text>
      <Text className="case-detail__text">{c.content}</Text>
      {c.images.length > 0 && (
        <View className="case-detail__images">
          {c.images.map((img) =>
            imagesReady ? (
              <AuthedImage key={img.id} className="case-detail__image" src={img.url} gallery={gallery} alt="诉求图片" />
            ) : (
              <View key={img.id} className="case-detail__image case-detail__image--pending" />
            ),
          )}
        </View>
      )}
    </View>
  );
}

interface BoxProps {
  title: string;
  hint?: string | null;
  label: string;
  placeholder: string;
  value: string;
  onInput: (v: string) => void;
  onSend: () => void;
  busy: boolean;
  error?: string;
  button: string;
  className: string;
  /** Most characters (the server's limit for this text). */
  max: number;
  /** The box's photos (`className`-images on the picker); sending waits for their uploads. */
  images: ImageUploads;
  imagesError?: string;
}

function TextBox(p: BoxProps) {
  const uploading = p.images.uploading;
  return (
    <View className={`qs-section ${p.className}`}>
      <Text className="qs-section__title">{p.title}</Text>
      {p.hint && <Text className="case-detail__asked">{p.hint}</Text>}
      <Textarea
        className={`case-detail__textarea ${p.className}-input`}
        value={p.value}
        maxlength={p.max}
        autoHeight
        placeholder={p.placeholder}
        placeholderClass="qs-field__placeholder"
        nativeProps={{ 'aria-label': p.label }}
        onInput={(e) => p.onInput(e.detail.value)}
      />
      <View className="case-detail__count">
        <Text className="qs-muted">
          {p.value.length}/{p.max}
        </Text>
      </View>
      {p.error && <Text className={`qs-field__error ${p.className}-error`}>{p.error}</Text>}
      <ImagePicker
        uploads={p.images}
        className={`case-detail__box-images ${p.className}-images`}
        error={imagesMessage(p.images, p.imagesError)}
        disabled={p.busy}
      />
      <Button
        className={`qs-btn ${p.className}-send`}
        disabled={p.busy || uploading}
        loading={p.busy}
        onClick={p.onSend}
      >
        {uploading ? '图片上传中…' : p.button}
      </Button>
    </View>
  );
}

function Rating({ c }: { c: CaseDetail }) {
  const r = c.rating!;
  return (
    <View className={`qs-section case-detail__rating${r.voided ? ' case-detail__rating--voided' : ''}`}>
      <Text className="qs-section__title">我的评价</Text>
      <Text className="case-detail__level">{RATING_LEVEL_LABEL[r.level]}</Text>
      {r.tags.length > 0 && (
        <View className="case-detail__tags">
          {r.tags.map((t) => (
            <Text key={t} className="qs-tag case-detail__tag">
              {t}
            </Text>
          ))}
        </View>
      )}
      {r.comment && <Text className="case-detail__text">{r.comment}</Text>}
      <Text className="qs-muted">{caseTime(r.at)}</Text>
      {r.voided && <Text className="case-detail__voided">该评价已复核撤销</Text>}
    </View>
  );
}

interface FollowUpProps {
  f: CaseFollowUpItem;
  busy: boolean;
  error?: string;
  onRate: (f: CaseFollowUpItem, rating: FollowUpRating) => void;
}

function FollowUp({ f, busy, error, onRate }: FollowUpProps) {
  const recorded = !!f.contactedAt;
  return (
    <View className="qs-section case-detail__follow-up">
      <Text className="qs-section__title">回访整改</Text>
      {!recorded && (
        <Text className="qs-muted case-detail__follow-up-due">主管将于 {caseDay(f.dueAt)} 前与您联系回访</Text>
      )}
      {recorded && (
        <>
          <Row label="回访方式">
            {`${f.contactMethod ? FOLLOW_UP_CONTACT_METHOD_LABEL[f.contactMethod] : '回访'} · ${caseTime(f.contactedAt!)}`}
          </Row>
          {f.outcome && <Row label="回访情况">{f.outcome}</Row>}
          {f.rectification && <Row label="整改措施">{f.rectification}</Row>}
        </>
      )}
      {recorded && f.rating && (
        <Text className="case-detail__fix-rated">您对整改的评价：{FOLLOW_UP_RATING_LABEL[f.rating]}</Text>
      )}
      {recorded && !f.rating && (
        <>
          <Text className="case-detail__fix-ask">您对整改结果是否满意？</Text>
          <View className="case-detail__fix">
            {FIX_RATINGS.map((r) => (
              <Button
                key={r}
                className={`qs-btn qs-btn--plain case-detail__fix-btn case-detail__fix-btn--${r}`}
                disabled={busy}
                onClick={() => onRate(f, r)}
              >
                {FOLLOW_UP_RATING_LABEL[r]}
              </Button>
            ))}
          </View>
          {error && <Text className="qs-field__error">{error}</Text>}
        </>
      )}
    </View>
  );
}

function NotFound() {
  return (
    <View className="qs-section case-detail__not-found" role="alert">
      <Text className="qs-section__title">诉求不存在或无权查看</Text>
      <Text className="qs-muted">该诉求可能已被删除，或不属于您所在的企业</Text>
      <Button className="qs-btn" onClick={() => void openPage(PAGES.myCases, { replace: true })}>
        查看我的诉求
      </Button>
      <Button className="qs-btn qs-btn--plain" onClick={goBack}>
        返回
      </Button>
    </View>
  );
}

/** 诉求详情: the case, its progress, the conversation and what the enterprise may do now. */
function CaseDetailContent() {
  const d = useCaseDetail();
  if (!d.session) {
    return (
      <View className="qs-section">
        <Text className="qs-section__title">登录后查看诉求</Text>
        <Button
          className="qs-btn"
          onClick={() =>
            void openPage(`${PAGES.login}?redirect=${encodeURIComponent(`${PAGES.caseDetail}?id=${d.id}`)}`)
          }
        >
          登录
        </Button>
      </View>
    );
  }
  if (d.staff) {
    return (
      <View className="qs-section">
        <Text className="qs-section__title">请在管家工作台查看诉求</Text>
        <Button className="qs-btn" onClick={() => void openPage(`${PAGES.staffCase}?id=${d.id}`, { replace: true })}>
          在工作台打开
        </Button>
      </View>
    );
  }
  if (d.notFound) return <NotFound />;
  const c = d.detail;
  return (
    <StateView loading={d.loading} error={d.error} onRetry={() => void d.reload()}>
      {c && (
        <>
          <Header c={c} />
          {c.awaitingRating && (
            <View className="qs-section case-detail__rate">
              <Text className="qs-muted">诉求已办结，请您对办理情况作出评价</Text>
              <Button
                className="qs-btn case-detail__rate-btn"
                onClick={() => void openPage(`${PAGES.caseRate}?id=${c.id}`)}
              >
                评价
              </Button>
            </View>
          )}
          {c.state === CaseState.AWAITING_ENTERPRISE && c.allowedActions.includes(CaseAction.SUPPLEMENT) && (
            <TextBox
              className="case-detail__supplement"
              title="补充材料"
              hint={`工作人员请您补充：${lastInfoRequest(c) ?? '相关材料'}`}
              label="补充说明"
              placeholder="请填写补充说明，可附上材料照片"
              value={d.supplement.text}
              onInput={d.supplement.setText}
              onSend={() => void d.supplement.send()}
              busy={d.supplement.busy}
              error={d.supplement.error}
              button="提交补充材料"
              max={CASE_REASON_MAX}
              images={d.supplement.images}
              imagesError={d.supplement.imagesError}
            />
          )}
          <Content c={c} imagesReady={d.imagesReady} />
          {c.rating && <Rating c={c} />}
          {c.followUp && (
            <FollowUp f={c.followUp} busy={d.fix.busy} error={d.fix.error} onRate={(f, r) => void d.fix.rate(f, r)} />
          )}
          <View className="qs-section case-detail__progress">
            <Text className="qs-section__title">办理进度</Text>
            <CaseTimeline entries={c.timeline} />
          </View>
          <View className="qs-section case-detail__conversation">
            <Text className="qs-section__title">沟通记录</Text>
            <CaseMessages messages={c.messages} />
          </View>
          {FINAL.has(c.state) ? (
            <View className="qs-section">
              <Text className="qs-muted case-detail__final">
                诉求已{CASE_STATE_LABEL[c.state]}，如有新问题请提交新的诉求
              </Text>
              <Button
                className="qs-btn qs-btn--plain case-detail__new"
                onClick={() =>
                  void openPage(`${PAGES.caseNew}?type=${c.type === 'complaint' ? 'complaint' : 'consult'}`)
                }
              >
                提交新的诉求
              </Button>
            </View>
          ) : (
            <TextBox
              className="case-detail__reply"
              title="留言"
              label="留言内容"
              placeholder="向工作人员说明情况或补充问题"
              value={d.reply.text}
              onInput={d.reply.setText}
              onSend={() => void d.reply.send()}
              busy={d.reply.busy}
              error={d.reply.error}
              button="发送留言"
              max={CASE_CONTENT_MAX}
              images={d.reply.images}
              imagesError={d.reply.imagesError}
            />
          )}
        </>
      )}
    </StateView>
  );
}

export default function CaseDetailPage() {
  return (
    <PageShell className="case-detail">
      <CaseDetailContent />
    </PageShell>
  );
}
