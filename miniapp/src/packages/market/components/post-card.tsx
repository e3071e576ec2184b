import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { MarketPostCard } from '@qsgj/shared/contracts';
import { openPage } from '@/utils/routes';
import MarketCover from './market-cover';
import { expiryText, MARKET_POST_KIND_LABEL, MARKET_POST_STATUS_LABEL, postPath, statusTone } from './words';
import './post-card.scss';

interface Props {
  post: MarketPostCard;
  /** Show the status (my own posts: 审核中, 已关闭 …); the board shows only posts on it. */
  showStatus?: boolean;
  className?: string;
  children?: ReactNode;
}

/** A 供应/需求 post as a card: kind, title, excerpt, enterprise, district, cover and expiry. A tap opens it. */
export default function PostCard({ post: p, showStatus, className, children }: Props) {
  const kind = MARKET_POST_KIND_LABEL[p.kind];
  return (
    <View className={`market-post-card${className ? ` ${className}` : ''}`} data-id={p.id}>
      <View className="market-post-card__main" role="link" onClick={() => void openPage(postPath(p.id))}>
        <View className="market-post-card__body">
          <View className="market-post-card__head">
            <Text className={`market-post-card__kind market-post-card__kind--${p.kind}`}>{kind}</Text>
            <Text className="market-post-card__title">{p.title}</Text>
          </View>
          {p.excerpt !== '' && <Text className="market-post-card__excerpt">{p.excerpt}</Text>}
          <Text className="market-post-card__enterprise">{p.enterprise.name}</Text>
          <View className="market-post-card__foot">
            <Text>{`${p.district} · ${p.category}`}</Text>
            <Text>{expiryText(p)}</Text>
            {showStatus && (
              <Text className={`qs-tag qs-tag--${statusTone(p.status)}`}>{MARKET_POST_STATUS_LABEL[p.status]}</Text>
            )}
          </View>
        </View>
        <MarketCover className="market-post-card__cover" src={p.cover} alt={`${p.title}的图片`} mark={kind} />
      </View>
      {children}
    </View>
  );
}
