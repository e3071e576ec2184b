import { RichText, Text, View } from '@tarojs/components';
import type { PolicyDetail } from '@qsgj/shared/contracts';
import { POLICY_LEVEL_LABEL } from '@qsgj/shared/enums';
import { eligibilityReading } from '@/packages/workbench/components/policy-form/eligibility';
import './index.scss';

export type PreviewPolicy = Pick<
  PolicyDetail,
  | 'title'
  | 'docNumber'
  | 'issuer'
  | 'level'
  | 'categories'
  | 'validFrom'
  | 'validTo'
  | 'summary'
  | 'body'
  | 'interpretation'
  | 'attachments'
  | 'sourceUrl'
  | 'eligibility'
>;

function validity(p: PreviewPolicy): string {
  if (!p.validFrom && !p.validTo) return '长期有效';
  return `${p.validFrom ?? '即日起'} 至 ${p.validTo ?? '长期'}`;
}

/** A policy as the enterprise will read it (the editor's 预览): `body` and `interpretation` are safe HTML. */
export default function PolicyPreview({ policy: p }: { policy: PreviewPolicy }) {
  return (
    <View className="policy-preview">
      <View className="qs-section">
        <Text className="policy-preview__title">{p.title || '（未填写标题）'}</Text>
        <View className="policy-preview__tags">
          <Text className="qs-tag qs-tag--ok">{POLICY_LEVEL_LABEL[p.level]}</Text>
          {p.categories.map((c) => (
            <Text key={c} className="qs-tag qs-tag--wait">
              {c}
            </Text>
          ))}
        </View>
        <Text className="policy-preview__meta">
          {p.docNumber} · {p.issuer}
        </Text>
        <Text className="policy-preview__meta">有效期：{validity(p)}</Text>
        <Text className="policy-preview__who">适用对象：{eligibilityReading(p.eligibility, p.level)}</Text>
        {p.summary && <Text className="policy-preview__summary">{p.summary}</Text>}
      </View>
      <View className="qs-section policy-preview__body">
        <Text className="qs-section__title">政策原文</Text>
        {p.body ? <RichText nodes={p.body} /> : <Text className="qs-muted">（暂无正文）</Text>}
      </View>
      {p.interpretation && (
        <View className="qs-section policy-preview__interpretation">
          <Text className="qs-section__title">政策解读</Text>
          <RichText nodes={p.interpretation} />
        </View>
      )}
      {(p.attachments.length > 0 || p.sourceUrl) && (
        <View className="qs-section policy-preview__links">
          {p.attachments.map((a) => (
            <Text key={`${a.name}-${a.url}`} className="policy-preview__attachment">
              附件：{a.name}（{a.url}）
            </Text>
          ))}
          {p.sourceUrl && <Text className="policy-preview__source">原文链接：{p.sourceUrl}</Text>}
        </View>
      )}
    </View>
  );
}
