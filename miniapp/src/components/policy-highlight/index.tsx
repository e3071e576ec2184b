import { Text } from '@tarojs/components';
import type { TextSegment } from '@qsgj/shared/contracts';
import './index.scss';

interface Props {
  /** The server's segments (`hit: true` where the query matched); null or empty → `fallback`. */
  segments?: TextSegment[] | null;
  /** The plain text when there are no segments (no query, or a list without highlights). */
  fallback: string;
  className?: string;
}

/**
 * Text with the matched words marked: every segment is a Text span, the hits carrying
 * `policy-hl__hit`. The segments are text, never HTML — a `<b>` in a title shows as `<b>`.
 */
export default function PolicyHighlight({ segments, fallback, className }: Props) {
  const cls = `policy-hl${className ? ` ${className}` : ''}`;
  if (!segments || segments.length === 0) return <Text className={cls}>{fallback}</Text>;
  return (
    <Text className={cls}>
      {segments.map((s, i) =>
        s.hit ? (
          <Text key={i} className="policy-hl__hit">
            {s.text}
          </Text>
        ) : (
          <Text key={i}>{s.text}</Text>
        ),
      )}
    </Text>
  );
}
