import { Button, RichText, Text, View } from '@tarojs/components';
import type { PolicyDetail } from '@qsgj/shared/contracts';
import { POLICY_LEVEL_LABEL } from '@qsgj/shared/enums';
import { caseDay } from '@/components/case-timeline/format';
import PageShell from '@/components/page-shell';
import { isExpired, validityText } from '@/components/policy-card/validity';
import PolicyMatchChips from '@/components/policy-match';
import StateView from '@/components/state-view';
import { IS_WEAPP } from '@/utils/platform';
import { goBack, openPage, PAGES } from '@/utils/routes';
import { ApplyConfirm, canApply, type PolicyApply, usePolicyApply } from './apply';
import { richNodes, splitHtml, useProgressive } from '@/utils/rich-html';
import { type DetailTab, usePolicyDetail } from './use-policy-detail';
import { eligibilityRows } from './words';
import './index.scss';

type Detail = ReturnType<typeof usePolicyDetail>;

function Row({ label, children, className }: { label: string; children: string; className?: string }) {
  return (
    <View className={`policy-detail__row${className ? ` ${className}` : ''}`}>
      <Text className="policy-detail__label">{label}</Text>
      <Text className="policy-detail__value">{children}</Text>
    </View>
  );
}

function Header({ p }: { p: PolicyDetail }) {
  const expired = isExpired(p);
  return (
    <View className="qs-section policy-detail__header">
      <Text className="policy-detail__title">{p.title}</Text>
      <View className="policy-detail__tags">
        <Text className={`policy-detail__level policy-detail__level--${p.level}`}>{POLICY_LEVEL_LABEL[p.level]}</Text>
        {p.categories.map((c) => (
          <Text key={c} className="policy-detail__category">
            {c}
          </Text>
        ))}
        <Text className={`policy-detail__validity-tag policy-detail__validity-tag--${expired ? 'expired' : 'valid'}`}>
          {expired ? '已过期' : '有效期内'}
        </Text>
      </View>
      <Row label="文号" className="policy-detail__doc-number">
        {p.docNumber}
      </Row>
      <Row label="发文单位">{p.issuer}</Row>
      <Row label="有效期" className="policy-detail__validity">
        {expired ? `已过期（${validityText(p)}）` : validityText(p)}
      </Row>
      {p.publishedAt && <Row label="发布日期">{caseDay(p.publishedAt)}</Row>}
      {p.summary !== '' && <Text className="policy-detail__summary">{p.summary}</Text>}
    </View>
  );
}

function Eligibility({ p }: { p: PolicyDetail }) {
  return (
    <View className="qs-section policy-detail__eligibility">
      <Text className="qs-section__title">适用条件</Text>
      {eligibilityRows(p.eligibility).map((r) => (
        <Row key={r.label} label={r.label}>
          {r.value}
        </Row>
      ))}
      {p.match && (
        <View className="policy-detail__match">
          <Text
            className={`policy-detail__match-verdict policy-detail__match-verdict--${p.match.eligible ? 'yes' : 'no'}`}
          >
            {p.match.eligible ? '本企业符合申报条件' : '本企业暂不完全符合'}
          </Text>
          <PolicyMatchChips match={p.match} />
        </View>
      )}
    </View>
  );
}

const TABS: Array<{ key: DetailTab; label: string }> = [
  { key: 'body', label: '正文' },
  { key: 'interpretation', label: '政策解读' },
];

function RichBody({ html, id }: { html: string; id: string }) {
  const pieces = useProgressive(splitHtml(html), id);
  return (
    <View className="policy-detail__rich">
      {pieces.map((piece, i) => (
        <RichText key={i} className="policy-detail__rich-piece" nodes={richNodes(piece)} />
      ))}
    </View>
  );
}

function Content({ d, p }: { d: Detail; p: PolicyDetail }) {
  const html = d.tab === 'body' ? p.body : p.interpretation;
  return (
    <View className="qs-section policy-detail__content">
      <View className="policy-detail__tabs" role="tablist">
        {TABS.map((t) => (
          <View
            key={t.key}
            className={`policy-detail__tab policy-detail__tab--${t.key}${d.tab === t.key ? ' policy-detail__tab--active' : ''}`}
            role="tab"
            aria-selected={d.tab === t.key}
            onClick={() => d.setTab(t.key)}
          >
            {t.label}
          </View>
        ))}
      </View>
      <View className={`policy-detail__panel policy-detail__panel--${d.tab}`} role="tabpanel">
        {html.trim() ? (
          <RichBody html={html} id={`${p.id}:${d.tab}`} />
        ) : (
          <Text className="qs-muted policy-detail__none">{d.tab === 'body' ? '暂无正文' : '暂无政策解读'}</Text>
        )}
      </View>
    </View>
  );
}

