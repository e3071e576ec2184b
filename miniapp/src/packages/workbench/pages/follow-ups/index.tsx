import { Button, Picker, Text, Textarea, View } from '@tarojs/components';
import type { FollowUpListItem } from '@qsgj/shared/contracts';
import {
  CASE_TYPE_LABEL,
  FOLLOW_UP_CONTACT_METHOD_LABEL,
  FOLLOW_UP_RATING_LABEL,
  type FollowUpContactMethod,
  RATING_LEVEL_LABEL,
} from '@qsgj/shared/enums';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { FOLLOW_UP_TEXT_MAX, shanghaiNow, useFollowUps } from './use-follow-ups';
import './index.scss';

type FollowUps = ReturnType<typeof useFollowUps>;

const METHODS = Object.keys(FOLLOW_UP_CONTACT_METHOD_LABEL) as FollowUpContactMethod[];

/** 「11月30日 17:00」 (Asia/Shanghai). */
function dayTime(iso: string | null): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '—';
  const s = new Date(ms + 8 * 3_600_000).toISOString();
  return `${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日 ${s.slice(11, 16)}`;
}

function RecordForm({ f }: { f: FollowUps }) {
  const today = shanghaiNow().date;
  return (
    <View className="followups__form">
      <Text className="followups__form-label">回访方式</Text>
      <View className="followups__methods">
        {METHODS.map((m) => (
          <View
            key={m}
            className={`followups__method followups__method--${m}${f.form.contactMethod === m ? ' followups__method--on' : ''}`}
            role="button"
            aria-pressed={f.form.contactMethod === m}
            onClick={() => f.set('contactMethod', m)}
          >
            {FOLLOW_UP_CONTACT_METHOD_LABEL[m]}
          </View>
        ))}
      </View>
      {f.errors.contactMethod && <Text className="qs-field__error followups__error">{f.errors.contactMethod}</Text>}

      <Text className="followups__form-label">回访时间</Text>
      <View className="followups__when">
        <Picker
          mode="date"
          value={f.form.date}
          start="2000-01-01"
          end={today}
          onChange={(e) => f.set('date', e.detail.value)}
        >
          <View className="followups__picker followups__date" role="button" aria-label={`回访日期：${f.form.date}`}>
            {f.form.date}
          </View>
        </Picker>
        <Picker mode="time" value={f.form.time} onChange={(e) => f.set('time', e.detail.value)}>
          <View className="followups__picker followups__time" role="button" aria-label={`回访时刻：${f.form.time}`}>
            {f.form.time}
          </View>
        </Picker>
      </View>
      {f.errors.contactedAt && <Text className="qs-field__error followups__error">{f.errors.contactedAt}</Text>}

      <Text className="followups__form-label">回访情况</Text>
      <Textarea
        className="followups__textarea followups__outcome"
        value={f.form.outcome}
        maxlength={FOLLOW_UP_TEXT_MAX}
        autoHeight
        placeholder="企业反映的问题、沟通结果"
        placeholderClass="qs-field__placeholder"
        nativeProps={{ 'aria-label': '回访情况' }}
        onInput={(e) => f.set('outcome', e.detail.value)}
      />
      {f.errors.outcome && <Text className="qs-field__error followups__error">{f.errors.outcome}</Text>}

      <Text className="followups__form-label">整改措施（选填）</Text>
      <Textarea
        className="followups__textarea followups__rectification"
        value={f.form.rectification}
        maxlength={FOLLOW_UP_TEXT_MAX}
        autoHeight
        placeholder="已采取或将采取的整改措施"
        placeholderClass="qs-field__placeholder"
        nativeProps={{ 'aria-label': '整改措施' }}
        onInput={(e) => f.set('rectification', e.detail.value)}
      />
      {f.errors.rectification && <Text className="qs-field__error followups__error">{f.errors.rectification}</Text>}

      {f.saveError && (
        <View className="qs-field__error followups__save-error" role="alert">
          {f.saveError}
        </View>
      )}
      <Button className="qs-btn followups__submit" disabled={f.saving} loading={f.saving} onClick={f.submit}>
        提交回访记录
      </Button>
    </View>
  );
}

function Item({ f, item }: { f: FollowUps; item: FollowUpListItem }) {
  const recorded = !!item.contactedAt;
  const open = f.openId === item.id;
  return (
    <View className={`qs-section followups__item${item.overdue ? ' followups__item--overdue' : ''}`}>
      <View className="followups__head">
        <Text className="followups__number">{item.case.number}</Text>
        <Text className={`qs-tag ${recorded ? 'qs-tag--ok' : 'qs-tag--wait'} followups__state`}>
          {recorded ? '已回访' : '待回访'}
        </Text>
        {item.overdue && <Text className="qs-tag qs-tag--bad followups__overdue">已超期</Text>}
      </View>
      <Text className="qs-muted followups__meta">
        {CASE_TYPE_LABEL[item.case.type]} · {item.department?.name ?? '未分配部门'} · 评价：
        {RATING_LEVEL_LABEL[item.level]}
      </Text>
      <Text className="followups__due">回访期限：{dayTime(item.dueAt)}</Text>
      {recorded && (
        <View className="followups__record">
          <Text className="followups__line">
            {item.contactMethod ? FOLLOW_UP_CONTACT_METHOD_LABEL[item.contactMethod] : '回访'} ·{' '}
            {dayTime(item.contactedAt)}
          </Text>
          <Text className="followups__line followups__outcome-text">回访情况：{item.outcome}</Text>
          {item.rectification && (
            <Text className="followups__line followups__rectification-text">整改措施：{item.rectification}</Text>
          )}
        </View>
      )}
      <Text className="followups__fix">
        企业对整改的评价：
        {item.rating ? FOLLOW_UP_RATING_LABEL[item.rating] : recorded ? '尚未评价' : '回访后由企业评价'}
      </Text>
      <View className="followups__actions">
        {!recorded && (
          <Button
            className={`qs-btn ${open ? 'qs-btn--plain ' : ''}followups__record-button`}
            onClick={() => f.open(item.id)}
          >
            {open ? '收起' : '登记回访'}
          </Button>
        )}
        <Button className="qs-btn qs-btn--plain followups__open-case" onClick={() => f.openCase(item.case.id)}>
          查看诉求
        </Button>
      </View>
      {open && <RecordForm f={f} />}
    </View>
  );
}

/** 回访整改: the 差评 follow-ups, due first; record how the enterprise was reached and what was put right. */
function FollowUpList() {
  const f = useFollowUps();
  if (!f.allowed) {
    return (
      <View className="qs-section followups__denied">
        <Text className="qs-muted">回访整改由主管和管理员登记，您的账号无此权限。</Text>
      </View>
    );
  }
  return (
    <StateView {...f.list.state} emptyText="暂无需要回访的差评">
      {f.list.items.map((item) => (
        <Item key={item.id} f={f} item={item} />
      ))}
      <ListFooter list={f.list} />
    </StateView>
  );
}

export default function FollowUpsPage() {
  return (
    <PageShell className="followups">
      <FollowUpList />
    </PageShell>
  );
}
