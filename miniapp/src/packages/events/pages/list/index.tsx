import { Button, Text, View } from '@tarojs/components';
import type { EventCard, EventWhen } from '@qsgj/shared/contracts';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { EVENT_KIND_LABEL, EVENT_KIND_VALUES } from '@qsgj/shared/rules';
import { eventTime, placeText, seatState, seatText, seatTone } from '@/packages/events/components/format';
import { useEventsList } from './use-events-list';
import './index.scss';

const WHEN_LABEL: Record<EventWhen, string> = { upcoming: '即将开始', past: '往期活动' };

function Card({ e, onOpen }: { e: EventCard; onOpen: () => void }) {
  const state = seatState(e);
  return (
    <View className="events-list__card" role="link" data-id={e.id} onClick={onOpen}>
      <View className="events-list__head">
        <Text className={`events-list__kind events-list__kind--${e.kind}`}>{EVENT_KIND_LABEL[e.kind]}</Text>
        <Text className={`qs-tag qs-tag--${seatTone(state)} events-list__seats`}>{seatText(e)}</Text>
      </View>
      <Text className="events-list__title">{e.title}</Text>
      {e.speakers !== '' && <Text className="events-list__line events-list__speakers">{e.speakers}</Text>}
      <Text className="events-list__line events-list__time">{eventTime(e)}</Text>
      <Text className="events-list__line events-list__place">{placeText(e)}</Text>
      {e.hasReplay && <Text className="events-list__replay">可看回放</Text>}
    </View>
  );
}

/** 潭商讲堂: lectures, trainings, 轻骑兵 tours and 企业接待日, upcoming or past, by kind. */
function EventsList() {
  const d = useEventsList();
  const { list } = d;
  return (
    <>
      <View className="events-list__tabs" role="tablist">
        {(['upcoming', 'past'] as const).map((w) => (
          <View
            key={w}
            className={`events-list__tab${d.when === w ? ' events-list__tab--on' : ''} events-list__tab--${w}`}
            role="tab"
            aria-selected={d.when === w}
            onClick={() => d.setWhen(w)}
          >
            {WHEN_LABEL[w]}
          </View>
        ))}
      </View>
      <View className="events-list__chips">
        <View
          className={`events-list__chip${d.kind === null ? ' events-list__chip--on' : ''}`}
          role="button"
          aria-pressed={d.kind === null}
          onClick={() => d.setKind(null)}
        >
          全部
        </View>
        {EVENT_KIND_VALUES.map((k) => (
          <View
            key={k}
            className={`events-list__chip events-list__chip--${k}${d.kind === k ? ' events-list__chip--on' : ''}`}
            role="button"
            aria-pressed={d.kind === k}
            onClick={() => d.setKind(k)}
          >
            {EVENT_KIND_LABEL[k]}
          </View>
        ))}
      </View>
      {d.showMine && (
        <View className="events-list__mine" role="link" onClick={d.openMine}>
          <Text className="events-list__mine-text">我的报名与签到码</Text>
          <Text className="events-list__mine-arrow">›</Text>
        </View>
      )}
      <StateView
        {...list.state}
        emptyText={d.when === 'upcoming' ? '暂无即将开始的活动，敬请关注' : '暂无往期活动'}
        emptyAction={
          d.kind !== null ? (
            <Button className="qs-btn qs-btn--plain events-list__all" onClick={() => d.setKind(null)}>
              查看全部类型
            </Button>
          ) : undefined
        }
      >
        <View className="events-list__items">
          {list.items.map((e) => (
            <Card key={e.id} e={e} onOpen={() => d.open(e.id)} />
          ))}
        </View>
        <ListFooter list={list} />
      </StateView>
    </>
  );
}

export default function EventsListPage() {
  return (
    <PageShell className="events-list">
      <EventsList />
    </PageShell>
  );
}