function Attachments({ d, p }: { d: Detail; p: PolicyDetail }) {
  if (p.attachments.length === 0 && !p.sourceUrl) return null;
  return (
    <View className="qs-section policy-detail__attachments">
      <Text className="qs-section__title">附件与原文</Text>
      {p.attachments.map((a, i) => (
        <View
          key={`${a.url}-${i}`}
          className="policy-detail__attachment"
          role="link"
          onClick={() => d.openAttachment(a)}
        >
          <Text className="policy-detail__attachment-name">{a.name}</Text>
          <Text className="policy-detail__attachment-go">{IS_WEAPP ? '复制链接' : '打开'}</Text>
        </View>
      ))}
      {p.sourceUrl && (
        <View
          className="policy-detail__attachment policy-detail__source"
          role="link"
          onClick={() => d.openAttachment({ name: '政策原文', url: p.sourceUrl! })}
        >
          <Text className="policy-detail__attachment-name">政策原文</Text>
          <Text className="policy-detail__attachment-go">{IS_WEAPP ? '复制链接' : '打开'}</Text>
        </View>
      )}
      {IS_WEAPP && <Text className="qs-muted">小程序内无法直接打开外部网页，复制后请在浏览器中打开</Text>}
    </View>
  );
}

function Actions({ d, apply, eligible }: { d: Detail; apply: PolicyApply; eligible: boolean }) {
  if (d.staff || apply.confirming) return null;
  return (
    <>
      <View className="policy-detail__spacer" />
      <View className="policy-detail__actions">
        <Button
          className={`qs-btn qs-btn--plain policy-detail__favorite${d.isFavorite ? ' policy-detail__favorite--on' : ''}`}
          disabled={d.favoriteBusy}
          aria-pressed={d.isFavorite}
          onClick={d.toggleFavorite}
        >
          {d.isFavorite ? '已收藏' : '收藏'}
        </Button>
        {IS_WEAPP && (
          <Button className="qs-btn qs-btn--plain policy-detail__share" openType="share">
            分享
          </Button>
        )}
        <Button className={`qs-btn${eligible ? ' qs-btn--plain' : ''} policy-detail__consult`} onClick={d.consult}>
          咨询此政策
        </Button>
        {eligible && (
          <Button className="qs-btn policy-detail__apply" onClick={apply.start}>
            申请享受
          </Button>
        )}
      </View>
    </>
  );
}

function NotFound() {
  return (
    <View className="qs-section policy-detail__not-found" role="alert">
      <Text className="qs-section__title">政策不存在或已撤回</Text>
      <Text className="qs-muted">该政策可能已被撤回，或链接有误。您可以在政策库中查找其他政策。</Text>
      <Button className="qs-btn" onClick={() => void openPage(PAGES.policies)}>
        去政策库
      </Button>
      <Button className="qs-btn qs-btn--plain" onClick={goBack}>
        返回
      </Button>
    </View>
  );
}

/** 政策详情: what the policy is, who it is for (and whether my enterprise fits), its text, 解读 and files. */
function PolicyDetailContent() {
  const d = usePolicyDetail();
  const apply = usePolicyApply(d.id);
  if (d.notFound) return <NotFound />;
  const p = d.policy;
  return (
    <StateView loading={d.loading && !p} error={p ? null : d.error} onRetry={() => void d.reload()}>
      {p && (
        <>
          <Header p={p} />
          <Eligibility p={p} />
          <Content d={d} p={p} />
          <Attachments d={d} p={p} />
          {apply.confirming && <ApplyConfirm a={apply} p={p} />}
          <Actions d={d} apply={apply} eligible={canApply(p, d.staff)} />
        </>
      )}
    </StateView>
  );
}

export default function PolicyDetailPage() {
  return (
    <PageShell className="policy-detail">
      <PolicyDetailContent />
    </PageShell>
  );
}
