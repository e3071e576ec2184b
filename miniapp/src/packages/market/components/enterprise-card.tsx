import { Text, View } from '@tarojs/components';
import type { MarketEnterpriseCard } from '@qsgj/shared/contracts';
import MarketCover from './market-cover';
import './enterprise-card.scss';

/** An enterprise of the directory: logo, name, introduction, products, district and industry. Never a contact. */
export default function EnterpriseCard({
  enterprise: e,
  className,
}: {
  enterprise: MarketEnterpriseCard;
  className?: string;
}) {
  const where = [e.district, e.industry].filter(Boolean).join(' · ');
  return (
    <View className={`market-enterprise-card${className ? ` ${className}` : ''}`} data-id={e.id}>
      <MarketCover
        className="market-enterprise-card__logo"
        src={e.logo}
        alt={`${e.name}的标志`}
        mark={Array.from(e.name)[0] ?? '企'}
      />
      <View className="market-enterprise-card__body">
        <Text className="market-enterprise-card__name">{e.name}</Text>
        {where !== '' && <Text className="market-enterprise-card__where">{where}</Text>}
        <Text className="market-enterprise-card__intro">{e.introduction}</Text>
        <Text className="market-enterprise-card__products">{`主营：${e.products}`}</Text>
      </View>
    </View>
  );
}
