import { Button, Text, View } from '@tarojs/components';
import type { MyRegistrationItem } from '@qsgj/shared/contracts';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { caseTime } from '@/components/case-timeline/format';
import { CALENDAR_LABEL } from '@/packages/events/components/calendar';
import CheckinQr from '@/packages/events/components/checkin-qr';
import { EVENT_KIND_LABEL } from '@qsgj/shared/rules';
import { eventTime, isLive, placeText, registrationText } from '@/packages/events/components/format';
import { useMyRegistrations } from './use-my-registrations';
import './index.scss';

type Mine = ReturnType<typeof useMyRegistrations>;

function Registration({ r, d }: { r: MyRegistrationItem; d: Mine }) {
  const e = r.event;
  const over = e.ended || e.status === 'cancelled';
  return (
    <View className={`qs-section events-mine__item events-mine__item--${r.status}`} data-id={r.id}>
      <View className="events-mine__head">
        <Text className="events-mine__kind">{EVENT_KIND_LABEL[e.kind]}</Text>
        <Text className={`qs-tag events-mine__status events-mine__status--${r.status}`}>
          {r.checkedInAt ? '已签到' : registrationText(r)}
        </Text>
      </View>
      <View className="events-mine__title" role="link" onClick={() => d.open(e.id)}>
        {e.title}
      </View>
      <Text className="events-mine__line events-mine__time">{eventTime(e)}</Text>
      <Text className="events-mine__line events-mine__place">{placeText(e)}</Text>
      {e.status === 'cancelled' && <Text className="events-mine__note">活动已取消</Text>}
      {e.ended && e.status !== 'cancelled' && <Text className="events-mine__note">活动已结束</Text>}
      {r.topic && <Text className="events-mine__line">{`反映的问题：${r.topic}`}</Text>}
      {r.checkedInAt ? (
        <Text className="events-mine__checked">{`已于 ${caseTime(r.checkedInAt)} 签到`}</Text>
      ) : (
        r.checkin && <CheckinQr checkin={r.checkin} title={e.title} />
      )}
      {r.status === 'waitlisted' && (
        <Text className="events-mine__line">有企业取消报名时按候补顺序递补，届时将通知您。</Text>
      )}
      {isLive(r) && !over && (
        <Button
          className="qs-btn qs-btn--plain events-mine__calendar"
          loading={d.adding === r.id}
          disabled={d.adding !== null}
          onClick={() => d.addCalendar(r)}
        >
          {CALENDAR_LABEL}
        </Button>
      )}
    </View>
  );
}

/** 我的报名: my registrations, the check-in QR of each seat, 已签到, and 加入日历. */
function MyRegistrations() {
  const d = useMyRegistrations();
  const { list } = d;
  if (!d.signedIn) {
    return (
      <View className="qs-section events-mine__gate">
        <Text className="qs-section__title">我的报名</Text>
        <Text className="qs-muted">
          {d.staff ? '工作人员请在工作台的「活动管理」中查看报名和签到。' : '登录后查看您报名的活动和签到码。'}
        </Text>
        {!d.staff && (
          <Button className="qs-btn events-mine__login" onClick={d.signIn}>
            登录
          </Button>
        )}
        <Button className="qs-btn qs-btn--plain" onClick={d.openList}>
          去潭商讲堂
        </Button>
      </View>
    );
  }
  return (
    <StateView
      {...list.state}
      emptyText="您还没有报名活动"
      emptyAction={
        <Button className="qs-btn events-mine__browse" onClick={d.openList}>
          去潭商讲堂看看
        </Button>
      }
    >
      <View className="events-mine__items">
        {list.items.map((r) => (
          <Registration key={r.id} r={r} d={d} />
        ))}
      </View>
      <ListFooter list={list} />
    </StateView>
  );
}

export default function EventsMinePage() {
  return (
    <PageShell className="events-mine">
      <MyRegistrations />
    </PageShell>
  );
}
