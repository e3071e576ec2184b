import { Text, View } from '@tarojs/components';
import type { PolicyMatch } from '@qsgj/shared/contracts';
import './index.scss';

interface Props {
  match: Pick<PolicyMatch, 'met' | 'missing'>;
  className?: string;
}

/** How a policy fits my enterprise, in words: 「符合：…」 chips (green) and 「尚缺：…」 chips (amber). */
export default function PolicyMatchChips({ match, className }: Props) {
  if (match.met.length === 0 && match.missing.length === 0) return null;
  return (
    <View className={`policy-match${className ? ` ${className}` : ''}`}>
      {match.met.map((m, i) => (
        <Text key={`met-${i}`} className="policy-match__chip policy-match__chip--met">
          符合：{m}
        </Text>
      ))}
      {match.missing.map((m, i) => (
        <Text key={`missing-${i}`} className="policy-match__chip policy-match__chip--missing">
          尚缺：{m}
        </Text>
      ))}
    </View>
  );
}
