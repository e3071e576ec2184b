import { Text, View } from '@tarojs/components';
import type { ServicePackageItem } from '@qsgj/shared/contracts';
import { openPage, PAGES } from '@/utils/routes';
import { satisfactionText, timeLimitText } from '@/packages/services/words';
import './package-card.scss';

/** A package in the catalogue: name, provider, time limit, applications and satisfaction. A tap opens it. */
export default function PackageCard({ item: p }: { item: ServicePackageItem }) {
  return (
    <View
      className="service-card"
      data-id={p.id}
      role="link"
      onClick={() => void openPage(`${PAGES.servicePackage}?id=${p.id}`)}
    >
      <View className="service-card__head">
        <Text className="service-card__name">{p.name}</Text>
        {!p.active && <Text className="qs-tag qs-tag--bad">已下架</Text>}
      </View>
      <Text className="service-card__provider">{p.provider.name}</Text>
      {p.summary !== '' && <Text className="service-card__summary">{p.summary}</Text>}
      <View className="service-card__foot">
        <Text className="service-card__limit">{timeLimitText(p)}</Text>
        <Text className="service-card__count">{`已申请 ${p.applications} 次`}</Text>
        <Text className="service-card__rate">{satisfactionText(p)}</Text>
      </View>
    </View>
  );
}
