import { Text, View } from '@tarojs/components';
import type { CaseSummaryStaff } from '@qsgj/shared/contracts';
import { CASE_SOURCE_LABEL, CASE_STATE_LABEL, CASE_TYPE_LABEL } from '@qsgj/shared/enums';
import { caseTime } from '@/components/case-timeline/format';
import './index.scss';

/** The deadline a row shows: to accept while the case waits for it, else to resolve. */
export function rowDue(c: CaseSummaryStaff): string | null {
  if (c.state === 'submitted' && c.acceptDueAt) return `${caseTime(c.acceptDueAt)} 前受理`;
  if (c.resolveDueAt) return `${caseTime(c.resolveDueAt)} 前办结`;
  return null;
}

interface Props {
  c: CaseSummaryStaff;
  selected?: boolean;
  onOpen: (id: string) => void;
}

/** One case of the queue: number, type and source, enterprise, excerpt, state, butler, deadline and its flags. */
export default function QueueRow({ c, selected, onOpen }: Props) {
  const due = rowDue(c);
  return (
    <View
      className={`wb-queue__row${selected ? ' wb-queue__row--selected' : ''}${c.overdue ? ' wb-queue__row--overdue' : ''}`}
      data-id={c.id}
      onClick={() => onOpen(c.id)}
    >
      <View className="wb-queue__row-head">
        <Text className="wb-queue__number">{c.number}</Text>
        <Text className="wb-queue__state">{CASE_STATE_LABEL[c.state]}</Text>
      </View>
      <Text className="wb-queue__meta">
        {CASE_TYPE_LABEL[c.type]} · {CASE_SOURCE_LABEL[c.source]} ·{' '}
        <Text className="wb-queue__enterprise">{c.enterprise.name}</Text>
      </Text>
      <Text className="wb-queue__excerpt">{c.excerpt}</Text>
      <View className="wb-queue__row-foot">
        <Text className="wb-queue__butler">{c.butler ? `管家 ${c.butler.name}` : '未指派'}</Text>
        {due && <Text className="wb-queue__due">{c.paused ? '计时暂停' : due}</Text>}
        {c.overdue && <Text className="qs-tag qs-tag--bad wb-queue__flag wb-queue__flag--overdue">已超期</Text>}
        {!c.overdue && c.dueSoon && (
          <Text className="qs-tag qs-tag--wait wb-queue__flag wb-queue__flag--due-soon">即将超期</Text>
        )}
        {c.estimatedDeadline && (
          <Text className="qs-tag qs-tag--wait wb-queue__flag wb-queue__flag--calendar">日历待更新</Text>
        )}
      </View>
    </View>
  );
}
