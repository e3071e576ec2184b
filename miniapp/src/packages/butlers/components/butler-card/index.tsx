import { Text, View } from '@tarojs/components';
import type { ButlerItem } from '@qsgj/shared/contracts';
import { openPage, PAGES } from '@/utils/routes';
import { initial, satisfactionText } from './figures';
import './index.scss';

interface Props {
  butler: Pick<ButlerItem, 'id' | 'name' | 'specialties' | 'phone'> & {
    department: string | null;
    casesHandled?: number;
    satisfactionRate?: number | null;
  };
  className?: string;
}

/** A butler in the directory: name, department, specialties, the ledger's figures, the phone (masked). A tap opens the detail. */
export default function ButlerCard({ butler: b, className }: Props) {
  return (
    <View
      className={`butler-card${className ? ` ${className}` : ''}`}
      data-id={b.id}
      role="link"
      onClick={() => void openPage(`${PAGES.butlerDetail}?id=${b.id}`)}
    >
      <View className="butler-card__avatar" aria-hidden="true">
        <Text>{initial(b.name)}</Text>
      </View>
      <View className="butler-card__body">
        <View className="butler-card__head">
          <Text className="butler-card__name">{b.name}</Text>
          {b.department && <Text className="butler-card__department">{b.department}</Text>}
        </View>
        {b.specialties.length > 0 && (
          <View className="butler-card__tags">
            {b.specialties.map((s) => (
              <Text key={s} className="butler-card__tag">
                {s}
              </Text>
            ))}
          </View>
        )}
        <Text className="qs-muted butler-card__figures">
          {[
            b.casesHandled === undefined ? null : `服务诉求 ${b.casesHandled} 件`,
            b.satisfactionRate === undefined ? null : satisfactionText(b.satisfactionRate),
            b.phone,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </View>
      <Text className="butler-card__arrow" aria-hidden="true">
        ›
      </Text>
    </View>
  );
}
