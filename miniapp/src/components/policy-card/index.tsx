import { Text, View } from '@tarojs/components';
import type { PolicyListItem, PolicyMatch } from '@qsgj/shared/contracts';
import { POLICY_LEVEL_LABEL } from '@qsgj/shared/enums';
import PolicyHighlight from '@/components/policy-highlight';
import PolicyMatchChips from '@/components/policy-match';
import { openPage, PAGES } from '@/utils/routes';
import { isExpired, validityText } from './validity';
import './index.scss';

interface Props {
  policy: PolicyListItem;
  /** 为您匹配: how it fits my enterprise (符合 / 尚缺 chips under the card). */
  match?: PolicyMatch;
  className?: string;
}

/**
 * A policy in a list: title (with the query's hits marked), level and category tags, issuer,
 * validity, and the snippet (or summary). A tap opens its detail.
 */
export default function PolicyCard({ policy: p, match, className }: Props) {
  const expired = isExpired(p);
  return (
    <View
      className={`policy-card${expired ? ' policy-card--expired' : ''}${className ? ` ${className}` : ''}`}
      data-id={p.id}
      role="link"
      onClick={() => void openPage(`${PAGES.policyDetail}?id=${p.id}`)}
    >
      <PolicyHighlight className="policy-card__title" segments={p.highlight?.title} fallback={p.title} />
      <View className="policy-card__tags">
        <Text className={`policy-card__level policy-card__level--${p.level}`}>{POLICY_LEVEL_LABEL[p.level]}</Text>
        {p.categories.map((c) => (
          <Text key={c} className="policy-card__category">
            {c}
          </Text>
        ))}
        {expired && <Text className="policy-card__expired">已过期</Text>}
      </View>
      {(p.highlight?.snippet?.length || p.summary) && (
        <PolicyHighlight className="policy-card__snippet" segments={p.highlight?.snippet} fallback={p.summary} />
      )}
      <View className="policy-card__foot">
        <Text className="policy-card__issuer">{p.issuer}</Text>
        <Text className="policy-card__validity">{validityText(p)}</Text>
      </View>
      {match && <PolicyMatchChips match={match} />}
    </View>
  );
}
