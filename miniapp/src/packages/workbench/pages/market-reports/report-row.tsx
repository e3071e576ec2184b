import { Button, Text, Textarea, View } from '@tarojs/components';
import type { MarketReportItem } from '@qsgj/shared/contracts';
import { MARKET_POST_KIND_LABEL, MARKET_POST_STATUS_LABEL, MARKET_REASON_MAX, textLength } from '@qsgj/shared/rules';
import { policyTime } from '@/packages/workbench/components/policy-admin';
import { useDecision } from './use-market-reports';

export const SOURCE_LABEL: Record<MarketReportItem['source'], string> = {
  user: '用户举报',
  content_check: '内容审核',
};

/** A report's state in words: 待处理, or what was decided. */
export function reportStatusText(r: Pick<MarketReportItem, 'status' | 'source'>): string {
  if (r.status === 'open') return '待处理';
  if (r.status === 'upheld') return '已下架';
  return r.source === 'content_check' ? '已放行' : '已驳回';
}

const TONE: Record<MarketReportItem['status'], string> = { open: 'wait', upheld: 'bad', dismissed: 'ok' };

function Decide({ r, onDecided }: { r: MarketReportItem; onDecided: (r: MarketReportItem) => void }) {
  const d = useDecision(r, onDecided);
  const held = r.source === 'content_check';
  return (
    <View className="wb-market__decide">
      <Text className="qs-field__label">处理意见</Text>
      <Textarea
        className={`wb-market__note${d.noteError ? ' wb-market__note--error' : ''}`}
        value={d.note}
        maxlength={MARKET_REASON_MAX}
        placeholder="下架时发布方会看到这段意见"
        placeholderClass="qs-field__placeholder"
        disableDefaultPadding
        nativeProps={{ 'aria-label': '处理意见' }}
        onInput={(e) => d.setNote(e.detail.value)}
      />
      <View className="wb-market__foot">
        {d.noteError ? (
          <Text className="qs-field__error wb-market__note-error">{d.noteError}</Text>
        ) : (
          <Text className="qs-field__hint">必填</Text>
        )}
        <Text className="wb-market__count">{`${textLength(d.note)}/${MARKET_REASON_MAX}`}</Text>
      </View>
      {d.error && (
        <View className="qs-field__error wb-market__error" role="alert">
          {d.error}
        </View>
      )}
      {d.confirm === null ? (
        <View className="wb-market__buttons">
          <Button className="qs-btn qs-btn--danger wb-market__takedown" disabled={d.busy} onClick={() => d.ask(true)}>
            下架
          </Button>
          <Button className="qs-btn qs-btn--plain wb-market__dismiss" disabled={d.busy} onClick={() => d.ask(false)}>
            {held ? '通过' : '驳回'}
          </Button>
        </View>
      ) : (
        <View className="wb-market__confirm" role="alert">
          <Text className="wb-market__confirm-text">
            {d.confirm
              ? `确定下架「${r.post.title}」吗？它将立即从供需广场移除，发布方会收到通知并看到处理意见。`
              : held
                ? `确定通过「${r.post.title}」吗？它将在供需广场展示。`
                : '确定驳回该举报吗？这条信息将继续展示。'}
          </Text>
          <Button
            className={`qs-btn ${d.confirm ? 'qs-btn--danger ' : ''}wb-market__confirm-ok`}
            disabled={d.busy}
            loading={d.busy}
            onClick={d.decide}
          >
            {d.confirm ? '确定下架' : held ? '确定通过' : '确定驳回'}
          </Button>
          <Button className="qs-btn qs-btn--plain wb-market__confirm-cancel" disabled={d.busy} onClick={d.cancel}>
            取消
          </Button>
        </View>
      )}
    </View>
  );
}

/** One report: where it came from, why, the post it is about, and its decision (or the form to decide). */
export function ReportRow({
  r,
  onDecided,
  onOpen,
}: {
  r: MarketReportItem;
  onDecided: (r: MarketReportItem) => void;
  onOpen: (postId: string) => void;
}) {
  const p = r.post;
  return (
    <View className={`qs-section wb-market__report wb-market__report--${r.status}`} data-id={r.id} data-post={p.id}>
      <View className="wb-market__head">
        <Text className={`qs-tag wb-market__source wb-market__source--${r.source}`}>{SOURCE_LABEL[r.source]}</Text>
        <Text className={`qs-tag qs-tag--${TONE[r.status]} wb-market__status`}>{reportStatusText(r)}</Text>
        <Text className="qs-muted wb-market__time">{policyTime(r.createdAt)}</Text>
      </View>
      <Text className="wb-market__reason">
        {r.source === 'user' ? '举报理由：' : '审核提示：'}
        {r.reason}
      </Text>
      <View className="wb-market__post">
        <View className="wb-market__post-head">
          <Text className={`qs-tag wb-market__kind wb-market__kind--${p.kind}`}>{MARKET_POST_KIND_LABEL[p.kind]}</Text>
          <Text className="wb-market__title">{p.title}</Text>
        </View>
        <Text className="qs-muted wb-market__meta">
          {`${p.enterprise.name} · ${p.category} · ${p.district} · ${MARKET_POST_STATUS_LABEL[p.status]}`}
        </Text>
        <Text className="wb-market__description">{p.description}</Text>
        <View className="wb-market__open" role="button" onClick={() => onOpen(p.id)}>
          查看信息详情
        </View>
      </View>
      {r.status === 'open' ? (
        <Decide r={r} onDecided={onDecided} />
      ) : (
        <View className="wb-market__result" role="status">
          <Text className="wb-market__result-head">
            {`${reportStatusText(r)}${r.decidedAt ? ` · ${policyTime(r.decidedAt)}` : ''}`}
          </Text>
          {r.note && <Text className="wb-market__result-note">处理意见：{r.note}</Text>}
        </View>
      )}
    </View>
  );
}
