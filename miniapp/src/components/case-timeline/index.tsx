import { Text, View } from '@tarojs/components';
import type { CaseTimelineEntry } from '@qsgj/shared/contracts';
import { CASE_ACTION_LABEL, CASE_ACTOR_KIND_LABEL, CASE_STATE_LABEL, CASE_TYPE_LABEL } from '@qsgj/shared/enums';
import { caseDay, caseTime } from './format';
import './index.scss';

/** What a line's `reason` means for each action (the rest say 理由). */
const REASON_LABEL: Partial<Record<CaseTimelineEntry['action'], string>> = {
  request_info: '需补充',
  supplement: '补充说明',
  resume: '说明',
  review: '说明',
  close: '说明',
  extend: '延期理由',
  transfer: '转办理由',
  reject: '不予受理理由',
  convert: '转换理由',
};

function what(e: CaseTimelineEntry): string {
  if (e.action === 'create') return '提交诉求';
  return CASE_ACTION_LABEL[e.action] ?? e.action;
}

function who(e: CaseTimelineEntry): string {
  const kind = CASE_ACTOR_KIND_LABEL[e.actor.kind] ?? '';
  if (e.actor.kind === 'system' || e.actor.kind === 'enterprise') return e.actor.name ?? kind;
  return e.actor.name ? `${kind} ${e.actor.name}` : kind;
}

function Line({ label, text, tone }: { label: string; text: string; tone?: string }) {
  return (
    <View className={`case-timeline__line${tone ? ` case-timeline__line--${tone}` : ''}`}>
      <Text className="case-timeline__label">{label}：</Text>
      <Text className="case-timeline__value">{text}</Text>
    </View>
  );
}

function Entry({ e, last }: { e: CaseTimelineEntry; last: boolean }) {
  const moved = e.from !== null && e.from !== e.to;
  return (
    <View className={`case-timeline__entry${last ? ' case-timeline__entry--last' : ''}`} data-action={e.action}>
      <View className="case-timeline__dot" />
      <View className="case-timeline__body">
        <View className="case-timeline__head">
          <Text className="case-timeline__action">{what(e)}</Text>
          <Text className="case-timeline__state">
            {moved ? `${CASE_STATE_LABEL[e.from!]} → ${CASE_STATE_LABEL[e.to]}` : CASE_STATE_LABEL[e.to]}
          </Text>
        </View>
        <Text className="case-timeline__meta">
          {who(e)} · {caseTime(e.at)}
        </Text>
        {e.department && <Line label="转至" text={e.department.name} />}
        {e.toType && <Line label="转为" text={CASE_TYPE_LABEL[e.toType]} />}
        {typeof e.extensionDays === 'number' && <Line label="延期" text={`${e.extensionDays} 个工作日`} tone="warn" />}
        {e.reason && <Line label={REASON_LABEL[e.action] ?? '理由'} text={e.reason} />}
        {e.result && <Line label="办理结果" text={e.result} />}
        {e.plan && <Line label="推进计划" text={e.plan} />}
        {e.nextReviewOn && <Line label="下次跟踪" text={caseDay(e.nextReviewOn)} />}
      </View>
    </View>
  );
}

interface Props {
  entries: CaseTimelineEntry[];
  className?: string;
}

/**
 * 办理进度: every transition of a case, oldest first and newest last — who, when, what (with the state it moved to),
 * why (reason), and the result / plan / next review date / extension / department it carried. Plain props, no
 * fetching: the enterprise's 诉求详情 and the staff workbench both show it.
 */
export default function CaseTimeline({ entries, className }: Props) {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  if (sorted.length === 0) {
    return (
      <View className={`case-timeline case-timeline--empty ${className ?? ''}`}>
        <Text className="case-timeline__empty">暂无办理记录</Text>
      </View>
    );
  }
  return (
    <View className={`case-timeline ${className ?? ''}`}>
      {sorted.map((e, i) => (
        <Entry key={e.seq} e={e} last={i === sorted.length - 1} />
      ))}
    </View>
  );
}
