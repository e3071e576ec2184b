import { Button, Text, View } from '@tarojs/components';
import type { AdminEventItem, EventCard } from '@qsgj/shared/contracts';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import {
  EventChips,
  EventKindTag,
  EventStatusTag,
  eventWhen,
  seatsTaken,
} from '@/packages/workbench/components/event-admin';
import { STATUS_FILTERS, useStaffEvents, WHEN_FILTERS } from './use-staff-events';
import './index.scss';

type Events = ReturnType<typeof useStaffEvents>;

function Summary({ e }: { e: EventCard }) {
  return (
    <>
      <View className="wb-events__head">
        <EventStatusTag event={e} />
        <EventKindTag event={e} />
      </View>
      <Text className="wb-events__title">{e.title}</Text>
      <Text className="wb-events__when">{eventWhen(e)}</Text>
      <Text className="wb-events__place">{e.place ?? (e.online ? '线上活动' : '')}</Text>
    </>
  );
}

function AdminRow({ e, s }: { e: AdminEventItem; s: Events }) {
  const live = e.status === 'published';
  return (
    <View className="qs-section wb-events__row" data-id={e.id}>
      <Summary e={e} />
      <Text className="wb-events__counts">
        名额 {e.capacity} · 已报名 {seatsTaken(e)}
        {e.waitlisted ? ` · 候补 ${e.waitlisted}` : ''} · 已签到 {e.checkedIn}
      </Text>
      <View className="wb-events__actions">
        <Button className="qs-btn qs-btn--plain wb-events__edit" onClick={() => s.edit(e.id)}>
          编辑
        </Button>
        {live && (
          <Button className="qs-btn wb-events__checkin" onClick={() => s.checkin(e.id)}>
            签到
          </Button>
        )}
      </View>
    </View>
  );
}

function StaffRow({ e, s }: { e: EventCard; s: Events }) {
  return (
    <View className="qs-section wb-events__row" data-id={e.id}>
      <Summary e={e} />
      <Text className="wb-events__counts">
        名额 {e.capacity} · 已报名 {seatsTaken(e)}
        {e.waitlisted ? ` · 候补 ${e.waitlisted}` : ''}
      </Text>
      <View className="wb-events__actions">
        <Button className="qs-btn wb-events__checkin" onClick={() => s.checkin(e.id)}>
          签到
        </Button>
      </View>
    </View>
  );
}

/** Admins: every event by status, 新建活动, 编辑 / 签到. */
function AdminEvents({ s }: { s: Events }) {
  const list = s.adminList;
  return (
    <>
      <View className="qs-section wb-events__top">
        <Text className="qs-section__title">活动管理</Text>
        <Button className="qs-btn wb-events__new" onClick={s.create}>
          新建活动
        </Button>
        <EventChips className="wb-events__status" chips={STATUS_FILTERS} value={s.status} onChange={s.setStatus} />
      </View>
      <StateView {...list.state} emptyText="该状态下暂无活动">
        {list.items.map((e) => (
          <AdminRow key={e.id} e={e} s={s} />
        ))}
        <ListFooter list={list} />
      </StateView>
    </>
  );
}

/** Butlers and supervisors: the published events to check in, upcoming or just ended. */
function StaffEvents({ s }: { s: Events }) {
  const list = s.staffList;
  return (
    <>
      <View className="qs-section wb-events__top">
        <Text className="qs-section__title">活动签到</Text>
        <Text className="qs-muted">选择活动后扫描报名人的签到码，或在名单中勾选签到</Text>
        <EventChips className="wb-events__when-filter" chips={WHEN_FILTERS} value={s.when} onChange={s.setWhen} />
      </View>
      <StateView {...list.state} emptyText={s.when === 'upcoming' ? '暂无即将开始的活动' : '暂无已结束的活动'}>
        {list.items.map((e) => (
          <StaffRow key={e.id} e={e} s={s} />
        ))}
        <ListFooter list={list} />
      </StateView>
    </>
  );
}

function Events() {
  const s = useStaffEvents();
  if (!s.staff) return null;
  return <View className="wb-events">{s.admin ? <AdminEvents s={s} /> : <StaffEvents s={s} />}</View>;
}

export default function StaffEventsPage() {
  return (
    <PageShell className="staff-events">
      <Events />
    </PageShell>
  );
}
