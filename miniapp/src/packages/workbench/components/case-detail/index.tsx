import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CaseDetailStaff } from '@qsgj/shared/contracts';
import {
  CASE_ACTION_LABEL,
  CASE_SOURCE_LABEL,
  CASE_STATE_LABEL,
  CASE_TYPE_LABEL,
  type CaseAction,
  FOLLOW_UP_CONTACT_METHOD_LABEL,
  FOLLOW_UP_RATING_LABEL,
  RATING_LEVEL_LABEL,
} from '@qsgj/shared/enums';
import { CASE_REASON_MAX } from '@qsgj/shared/rules';
import AuthedImage from '@/components/authed-image';
import CaseMessages from '@/components/case-messages';
import { imagesMessage } from '@/components/case-messages/message-images';
import CaseTimeline from '@/components/case-timeline';
import { caseDay, caseTime } from '@/components/case-timeline/format';
import { CASE_CONTENT_MAX, caseCategoryLabel } from '@/components/case-timeline/words';
import ImagePicker from '@/components/image-picker';
import StateView from '@/components/state-view';
import { PAGES } from '@/utils/routes';
import ActionForm from '@/packages/workbench/components/action-form';
import { CASE_MISSING, type StaffCase, useStaffCase } from './use-staff-case';
import CaseApplicationSection from './application';
import './index.scss';

/** Cases that take no more messages (the server refuses them). */
const FINAL_STATES: ReadonlySet<string> = new Set(['closed', 'rejected']);
/** The actions staff take through `POST /cases/:id/transitions` (rating and 补充材料 are the enterprise's). */
const STAFF_SIDE = (a: CaseAction) => a !== 'rate' && a !== 'supplement';
/** Button look: the step forward in green, the refusal in red, the rest plain. */
const PRIMARY: ReadonlySet<CaseAction> = new Set(['clear_check', 'accept', 'resolve']);

function stateTone(d: CaseDetailStaff): string {
  if (d.overdue) return 'bad';
  if (d.state === 'resolved' || d.state === 'closed') return 'ok';
  return 'wait';
}

function Head({ d }: { d: CaseDetailStaff }) {
  const category = caseCategoryLabel(d.category);
  return (
    <View className="qs-section wb-case__head">
      <View className="wb-case__title-row">
        <Text className="wb-case__number">{d.number}</Text>
        <Text className={`qs-tag qs-tag--${stateTone(d)} wb-case__state`}>{CASE_STATE_LABEL[d.state]}</Text>
      </View>
      <Text className="wb-case__meta">
        {CASE_TYPE_LABEL[d.type]} · {CASE_SOURCE_LABEL[d.source]} · {category ?? '未分类'}
      </Text>
      <Text className="wb-case__people">
        {d.department?.name ?? '未分配部门'} · {d.butler ? `管家 ${d.butler.name}` : '未指派管家'}
      </Text>
      <Text className="qs-muted">提交于 {caseTime(d.createdAt)}</Text>
    </View>
  );
}

