import { Button, Text, Textarea, View } from '@tarojs/components';
import type { EventDetail } from '@qsgj/shared/contracts';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { IS_WEAPP } from '@/utils/platform';
import { goBack, openPage, PAGES } from '@/utils/routes';
import { EVENT_KIND_LABEL, EVENT_TOPIC_MAX } from '@qsgj/shared/rules';
import {
  audienceText,
  eventTime,
  instantText,
  placeText,
  registrationText,
  seatState,
  seatText,
  seatTone,
  speakersLabel,
} from '@/packages/events/components/format';
import { useEventDetail } from './use-event-detail';
import './index.scss';

type Detail = ReturnType<typeof useEventDetail>;

function Row({ label, children, className }: { label: string; children: string; className?: string }) {
  return (
    <View className={`event-detail__row${className ? ` ${className}` : ''}`}>
      <Text className="event-detail__label">{label}</Text>
      <Text className="event-detail__value">{children}</Text>
    </View>
  );
}

function Header({ e }: { e: EventDetail }) {
  const state = seatState(e);
  return (
    <View className="qs-section event-detail__header">
      <View className="event-detail__tags">
        <Text className="event-detail__kind">{EVENT_KIND_LABEL[e.kind]}</Text>
        <Text className={`qs-tag qs-tag--${seatTone(state)} event-detail__seats`}>{seatText(e)}</Text>
      </View>
      <Text className="event-detail__title">{e.title}</Text>
      {e.status === 'cancelled' && (
        <View className="event-detail__cancelled" role="note">
          <Text className="event-detail__cancelled-title">本活动已取消</Text>
          {e.cancelReason && <Text className="event-detail__cancelled-reason">{`原因：${e.cancelReason}`}</Text>}
        </View>
      )}
    </View>
  );
}

function Facts({ e, d }: { e: EventDetail; d: Detail }) {
  const hasMap = e.latitude !== null && e.longitude !== null;
  return (
    <View className="qs-section event-detail__facts">
      <Row label="时间" className="event-detail__time">
        {eventTime(e)}
      </Row>
      <View className="event-detail__row event-detail__place">
        <Text className="event-detail__label">地点</Text>
        <View className="event-detail__value">
          <Text className="event-detail__place-text">{placeText(e)}</Text>
          {hasMap && (
            <View className="event-detail__link event-detail__map" role="button" onClick={d.openMap}>
              查看地图
            </View>
          )}
          {e.onlineUrl && (
            <View className="event-detail__link event-detail__online" role="button" onClick={d.copyOnline}>
              复制直播链接
            </View>
          )}
        </View>
      </View>
      {e.speakers !== '' && <Row label={speakersLabel(e.kind)}>{e.speakers}</Row>}
      <Row label="报名截止" className="event-detail__deadline">
        {instantText(e.signupDeadline)}
      </Row>
      <Row label="名额" className="event-detail__capacity">
        {`共 ${e.capacity} 席，剩余 ${e.seatsLeft} 席${e.waitlisted > 0 ? `，${e.waitlisted} 人候补` : ''}`}
      </Row>
      <Row label="面向">{audienceText(e)}</Row>
      {e.organizerDepartment && <Row label="主办">{e.organizerDepartment}</Row>}
    </View>
  );
}

function Description({ e }: { e: EventDetail }) {
  if (!e.description.trim()) return null;
  return (
    <View className="qs-section event-detail__description">
      <Text className="qs-section__title">活动介绍</Text>
      {e.description.split('\n').map((line, i) => (
        <Text key={i} className="event-detail__para">
          {line}
        </Text>
      ))}
    </View>
  );
}

function Materials({ e, d }: { e: EventDetail; d: Detail }) {
  if (!e.materials.length && !e.replayUrl) return null;
  const items = [...e.materials, ...(e.replayUrl ? [{ name: '活动回放', url: e.replayUrl }] : [])];
  return (
    <View className="qs-section event-detail__materials">
      <Text className="qs-section__title">资料与回放</Text>
      {items.map((m, i) => (
        <View key={i} className="event-detail__material">
          <Text className="event-detail__material-name">{m.name}</Text>
          <View className="event-detail__link" role="button" onClick={() => d.copyLink(m.url)}>
            复制链接
          </View>
        </View>
      ))}
    </View>
  );
}

function Registered({ e, d }: { e: EventDetail; d: Detail }) {
  const r = e.myRegistration!;
  const started = Date.parse(e.startsAt) <= Date.now();
  return (
    <View className="event-detail__mine">
      <View className={`event-detail__mine-status event-detail__mine-status--${r.status}`} role="status">
        {registrationText(r)}
      </View>
      <Text className="qs-muted event-detail__mine-hint">
        {r.status === 'confirmed'
          ? '请在活动当天出示签到码，工作人员扫码签到。'
          : '有企业取消报名时，将按候补顺序递补，并通知您。'}
      </Text>
      {r.topic && <Text className="event-detail__mine-topic">{`反映的问题：${r.topic}`}</Text>}
      {d.confirmingCancel ? (
        <View className="event-detail__confirm" role="group" aria-label="确认取消报名">
          <Text className="event-detail__confirm-text">
            {r.status === 'confirmed' ? '确定取消报名吗？您的名额将让给候补的企业。' : '确定放弃候补吗？'}
          </Text>
          {d.cancelError && <Text className="qs-field__error event-detail__error">{d.cancelError}</Text>}
          <View className="event-detail__buttons">
            <Button className="qs-btn qs-btn--plain event-detail__keep" disabled={d.cancelling} onClick={d.keep}>
              暂不取消
            </Button>
            <Button
              className="qs-btn qs-btn--danger event-detail__cancel-confirm"
              loading={d.cancelling}
              disabled={d.cancelling}
              onClick={d.cancel}
            >
              确认取消
            </Button>
          </View>
        </View>
      ) : (
        <View className="event-detail__buttons">
          {r.status === 'confirmed' && (
            <Button className="qs-btn event-detail__code" onClick={d.openMine}>
              查看签到码
            </Button>
          )}
          {!started && (
            <Button className="qs-btn qs-btn--plain event-detail__cancel" onClick={d.askCancel}>
              {r.status === 'confirmed' ? '取消报名' : '放弃候补'}
            </Button>
          )}
        </View>
      )}
    </View>
  );
}

