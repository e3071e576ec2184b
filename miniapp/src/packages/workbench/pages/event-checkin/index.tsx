import { Button, Input, Picker, Text, View } from '@tarojs/components';
import type { StaffRegistrationItem } from '@qsgj/shared/contracts';
import { CASE_TYPE_LABEL } from '@qsgj/shared/enums';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { IS_WEAPP } from '@/utils/platform';
import {
  EVENT_LIMITS,
  EventChips,
  EventKindTag,
  EventStatusTag,
  eventWhen,
  REGISTRATION_STATUS_TEXT,
  shanghaiParts,
} from '@/packages/workbench/components/event-admin';
import { CASE_TYPES, REGISTRATION_FILTERS, useEventCheckin } from './use-event-checkin';
import './index.scss';

type Checkin = ReturnType<typeof useEventCheckin>;

const clock = (iso: string) => {
  const p = shanghaiParts(iso);
  return `${Number(p.day.slice(5, 7))}月${Number(p.day.slice(8, 10))}日 ${p.time}`;
};

function Attendance({ c }: { c: Checkin }) {
  const a = c.attendance;
  if (!a) return null;
  const figures: Array<[string, string, number]> = [
    ['capacity', '名额', a.capacity],
    ['confirmed', '已报名', a.confirmed],
    ['waitlisted', '候补', a.waitlisted],
    ['checked-in', '已签到', a.checkedIn],
  ];
  if (a.noShow !== null) figures.push(['no-show', '未到', a.noShow]);
  return (
    <View className="wb-checkin__figures">
      {figures.map(([key, label, n]) => (
        <View key={key} className={`wb-checkin__figure wb-checkin__figure--${key}`}>
          <Text className="wb-checkin__figure-n">{n}</Text>
          <Text className="wb-checkin__figure-label">{label}</Text>
        </View>
      ))}
    </View>
  );
}

function Scanner({ c }: { c: Checkin }) {
  const open = c.event?.status === 'published';
  if (!open) return null;
  return (
    <View className="qs-section wb-checkin__scanner">
      {IS_WEAPP ? (
        <Button className="qs-btn wb-checkin__scan" disabled={c.checking} loading={c.checking} onClick={c.scan}>
          扫码签到
        </Button>
      ) : (
        <View className="qs-field wb-checkin__typed">
          <Text className="qs-field__label">签到码（扫码枪扫描或粘贴）</Text>
          <Input
            className="qs-field__input wb-checkin__code"
            value={c.code}
            maxlength={EVENT_LIMITS.checkinCode}
            placeholder="扫描或粘贴报名人的签到码"
            placeholderClass="qs-field__placeholder"
            nativeProps={{ 'aria-label': '签到码' }}
            onInput={(ev) => c.setCode(ev.detail.value)}
            onConfirm={c.submitCode}
          />
          <Button
            className="qs-btn wb-checkin__submit"
            disabled={c.checking}
            loading={c.checking}
            onClick={c.submitCode}
          >
            签到
          </Button>
        </View>
      )}
      <Outcome c={c} />
    </View>
  );
}

function Outcome({ c }: { c: Checkin }) {
  const o = c.outcome;
  if (!o) return null;
  if (o.kind === 'refused') {
    return (
      <View className="wb-checkin__outcome wb-checkin__outcome--refused" role="alert">
        <Text className="wb-checkin__outcome-title">签到未成功</Text>
        <Text className="wb-checkin__outcome-text">{o.message}</Text>
      </View>
    );
  }
  const r = o.result;
  return (
    <View className={`wb-checkin__outcome wb-checkin__outcome--${r.alreadyCheckedIn ? 'again' : 'ok'}`} role="alert">
      <Text className="wb-checkin__outcome-title">{r.alreadyCheckedIn ? '已签到过' : '签到成功'}</Text>
      <Text className="wb-checkin__outcome-name">{r.enterpriseName}</Text>
      {r.contactName && <Text className="wb-checkin__outcome-text">联系人：{r.contactName}</Text>}
      <Text className="wb-checkin__outcome-text">
        {r.alreadyCheckedIn ? `已于 ${clock(r.checkedInAt)} 签到，本次未重复记录` : `签到时间 ${clock(r.checkedInAt)}`}
      </Text>
    </View>
  );
}