function Clocks({ d }: { d: CaseDetailStaff }) {
  const extended = d.extensions.reduce((n, e) => n + e.days, 0);
  const any =
    d.acceptDueAt || d.resolveDueAt || d.paused || d.state === 'long_term' || d.extensions.length > 0 || d.overdue;
  if (!any) return null;
  return (
    <View className="qs-section wb-case__clocks">
      <Text className="qs-section__title">办理时限</Text>
      {(d.overdue || d.dueSoon || d.paused) && (
        <View className="wb-case__flags">
          {d.overdue && <Text className="qs-tag qs-tag--bad wb-case__flag wb-case__flag--overdue">已超期</Text>}
          {!d.overdue && d.dueSoon && (
            <Text className="qs-tag qs-tag--wait wb-case__flag wb-case__flag--due-soon">即将超期</Text>
          )}
          {d.paused && (
            <Text className="qs-tag qs-tag--wait wb-case__flag wb-case__flag--paused">计时暂停（待企业补充材料）</Text>
          )}
        </View>
      )}
      {d.acceptDueAt && (
        <Text className="wb-case__clock wb-case__clock--accept">受理时限：{caseTime(d.acceptDueAt)} 前</Text>
      )}
      {d.resolveDueAt && (
        <Text className="wb-case__clock wb-case__clock--resolve">
          办结时限：{caseTime(d.resolveDueAt)} 前{extended > 0 ? `（已延期 ${extended} 个工作日）` : ''}
        </Text>
      )}
      {d.resolveWarnAt && (
        <Text className="wb-case__clock wb-case__clock--warn">
          超期预警：{caseTime(d.resolveWarnAt)} 起（时限的 80%）
        </Text>
      )}
      {d.state === 'long_term' && d.nextReviewOn && (
        <Text className="wb-case__clock wb-case__clock--review">下次跟踪：{caseDay(d.nextReviewOn)}</Text>
      )}
      {d.estimatedDeadline && (
        <Text className="wb-case__calendar-warning">日历待更新：时限跨入尚未录入法定节假日的年份，暂按周末推算</Text>
      )}
      {d.extensions.map((e) => (
        <Text key={e.at} className="qs-muted wb-case__extension">
          {caseTime(e.at)} 延期 {e.days} 个工作日：{e.reason}
        </Text>
      ))}
    </View>
  );
}

function Enterprise({ d }: { d: CaseDetailStaff }) {
  const hidden = d.enterprise.id === null;
  return (
    <View className="qs-section wb-case__enterprise">
      <Text className="qs-section__title">企业</Text>
      <View className="wb-case__title-row">
        <Text className="wb-case__enterprise-name">{d.enterprise.name}</Text>
        {d.anonymous && <Text className="qs-tag qs-tag--wait">匿名投诉</Text>}
      </View>
      {hidden ? (
        <Text className="qs-muted wb-case__contact">企业要求对被投诉部门隐藏身份，联系方式不可见</Text>
      ) : d.contact ? (
        <View className="wb-case__contact">
          <Text>联系人：{d.contact.name ?? '未填写'}</Text>
          {d.contact.phone ? (
            <Button
              className="qs-btn qs-btn--plain wb-case__phone"
              onClick={() => void Taro.makePhoneCall({ phoneNumber: d.contact!.phone! }).catch(() => undefined)}
            >
              拨打 {d.contact.phone}
            </Button>
          ) : (
            <Text className="qs-muted">未留手机号</Text>
          )}
        </View>
      ) : (
        <Text className="qs-muted wb-case__contact">暂无联系人信息</Text>
      )}
    </View>
  );
}

function Content({ d }: { d: CaseDetailStaff }) {
  const gallery = d.images.map((i) => i.url);
  return (
    <View className="qs-section wb-case__body">
      <Text className="qs-section__title">诉求内容</Text>
      <Text className="wb-case__content">{d.content}</Text>
      {d.images.length > 0 && (
        <View className="wb-case__images">
          {d.images.map((img) => (
            <AuthedImage key={img.id} className="wb-case__image" src={img.url} gallery={gallery} alt="诉求图片" />
          ))}
        </View>
      )}
    </View>
  );
}

