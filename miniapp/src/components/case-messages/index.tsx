import { Text, View } from '@tarojs/components';
import type { CaseMessageItem } from '@qsgj/shared/contracts';
import AuthedImage from '@/components/authed-image';
import { caseTime } from '@/components/case-timeline/format';
import './index.scss';

type Side = CaseMessageItem['author']['kind'];

interface Props {
  messages: CaseMessageItem[];
  /** Whose screen this is: their own messages sit on the right. The enterprise's by default (我的诉求). */
  viewer?: Side;
  className?: string;
}

function authorName(m: CaseMessageItem): string {
  if (m.author.name) return m.author.name;
  return m.author.kind === 'enterprise' ? '企业' : '工作人员';
}

function Bubble({ m, mine }: { m: CaseMessageItem; mine: boolean }) {
  const gallery = m.images.map((img) => img.url);
  return (
    <View
      className={`case-messages__item case-messages__item--${m.author.kind}${mine ? ' case-messages__item--mine' : ''}`}
      data-id={m.id}
    >
      <Text className="case-messages__meta">
        {authorName(m)} · {caseTime(m.at)}
      </Text>
      <View className="case-messages__bubble">
        {m.content ? <Text className="case-messages__text">{m.content}</Text> : null}
        {m.images.length > 0 && (
          <View className="case-messages__images">
            {m.images.map((img) => (
              <AuthedImage
                key={img.id}
                className="case-messages__image"
                src={img.url}
                gallery={gallery}
                alt="留言图片"
              />
            ))}
          </View>
        )}
      </View>
    </View>
  );
}

/**
 * 沟通记录: the conversation between the enterprise and staff as bubbles, oldest first — the enterprise on the right and
 * staff on the left (flipped with `viewer="staff"`), images downloaded with the sign-in. Plain props, no fetching.
 */
export default function CaseMessages({ messages, viewer = 'enterprise', className }: Props) {
  if (messages.length === 0) {
    return (
      <View className={`case-messages case-messages--empty ${className ?? ''}`}>
        <Text className="case-messages__empty">还没有留言</Text>
      </View>
    );
  }
  const sorted = [...messages].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <View className={`case-messages ${className ?? ''}`}>
      {sorted.map((m) => (
        <Bubble key={m.id} m={m} mine={m.author.kind === viewer} />
      ))}
    </View>
  );
}
