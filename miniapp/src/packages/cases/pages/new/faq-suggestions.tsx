import { Text, View } from '@tarojs/components';
import type { TextSegment } from '@qsgj/shared/contracts';
import PolicyHighlight from '@/components/policy-highlight';
import type { FaqSuggestionsState } from './use-faq-suggestions';

function Card(p: {
  kind: 'faq' | 'policy';
  id: string;
  title: string;
  highlight: { title: TextSegment[]; snippet: TextSegment[] };
  onOpen: (kind: 'faq' | 'policy', id: string) => void;
}) {
  return (
    <View
      className={`case-suggest__card case-suggest__card--${p.kind}`}
      data-id={p.id}
      role="link"
      onClick={() => p.onOpen(p.kind, p.id)}
    >
      <Text className="case-suggest__kind">{p.kind === 'faq' ? '常见问题' : '政策'}</Text>
      <PolicyHighlight className="case-suggest__title" segments={p.highlight.title} fallback={p.title} />
      {p.highlight.snippet.length > 0 && (
        <PolicyHighlight className="case-suggest__snippet" segments={p.highlight.snippet} fallback="" />
      )}
    </View>
  );
}

/** 「这些可能已经回答了您的问题」: entries and policies matching what is typed; nothing when there are none. */
export default function FaqSuggestionCards({ s }: { s: FaqSuggestionsState }) {
  const d = s.data;
  if (!d || (d.faq.length === 0 && d.policies.length === 0)) return null;
  return (
    <View className="case-suggest" role="region" aria-label="这些可能已经回答了您的问题">
      <Text className="case-suggest__head">这些可能已经回答了您的问题</Text>
      {d.faq.map((f) => (
        <Card
          key={f.id}
          kind="faq"
          id={f.id}
          title={f.question}
          highlight={{ title: f.highlight.question, snippet: f.highlight.snippet }}
          onOpen={s.open}
        />
      ))}
      {d.policies.map((p) => (
        <Card key={p.id} kind="policy" id={p.id} title={p.title} highlight={p.highlight} onOpen={s.open} />
      ))}
      <Text className="qs-muted case-suggest__foot">没有找到答案？继续填写并提交，管家会尽快答复您。</Text>
    </View>
  );
}