function Actions({ c, d }: { c: StaffCase; d: CaseDetailStaff }) {
  const { actions } = c;
  const allowed = d.allowedActions.filter(STAFF_SIDE);
  return (
    <View className="qs-section wb-case__actions">
      <Text className="qs-section__title">办理</Text>
      {allowed.length === 0 && <Text className="qs-muted wb-case__no-actions">当前没有可执行的操作</Text>}
      {actions.acting ? (
        <ActionForm
          key={actions.acting}
          action={actions.acting}
          view={{
            type: d.type,
            category: d.category,
            departmentId: d.department?.id ?? null,
            butlerId: d.butler?.id ?? null,
          }}
          options={actions.options.data}
          optionsLoading={actions.options.loading}
          optionsError={actions.options.error}
          onRetryOptions={() => void actions.options.reload()}
          self={actions.self}
          busy={actions.busy}
          error={actions.error}
          serverErrors={actions.fieldErrors}
          onSubmit={actions.submit}
          onCancel={actions.cancel}
        />
      ) : (
        <View className="wb-case__action-list">
          {allowed.map((a) => (
            <Button
              key={a}
              className={`qs-btn ${PRIMARY.has(a) ? '' : a === 'reject' ? 'qs-btn--danger' : 'qs-btn--plain'} wb-case__action wb-case__action--${a}`}
              data-action={a}
              onClick={() => actions.start(a)}
            >
              {a === 'assign' && actions.self ? '认领' : CASE_ACTION_LABEL[a]}
            </Button>
          ))}
        </View>
      )}
    </View>
  );
}

function Conversation({ c, d }: { c: StaffCase; d: CaseDetailStaff }) {
  const { reply } = c;
  return (
    <View className="qs-section wb-case__conversation">
      <Text className="qs-section__title">沟通记录</Text>
      <CaseMessages messages={d.messages} viewer="staff" />
      {FINAL_STATES.has(d.state) ? (
        <Text className="qs-muted wb-case__reply-closed">诉求{CASE_STATE_LABEL[d.state]}，不能再留言</Text>
      ) : (
        <View className="wb-case__reply">
          <Textarea
            className="wb-case__textarea wb-case__reply-input"
            value={reply.value}
            maxlength={CASE_CONTENT_MAX}
            autoHeight
            placeholder="回复企业（企业可见）"
            placeholderClass="qs-field__placeholder"
            nativeProps={{ 'aria-label': '回复企业' }}
            onInput={(e) => reply.set(e.detail.value)}
          />
          {reply.error && <Text className="wb-case__error wb-case__reply-error">{reply.error}</Text>}
          <ImagePicker
            uploads={reply.images}
            className="wb-case__reply-images"
            error={imagesMessage(reply.images, reply.imagesError)}
            disabled={reply.busy}
          />
          <Button
            className="qs-btn wb-case__reply-send"
            disabled={reply.busy || reply.images.uploading}
            loading={reply.busy}
            onClick={reply.send}
          >
            {reply.images.uploading ? '图片上传中…' : '发送回复'}
          </Button>
        </View>
      )}
    </View>
  );
}

function Notes({ c, d }: { c: StaffCase; d: CaseDetailStaff }) {
  const { note } = c;
  return (
    <View className="qs-section wb-case__notes">
      <View className="wb-case__title-row">
        <Text className="qs-section__title">内部备注</Text>
        <Text className="wb-case__notes-badge">内部备注，企业不可见</Text>
      </View>
      {d.notes.length === 0 && <Text className="qs-muted">暂无内部备注</Text>}
      {d.notes.map((n) => (
        <View key={n.id} className="wb-case__note">
          <Text className="qs-muted">
            {n.author.name || '工作人员'} · {caseTime(n.at)}
          </Text>
          <Text className="wb-case__note-content">{n.content}</Text>
        </View>
      ))}
      <Textarea
        className="wb-case__textarea wb-case__note-input"
        value={note.value}
        maxlength={CASE_CONTENT_MAX}
        autoHeight
        placeholder="添加内部备注（仅工作人员可见）"
        placeholderClass="qs-field__placeholder"
        nativeProps={{ 'aria-label': '内部备注' }}
        onInput={(e) => note.set(e.detail.value)}
      />
      {note.error && <Text className="wb-case__error wb-case__note-error">{note.error}</Text>}
      <Button
        className="qs-btn qs-btn--plain wb-case__note-add"
        disabled={note.busy}
        loading={note.busy}
        onClick={note.add}
      >
        添加备注
      </Button>
    </View>
  );
}