function CaseForm({ c }: { c: Checkin }) {
  const d = c.draft!;
  const list = c.departments ?? [];
  const names = ['报名企业的管家所在部门', ...list.map((x) => x.name)];
  const index = Math.max(0, list.findIndex((x) => x.id === d.departmentId) + 1);
  return (
    <View className="wb-checkin__case-form">
      <Text className="qs-field__label">诉求类型</Text>
      <View className="event-chips wb-checkin__case-types">
        {CASE_TYPES.map((t) => (
          <View
            key={t}
            className={`event-chip wb-checkin__case-type--${t}${d.type === t ? ' event-chip--on' : ''}`}
            role="radio"
            aria-checked={d.type === t}
            onClick={() => c.setDraft({ type: t })}
          >
            {CASE_TYPE_LABEL[t]}
          </View>
        ))}
      </View>
      <Text className="qs-field__label">办理部门</Text>
      <Picker
        mode="selector"
        className="wb-checkin__case-department-picker"
        range={names}
        value={index}
        disabled={!c.departments}
        onChange={(ev) => c.setDraft({ departmentId: list[Number(ev.detail.value) - 1]?.id ?? '' })}
      >
        <View className="qs-field__input wb-checkin__case-department">
          {c.departments ? names[index] : '部门加载中…'} ▾
        </View>
      </Picker>
      {c.caseError && (
        <View className="qs-field__error wb-checkin__case-error" role="alert">
          {c.caseError}
        </View>
      )}
      <View className="wb-checkin__row-actions">
        <Button
          className="qs-btn wb-checkin__case-submit"
          disabled={c.converting}
          loading={c.converting}
          onClick={c.toCase}
        >
          确定转为诉求
        </Button>
        <Button className="qs-btn qs-btn--plain wb-checkin__case-close" disabled={c.converting} onClick={c.closeCase}>
          取消
        </Button>
      </View>
    </View>
  );
}

function Topic({ c, r }: { c: Checkin; r: StaffRegistrationItem }) {
  if (!r.topic) return null;
  const made = c.made[r.id];
  return (
    <View className="wb-checkin__topic">
      <Text className="wb-checkin__topic-label">反映的问题</Text>
      <Text className="wb-checkin__topic-text">{r.topic}</Text>
      {r.caseId ? (
        <View className="wb-checkin__case">
          <Text className="wb-checkin__case-done">已转为诉求{made?.caseNumber ? ` ${made.caseNumber}` : ''}</Text>
          <View className="wb-checkin__link wb-checkin__case-open" role="button" onClick={() => c.viewCase(r.caseId!)}>
            查看诉求
          </View>
        </View>
      ) : c.draft?.registrationId === r.id ? (
        <CaseForm c={c} />
      ) : (
        r.status !== 'cancelled' && (
          <Button className="qs-btn qs-btn--plain wb-checkin__to-case" onClick={() => c.openCase(r.id)}>
            转为诉求
          </Button>
        )
      )}
    </View>
  );
}

function Row({ c, r }: { c: Checkin; r: StaffRegistrationItem }) {
  const status =
    r.status === 'waitlisted' && r.waitlistPosition
      ? `候补第 ${r.waitlistPosition} 位`
      : REGISTRATION_STATUS_TEXT[r.status];
  const canTick = r.status === 'confirmed' && !r.checkedInAt && c.event?.status === 'published';
  return (
    <View className="qs-section wb-checkin__row" data-id={r.id}>
      <View className="wb-checkin__row-head">
        <Text
          className={`qs-tag qs-tag--${r.status === 'confirmed' ? 'ok' : r.status === 'waitlisted' ? 'wait' : 'bad'} wb-checkin__status`}
        >
          {status}
        </Text>
        <Text className="wb-checkin__enterprise">{r.enterpriseName}</Text>
      </View>
      <Text className="wb-checkin__contact">
        {[r.contactName, r.phone].filter(Boolean).join(' · ') || '未留联系人'}
      </Text>
      {r.checkedInAt ? (
        <Text className="wb-checkin__checked">✓ 已签到 {clock(r.checkedInAt)}</Text>
      ) : (
        canTick && (
          <Button
            className="qs-btn wb-checkin__tick"
            disabled={c.checking}
            loading={c.ticking === r.id}
            onClick={() => c.tick(r.id)}
          >
            签到
          </Button>
        )
      )}
      <Topic c={c} r={r} />
    </View>
  );
}

/** 活动签到: the event, its attendance, the scanner (or typed code), and the registrations to tick. */
function EventCheckin() {
  const c = useEventCheckin();
  if (!c.staff) return null;
  if (!c.eventId) return <StateView error={new Error('缺少活动编号，请从活动列表进入')} />;
  const { list, event } = c;
  return (
    <View className="wb-checkin">
      <StateView loading={list.loading && !event} error={event ? null : list.error} onRetry={() => void list.reload()}>
        {event && (
          <>
            <View className="qs-section wb-checkin__event">
              <View className="wb-checkin__event-head">
                <EventStatusTag event={event} />
                <EventKindTag event={event} />
              </View>
              <Text className="wb-checkin__title">{event.title}</Text>
              <Text className="wb-checkin__when">{eventWhen(event)}</Text>
              <Attendance c={c} />
              {event.status === 'cancelled' && <Text className="qs-muted">活动已取消，不能签到</Text>}
            </View>
            <Scanner c={c} />
            <View className="qs-section wb-checkin__filters">
              <Text className="qs-section__title">报名名单</Text>
              <EventChips
                className="wb-checkin__filter"
                chips={REGISTRATION_FILTERS}
                value={c.status}
                onChange={c.setStatus}
              />
            </View>
            <StateView {...list.state} emptyText="该状态下暂无报名">
              {list.items.map((r) => (
                <Row key={r.id} c={c} r={r} />
              ))}
              <ListFooter list={list} />
            </StateView>
          </>
        )}
      </StateView>
    </View>
  );
}

export default function EventCheckinPage() {
  return (
    <PageShell className="event-checkin">
      <EventCheckin />
    </PageShell>
  );
}
