import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { EventCard } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { useStore } from '@/hooks/use-store';
import { isStaff, sessionStore } from '@/stores/session';
import { PAGES } from '@/utils/routes';
import { EVENT_KIND_TEXT, eventStateText } from './labels';
import './index.scss';

export * from './labels';

const TONE = { draft: 'wait', published: 'ok', cancelled: 'bad', ended: 'muted' } as const;

/** 草稿 / 已发布 / 已取消 / 已结束, in words and colour. */
export function EventStatusTag({ event }: { event: Pick<EventCard, 'status' | 'ended'> }) {
  const key = event.status === 'published' && event.ended ? 'ended' : event.status;
  return (
    <Text className={`qs-tag qs-tag--${TONE[key]} event-status event-status--${key}`}>{eventStateText(event)}</Text>
  );
}

/** 讲座 / 培训 / 政策宣讲（轻骑兵） / 企业接待日. */
export function EventKindTag({ event }: { event: Pick<EventCard, 'kind'> }) {
  return <Text className={`event-kind event-kind--${event.kind}`}>{EVENT_KIND_TEXT[event.kind]}</Text>;
}

/**
 * Who is using the workbench's event pages: any staff member checks in, an admin also edits. Anyone not signed in
 * as staff goes to the staff sign-in.
 */
export function useEventStaff(): { staff: boolean; admin: boolean } {
  const session = useStore(sessionStore);
  useDidShow(() => {
    if (!isStaff(sessionStore.get())) void Taro.redirectTo({ url: PAGES.staffLogin });
  });
  const staff = isStaff(session);
  return { staff, admin: staff && session?.user.role === Role.ADMIN };
}

/** A row of filter chips (one chosen), each a tap target saying whether it is on. */
export function EventChips<K extends string>({
  className,
  chips,
  value,
  onChange,
}: {
  className: string;
  chips: ReadonlyArray<{ key: K; label: string }>;
  value: K;
  onChange: (key: K) => void;
}) {
  return (
    <View className={`event-chips ${className}`}>
      {chips.map((c) => (
        <View
          key={c.key}
          className={`event-chip ${className}--${c.key}${c.key === value ? ' event-chip--on' : ''}`}
          role="button"
          aria-pressed={c.key === value}
          onClick={() => onChange(c.key)}
        >
          {c.label}
        </View>
      ))}
    </View>
  );
}