/** 申诉复核: where the butler's appeal stands. */
const APPEAL_STATE: Record<'pending' | 'uphold' | 'void', { label: string; tone: string }> = {
  pending: { label: '待复核', tone: 'wait' },
  uphold: { label: '维持原评价', tone: 'ok' },
  void: { label: '评价已撤销', tone: 'bad' },
};

/** The butler's appeal of the rating, its decision once made; a lead who may decide it does so here, with a reason. */
function Appeal({ c, a }: { c: StaffCase; a: NonNullable<CaseDetailStaff['appeal']> }) {
  const { decision } = c;
  const state = APPEAL_STATE[a.decision ?? 'pending'];
  return (
    <View className="wb-case__appeal-box">
      <View className="wb-case__title-row">
        <Text className="wb-case__subtitle">申诉复核</Text>
        <Text className={`qs-tag qs-tag--${state.tone} wb-case__appeal-state`}>{state.label}</Text>
      </View>
      <Text className="wb-case__appeal-reason">申诉理由：{a.reason}</Text>
      <Text className="qs-muted">申诉于 {caseTime(a.createdAt)}</Text>
      {a.decision ? (
        <>
          {a.decisionReason && <Text className="wb-case__appeal-decision">复核理由：{a.decisionReason}</Text>}
          {a.decidedAt && <Text className="qs-muted">复核于 {caseTime(a.decidedAt)}</Text>}
        </>
      ) : (
        !a.canDecide && <Text className="wb-case__appeal-done">等待主管复核</Text>
      )}
      {a.canDecide && (
        <View className="wb-case__decide">
          <Textarea
            className="wb-case__textarea wb-case__decide-input"
            value={decision.reason}
            maxlength={CASE_REASON_MAX}
            autoHeight
            placeholder="请填写复核理由（维持或撤销都需说明）"
            placeholderClass="qs-field__placeholder"
            nativeProps={{ 'aria-label': '复核理由' }}
            onInput={(e) => decision.setReason(e.detail.value)}
          />
          {decision.error && <Text className="wb-case__error wb-case__decide-error">{decision.error}</Text>}
          <View className="wb-case__buttons">
            <Button
              className="qs-btn qs-btn--plain wb-case__decide-uphold"
              disabled={decision.busy}
              onClick={() => decision.decide(true)}
            >
              维持原评价
            </Button>
            <Button
              className="qs-btn qs-btn--danger wb-case__decide-void"
              disabled={decision.busy}
              onClick={() => decision.decide(false)}
            >
              撤销评价
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}

function Rating({ c, d }: { c: StaffCase; d: CaseDetailStaff }) {
  const { appeal } = c;
  const r = d.rating;
  if (!r) return null;
  const f = d.followUp;
  return (
    <View className="qs-section wb-case__rating">
      <Text className="qs-section__title">企业评价</Text>
      <View className="wb-case__title-row">
        <Text className="wb-case__rating-level">{RATING_LEVEL_LABEL[r.level]}</Text>
        {r.voided && <Text className="qs-tag qs-tag--wait wb-case__rating-voided">经申诉复核已撤销，不计入满意率</Text>}
      </View>
      {r.tags.length > 0 && <Text className="qs-muted">{r.tags.join('、')}</Text>}
      {r.comment && <Text className="wb-case__rating-comment">{r.comment}</Text>}
      <Text className="qs-muted">评价于 {caseTime(r.at)}</Text>
      {f && (
        <View className="wb-case__follow-up">
          <Text className="wb-case__subtitle">回访整改</Text>
          {f.contactedAt ? (
            <>
              <Text>
                {f.contactMethod ? FOLLOW_UP_CONTACT_METHOD_LABEL[f.contactMethod] : '回访'} · {caseTime(f.contactedAt)}
              </Text>
              {f.outcome && <Text>回访情况：{f.outcome}</Text>}
              {f.rectification && <Text>整改措施：{f.rectification}</Text>}
              <Text className="qs-muted">企业对整改：{f.rating ? FOLLOW_UP_RATING_LABEL[f.rating] : '尚未评价'}</Text>
            </>
          ) : (
            <Text className="qs-muted">待主管回访，{caseTime(f.dueAt)} 前完成</Text>
          )}
        </View>
      )}
      {d.appeal && <Appeal c={c} a={d.appeal} />}
      {appeal.can &&
        (appeal.open ? (
          <View className="wb-case__appeal-form">
            <Textarea
              className="wb-case__textarea wb-case__appeal-input"
              value={appeal.reason}
              maxlength={CASE_REASON_MAX}
              autoHeight
              placeholder="请说明申诉理由"
              placeholderClass="qs-field__placeholder"
              nativeProps={{ 'aria-label': '申诉理由' }}
              onInput={(e) => appeal.setReason(e.detail.value)}
            />
            {appeal.error && <Text className="wb-case__error wb-case__appeal-error">{appeal.error}</Text>}
            <View className="wb-case__buttons">
              <Button
                className="qs-btn qs-btn--plain wb-case__appeal-cancel"
                disabled={appeal.busy}
                onClick={() => appeal.setOpen(false)}
              >
                取消
              </Button>
              <Button
                className="qs-btn wb-case__appeal-submit"
                disabled={appeal.busy}
                loading={appeal.busy}
                onClick={appeal.send}
              >
                提交申诉
              </Button>
            </View>
          </View>
        ) : (
          <Button className="qs-btn qs-btn--plain wb-case__appeal" onClick={() => appeal.setOpen(true)}>
            申诉复核
          </Button>
        ))}
    </View>
  );
}

function Missing({ embedded }: { embedded?: boolean }) {
  return (
    <View className="qs-section wb-case__missing" role="alert">
      <Text className="wb-case__missing-text">{CASE_MISSING}</Text>
      {!embedded && (
        <Button
          className="qs-btn qs-btn--plain wb-case__back"
          onClick={() => void Taro.reLaunch({ url: PAGES.workbench })}
        >
          返回工作台
        </Button>
      )}
    </View>
  );
}

interface Props {
  id?: string;
  /** Shown beside the queue (wide screens), not as a page of its own. */
  embedded?: boolean;
  /** Hears every new version of the case (the desktop queue updates its row and counts). */
  onChange?: (detail: CaseDetailStaff) => void;
}

/**
 * One case in the workbench, as staff see it: clocks, enterprise and contact (as much as the server gives), content
 * and images, the allowed actions with their forms, timeline, conversation and reply, internal notes, the rating with
 * its follow-up and appeal. The case page shows it; on a wide screen the queue shows it beside the list.
 */
export default function CaseDetail({ id, embedded, onChange }: Props) {
  const c = useStaffCase(id, onChange);
  if (!id || c.missing) return <Missing embedded={embedded} />;
  const d = c.detail;
  return (
    <View className="wb-case">
      {c.notice && (
        <View className="wb-case__notice" role="alert">
          <Text>{c.notice}</Text>
        </View>
      )}
      <StateView loading={!d && c.req.loading} error={d ? null : c.req.error} onRetry={() => void c.reload()}>
        {d && (
          <>
            <Head d={d} />
            <Clocks d={d} />
            <Enterprise d={d} />
            <Content d={d} />
            <CaseApplicationSection application={d.application} />
            <Actions c={c} d={d} />
            <Rating c={c} d={d} />
            <View className="qs-section wb-case__timeline">
              <Text className="qs-section__title">办理进度</Text>
              <CaseTimeline entries={d.timeline} />
            </View>
            <Conversation c={c} d={d} />
            <Notes c={c} d={d} />
          </>
        )}
      </StateView>
    </View>
  );
}