function Signup({ e, d }: { e: EventDetail; d: Detail }) {
  const full = d.gate === 'waitlist';
  return (
    <View className="event-detail__signup">
      {full && <Text className="qs-muted event-detail__full">名额已满，报名后进入候补，有人取消时按顺序递补。</Text>}
      {e.kind === 'reception_day' && (
        <View className="qs-field event-detail__topic">
          <Text className="qs-field__label">想反映的问题（选填）</Text>
          <Textarea
            className="event-detail__topic-input"
            value={d.topic}
            maxlength={EVENT_TOPIC_MAX}
            placeholder="如需要协调的事项、遇到的困难，便于有关部门提前准备"
            placeholderClass="qs-field__placeholder"
            disableDefaultPadding
            nativeProps={{ 'aria-label': '想反映的问题' }}
            onInput={(ev) => d.setTopic(ev.detail.value)}
          />
        </View>
      )}
      {d.signError && (
        <View className="qs-field__error event-detail__error" role="alert">
          {d.signError}
        </View>
      )}
      <Button className="qs-btn event-detail__register" loading={d.signing} disabled={d.signing} onClick={d.register}>
        {full ? '报名候补' : '立即报名'}
      </Button>
    </View>
  );
}

const CLOSED_TEXT: Partial<Record<NonNullable<Detail['gate']>, string>> = {
  closed: '报名已截止',
  started: '活动已开始，报名已结束',
  ended: '活动已结束',
  cancelled: '活动已取消，不能报名',
  staff: '工作人员请在工作台的「活动管理」中查看报名和签到',
};

function Action({ e, d }: { e: EventDetail; d: Detail }) {
  let body;
  switch (d.gate) {
    case 'registered':
      body = <Registered e={e} d={d} />;
      break;
    case 'open':
    case 'waitlist':
      body = <Signup e={e} d={d} />;
      break;
    case 'visitor':
      body = (
        <>
          <Text className="qs-muted event-detail__why">报名需要登录并绑定企业。</Text>
          <Button className="qs-btn event-detail__login" onClick={d.signIn}>
            登录后报名
          </Button>
        </>
      );
      break;
    case 'unbound':
      body = (
        <>
          <Text className="event-detail__why">报名以企业为单位：请先绑定您的企业，通过审核后即可报名。</Text>
          <Button className="qs-btn event-detail__bind" onClick={d.bind}>
            去绑定企业
          </Button>
        </>
      );
      break;
    case 'pending':
      body = <Text className="event-detail__why">您的企业绑定申请正在审核中，审核通过后即可报名。</Text>;
      break;
    default:
      body = <Text className="event-detail__closed">{CLOSED_TEXT[d.gate!] ?? ''}</Text>;
  }
  return (
    <View className="qs-section event-detail__action">
      <Text className="qs-section__title">报名</Text>
      {body}
    </View>
  );
}

function NotFound() {
  return (
    <View className="qs-section event-detail__not-found" role="alert">
      <Text className="qs-section__title">活动不存在或未发布</Text>
      <Text className="qs-muted">该活动可能尚未发布，或链接有误。您可以在潭商讲堂查看其他活动。</Text>
      <Button className="qs-btn" onClick={() => void openPage(PAGES.events)}>
        去潭商讲堂
      </Button>
      <Button className="qs-btn qs-btn--plain" onClick={goBack}>
        返回
      </Button>
    </View>
  );
}

/** 活动详情: everything about the event, and signing up (or the registration: seat, waitlist place, cancel). */
function Content() {
  const d = useEventDetail();
  if (d.notFound) return <NotFound />;
  const e = d.event;
  return (
    <StateView loading={d.loading && !e} error={e ? null : d.error} onRetry={() => void d.reload()}>
      {e && (
        <>
          <Header e={e} />
          <Facts e={e} d={d} />
          <Action e={e} d={d} />
          <Description e={e} />
          <Materials e={e} d={d} />
          <View className="event-detail__footer">
            <Button className="qs-btn qs-btn--plain event-detail__more" onClick={d.openList}>
              更多活动
            </Button>
            {IS_WEAPP ? (
              <Button className="qs-btn event-detail__share" openType="share">
                分享
              </Button>
            ) : (
              <Button className="qs-btn event-detail__share" onClick={d.share}>
                分享
              </Button>
            )}
          </View>
        </>
      )}
    </StateView>
  );
}

export default function EventsDetailPage() {
  return (
    <PageShell className="event-detail">
      <Content />
    </PageShell>
  );
}
